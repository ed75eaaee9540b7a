import type { Session } from '../../shared/contract';
import type { ApiError, ApiResult } from '../../shared/errors';
import { DEMO_PASSWORD } from '../../main/auth';
import { generateDemoBank } from '../../main/demo';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from './banks';

/** Calls through the dispatcher as a named demo user (signed in by `signInAs`), the way both transports do. */
export function dispatcherClient(runtime: () => Runtime, tokens: Map<string, string>) {
  const call = (as: string, method: string, input: unknown): Promise<ApiResult<unknown>> =>
    runtime().dispatch({ method, input, sessionToken: tokens.get(as) ?? null, transport: 'test', origin: 'test' });
  const ok = async <T>(as: string, method: string, input: unknown): Promise<T> => {
    const r = await call(as, method, input);
    if (!r.ok) throw new Error(`${method} as ${as}: ${r.error.code} ${r.error.message}`);
    return r.result as T;
  };
  const refused = async (as: string, method: string, input: unknown): Promise<ApiError> => {
    const r = await call(as, method, input);
    if (r.ok) throw new Error(`${method} as ${as} was expected to be refused`);
    return r.error;
  };
  const signInAs = async (...users: string[]): Promise<void> => {
    for (const u of users) tokens.set(u, (await ok<Session>(u, 'auth.signIn', { username: u, password: DEMO_PASSWORD })).token);
  };
  return { call, ok, refused, signInAs };
}

/** A fresh tiny demo bank on the engine (ending yesterday) with a runtime over it; no live fraud monitor. */
export async function demoRuntime(engine: 'sqlite' | 'mysql', name: string, dataDir: string): Promise<{ bank: Bank; dispose: () => Promise<void>; runtime: Runtime }> {
  const { bank, dispose } = await freshBank(engine, name);
  await generateDemoBank(bank, { ...TINY_DEMO, end: Date.now() - 86_400_000 });
  const runtime = await createRuntime(bank, 'demo', { dataDir, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
  return { bank, dispose, runtime };
}

/** The first open EUR customer account whose holder's KYC is verified: one a teller may post to. */
export async function verifiedEurAccount(bank: Bank): Promise<number> {
  const a = await bank.db
    .selectFrom('accounts as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select('a.id')
    .where('a.kind', '=', 'customer')
    .where('a.currency', '=', 'EUR')
    .where('a.status', '=', 'open')
    .where('c.kyc_status', '=', 'verified')
    .orderBy('a.id')
    .executeTakeFirstOrThrow();
  return Number(a.id);
}

/** Rows in a ledger table now: what "nothing was written" is checked against. */
export async function rowCount(bank: Bank, table: 'journal' | 'entries'): Promise<number> {
  const r = await bank.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
