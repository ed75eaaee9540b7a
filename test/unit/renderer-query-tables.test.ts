import { describe, expect, it } from 'vitest';
import { contract, idempotencyKeySchema, isMethodName } from '../../shared/contract';
import { MUTATION_WRITES, QUERY_READS, readsAny } from '../../renderer/src/api/method-tables';
import { newIdempotencyKey } from '../../renderer/src/api/use-intent-key';

describe('which queries a table change refetches', () => {
  it('refetches a query when a table it reads changed, and only then', () => {
    expect(readsAny('accounts.get', new Set(['entries']))).toBe(true);
    expect(readsAny('products.list', new Set(['entries', 'journal']))).toBe(false);
    expect(readsAny('alerts.list', new Set(['fraud_alerts']))).toBe(true);
    expect(readsAny('metrics.list', new Set(['entries']))).toBe(false);
  });

  it('refetches everything on "*" (a reconnect, another source) and any key it does not know', () => {
    expect(readsAny('metrics.list', new Set(['*']))).toBe(true);
    expect(readsAny('not.a.method', new Set(['customers']))).toBe(true);
  });

  it('declares only methods of the contract, reads as reads and writes as writes', () => {
    for (const method of Object.keys(QUERY_READS)) expect(isMethodName(method), method).toBe(true);
    for (const method of Object.keys(MUTATION_WRITES)) expect(isMethodName(method), method).toBe(true);
    for (const method of Object.keys(QUERY_READS)) expect(Object.keys(MUTATION_WRITES), method).not.toContain(method);
  });

  it('makes every write that changes a shown table refetch some query that shows it', () => {
    const read = new Set(Object.values(QUERY_READS).flat());
    for (const [method, tables] of Object.entries(MUTATION_WRITES)) {
      expect(
        tables?.some((t) => t === '*' || read.has(t)),
        method,
      ).toBe(true);
    }
  });
});

describe('idempotency keys', () => {
  it('are what every idempotent method accepts, and never repeat', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(1000);
    for (const key of [...keys].slice(0, 20)) expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
    expect(idempotencyKeySchema.safeParse(newIdempotencyKey('op-')).success).toBe(true);
    expect(contract['alerts.addNote'].input.shape.idempotencyKey.safeParse(newIdempotencyKey()).success).toBe(true);
  });
});
