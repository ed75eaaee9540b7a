import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/contract';

describe('the contract says where each method reads', () => {
  it('a method that must reach the bank is a write: it declares no read policy', () => {
    const bankOnly = METHOD_NAMES.filter((m) => 'requiresBank' in contract[m] && contract[m].requiresBank === true);
    expect(bankOnly.length).toBeGreaterThan(10);
    expect(bankOnly.filter((m) => 'reads' in contract[m] && contract[m].reads !== 'bank')).toEqual([]);
  });

  it('worklists answer offline from the cache, analytics read the cache first, security reads the bank', () => {
    const policy = (m: MethodName): string => ('reads' in contract[m] ? (contract[m].reads ?? 'write') : 'write');
    expect((['accounts.get', 'statements.get', 'customers.search', 'alerts.list', 'compliance.tasks.list'] as const).map(policy)).toEqual(Array(5).fill('cache-offline'));
    expect((['dashboard.summary', 'metrics.query', 'reports.preview', 'products.list'] as const).map(policy)).toEqual(Array(4).fill('cache-first'));
    expect((['audit.verify', 'admin.listUsers', 'auth.me'] as const).map(policy)).toEqual(Array(3).fill('bank'));
    expect((['ops.submit', 'accounts.open', 'auth.signIn'] as const).map(policy)).toEqual(Array(3).fill('write'));
  });
});
