import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../shared/contract';
import { ROLES, roleHas, type Role } from '../../shared/roles';
import { AuthService, SessionStore } from '../../main/auth';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import { fileKeySecretStore } from '../../main/secrets';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';

const PASSWORD = 'role walk password';

/** Walks every method of the contract × every role through the real dispatcher. */
describe('permissions are enforced by the dispatcher', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;
  let runtime: Runtime;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    dir = tempDir();
    bank = await emptySqliteBank(dir.path);
    const secrets = fileKeySecretStore(`${dir.path}/k.key`);
    const setup = new AuthService({ bank, sessions: new SessionStore(60_000), secrets, bankName: 'T' });
    for (const role of ROLES) await setup.createUser({ username: role.replace('_', '-'), displayName: role, role, password: PASSWORD }, 'test');
    runtime = await createRuntime(bank, 'live', { dataDir: dir.path, secrets, log: silentLogger });
    for (const role of ROLES) {
      const res = await runtime.dispatch({
        method: 'auth.signIn',
        input: { username: role.replace('_', '-'), password: PASSWORD },
        sessionToken: null,
        transport: 'test',
        origin: 'test',
      });
      if (!res.ok) throw new Error(res.error.message);
      tokens.set(role, (res.result as { token: string }).token);
    }
  });
  afterAll(async () => {
    await runtime.close();
    dir.remove();
  });

  for (const method of METHOD_NAMES) {
    const spec = contract[method];
    it(`${method} (${spec.permission})`, async () => {
      // Permission is checked before input validation, so an empty input tells allowed from refused.
      const anonymous = await runtime.dispatch({ method, input: {}, sessionToken: null, transport: 'test', origin: 'test' });
      // A public method lets anyone past the gate: an answer, or the input check's refusal of `{}`.
      if (spec.permission === 'public') expect(anonymous.ok ? 'answered' : anonymous.error.code, `anonymous → ${method}`).toMatch(/^(answered|VALIDATION)$/);
      else expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      for (const role of ROLES) {
        if (method === 'auth.signOut') continue; // would end the session the other checks use
        const res = await runtime.dispatch({ method, input: {}, sessionToken: tokens.get(role) ?? null, transport: 'test', origin: 'test' });
        const refused = !res.ok && res.error.code === 'FORBIDDEN';
        expect(refused, `${role} → ${method}`).toBe(!roleHas(role, spec.permission));
      }
    });
  }

  it('rejects unknown methods and invalid input with typed errors', async () => {
    const token = tokens.get('admin') ?? null;
    expect(await runtime.dispatch({ method: 'bank.mintMoney', input: {}, sessionToken: token, transport: 'test', origin: 't' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const bad = await runtime.dispatch({ method: 'admin.createUser', input: { username: 'x', role: 'pope' }, sessionToken: token, transport: 'test', origin: 't' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['username', 'role', 'password', 'displayName']));
  });

  it('never sends a stack trace or SQL error to the caller', async () => {
    await bank.db.schema.dropTable('journal').execute(); // empty, so nothing refers to a row of it: the activity query now fails inside
    const broken = await runtime.dispatch({ method: 'dashboard.activity', input: { limit: 5 }, sessionToken: tokens.get('teller') ?? null, transport: 'test', origin: 't' });
    expect(broken).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/reference [0-9a-f]{8}/) } });
    if (!broken.ok) expect(broken.error.message).not.toMatch(/\.ts|no such table|journal/);
  });
});
