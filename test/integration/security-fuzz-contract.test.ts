import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, type MethodName, type Session } from '../../shared/contract';
import { ERROR_CODES, type ApiResult } from '../../shared/errors';
import { roleHas, type Role } from '../../shared/roles';
import { DEMO_PASSWORD, DEMO_USERS } from '../../main/auth';
import { generateDemoBank } from '../../main/demo';
import { startHost, type RunningHost } from '../../main/host';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * Issue 14, the permanent suite: property-based fuzzing of every contract method over both
 * transports (the dispatcher in process, and HTTP through the browser edition). Each method gets
 * inputs its own schema refuses — wrong types, oversized strings, huge and negative numbers, deep
 * nesting, prototype-pollution keys, look-alike Unicode — sent as the role that may call it. Every
 * answer must be a typed refusal (never INTERNAL, never a success), the process must stay up and
 * nothing may be written (row counts of the tables writes touch stay put).
 */
const RUNS = 12;
const METHODS = Object.keys(contract) as MethodName[];
const TYPED = new Set<string>(ERROR_CODES);

const nasty = fc.oneof(
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.constantFrom("' OR 1=1 --", '=HYPERLINK("http://x")', '<script>alert(1)</script>', 'J\u0430na\u200b\u202eN', '../../etc/passwd', '\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 1e308, -1e308, 0.1, 2 ** 63),
  fc.constantFrom(null, true, [], {}, [[[[[[[[[[]]]]]]]]]]),
  fc.constant({ __proto__: { admin: true }, constructor: { prototype: { polluted: true } } }),
);

/** An input the method's schema refuses: mostly its own keys with wrong or extreme values, sometimes anything at all. */
function invalidInput(method: MethodName): fc.Arbitrary<unknown> {
  const schema = contract[method].input as z.ZodType;
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
  const keyed = shape.length ? fc.record(Object.fromEntries(shape.map((k) => [k, fc.oneof(nasty, fc.anything())])), { requiredKeys: [] }) : fc.anything();
  return fc.oneof({ weight: 3, arbitrary: keyed }, { weight: 1, arbitrary: fc.anything() }, { weight: 1, arbitrary: nasty }).filter((v) => !schema.safeParse(v).success);
}

describe('fuzzing every contract method over both transports', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  let host: RunningHost;
  const dir = tempDir('cbfuzz-');
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'cbfuzz'));
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.now() - 86_400_000 });
    runtime = await createRuntime(bank, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>CloudBank</title>');
    host = await startHost({ runtime, staticDir: dir.path, port: 0, log: silentLogger });
    for (const u of DEMO_USERS) {
      const r = await runtime.dispatch({ method: 'auth.signIn', input: { username: u.username, password: DEMO_PASSWORD }, sessionToken: null, transport: 'test', origin: 'fuzz' });
      if (!r.ok) throw new Error(r.error.message);
      tokens.set(u.role, (r.result as Session).token);
    }
  }, 180_000);
  afterAll(async () => {
    await host?.close();
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  const TABLES = [
    'audit_log',
    'audit_pending',
    'journal',
    'entries',
    'accounts',
    'customers',
    'staff_users',
    'fraud_alerts',
    'fraud_alert_notes',
    'idempotency_keys',
    'pending_changes',
  ] as const;
  const counts = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const t of TABLES)
      out[t] = Number(
        (
          await bank.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return out;
  };
  /** A session of a role that may call the method (so the schema, not the permission check, answers). */
  const tokenFor = (method: MethodName): string | null => {
    const permission = contract[method].permission;
    if (permission === 'public') return null;
    for (const role of ['admin', 'manager', 'compliance_officer', 'fraud_analyst', 'teller', 'auditor'] as const) {
      if (permission === 'session' || roleHas(role, permission)) return tokens.get(role) ?? null;
    }
    return null;
  };
  const viaHttp = async (method: MethodName, input: unknown, token: string | null): Promise<ApiResult<unknown>> => {
    const res = await fetch(`${host.url}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.launchToken}`, Origin: host.url, ...(token ? { 'X-CloudBank-Session': token } : {}) },
      body: JSON.stringify({ method, input }),
    });
    return (await res.json()) as ApiResult<unknown>;
  };

  it(`refuses ${RUNS} invalid inputs per method (${METHODS.length} methods) with a typed error on both transports, writing nothing`, async () => {
    const before = await counts();
    const seen = new Map<string, number>();
    for (const method of METHODS) {
      const token = tokenFor(method);
      await fc.assert(
        fc.asyncProperty(invalidInput(method), fc.boolean(), async (input, http) => {
          // JSON is what both transports carry: the in-process call gets the same value the HTTP body does.
          const wire: unknown = JSON.parse(JSON.stringify({ v: input }) ?? '{}').v;
          const r = http ? await viaHttp(method, wire, token) : await runtime.dispatch({ method, input: wire, sessionToken: token, transport: 'test', origin: 'fuzz' });
          if (r.ok) throw new Error(`${method} accepted an input its schema refuses: ${JSON.stringify(wire).slice(0, 200)}`);
          expect(TYPED.has(r.error.code), `${method}: ${r.error.code}`).toBe(true);
          expect(r.error.code, `${method} answered ${r.error.message}`).not.toBe('INTERNAL');
          expect(r.error.message).not.toMatch(/\n\s+at /); // no stack trace reaches a client
          seen.set(r.error.code, (seen.get(r.error.code) ?? 0) + 1);
        }),
        { numRuns: RUNS, seed: 1414 },
      );
    }
    expect(await counts()).toEqual(before);
    // Still up, still answering on both transports.
    expect((await viaHttp('auth.status', {}, null)).ok).toBe(true);
    expect((await runtime.dispatch({ method: 'auth.me', input: {}, sessionToken: tokens.get('admin') ?? null, transport: 'test', origin: 'fuzz' })).ok).toBe(true);
    expect(seen.get('VALIDATION') ?? 0).toBeGreaterThan(METHODS.length);
  }, 300_000);

  it('answers unknown methods, missing sessions and another role’s methods with typed errors', async () => {
    expect(await viaHttp('__proto__' as MethodName, {}, null)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await viaHttp('constructor' as MethodName, {}, null)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await viaHttp('admin.listUsers', {}, 'forged-token')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await viaHttp('admin.listUsers', {}, tokens.get('teller') ?? null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
