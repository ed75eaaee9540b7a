import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, StaffRow } from '../../shared/contract';
import type { ApiError, ApiResult } from '../../shared/errors';
import { listAudit } from '../../main/audit';
import { DEMO_PASSWORD, MAX_FAILED_ATTEMPTS } from '../../main/auth';
import { generateDemoBank } from '../../main/demo';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * Issue 14, findings 11 and 12, through the dispatcher on both engines: a password policy, change
 * of one's own password, a forced change after an administrator-set one, role change,
 * deactivation, MFA reset and session revocation; the lockout answer never tells which usernames
 * exist, and the audit keeps unknown names masked.
 */
for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`staff lifecycle on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let runtime: Runtime;
    const dir = tempDir('cbstaff-');
    const call = (token: string | null, method: string, input: unknown): Promise<ApiResult<unknown>> =>
      runtime.dispatch({ method, input, sessionToken: token, transport: 'test', origin: 'test' });
    const ok = async <T>(token: string | null, method: string, input: unknown): Promise<T> => {
      const r = await call(token, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.result as T;
    };
    const refused = async (token: string | null, method: string, input: unknown): Promise<ApiError> => {
      const r = await call(token, method, input);
      if (r.ok) throw new Error(`${method} was expected to be refused`);
      return r.error;
    };
    const signIn = (username: string, password: string) => ok<Session & { mustChangePassword?: boolean; notices: string[] }>(null, 'auth.signIn', { username, password });
    let admin = '';
    let adminId = 0;
    let n = 0;
    /** A user made by the administrator (temporary password), who then chose their own. */
    const staff = async (role: string): Promise<{ id: number; username: string; password: string; token: string }> => {
      const username = `staff${engine}${++n}`;
      const { id } = await ok<{ id: number }>(admin, 'admin.createUser', { username, displayName: `Person Number${n}`, role, password: 'temporary river lantern 7' });
      const first = await signIn(username, 'temporary river lantern 7');
      const password = `chosen quiet harbour ${n}`;
      await ok(first.token, 'auth.changePassword', { currentPassword: 'temporary river lantern 7', newPassword: password });
      return { id, username, password, token: first.token };
    };

    beforeAll(async () => {
      ({ bank, dispose } = await freshBank(engine, 'cbstaff'));
      await generateDemoBank(bank, { ...TINY_DEMO, end: Date.now() - 86_400_000 });
      runtime = await createRuntime(bank, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
      const s = await signIn('admin', DEMO_PASSWORD);
      admin = s.token;
      adminId = s.user.id;
    }, 180_000);
    afterAll(async () => {
      await runtime?.close();
      await dispose?.();
      dir.remove();
    });

    it('refuses common, short and name-based passwords wherever a password is set', async () => {
      for (const [password, why] of [
        ['password1234', /too easy to guess/],
        ['Passw0rd2024!', /too easy to guess/],
        ['qwertyuiop123', /too easy to guess/],
        ['newbie.clerk-2026x', /username/],
      ] as const) {
        const e = await refused(admin, 'admin.createUser', { username: 'newbie.clerk', displayName: 'New Clerk', role: 'teller', password });
        expect(e.code).toBe('VALIDATION');
        expect(e.message).toMatch(why);
      }
      expect(await bank.db.selectFrom('staff_users').select('id').where('username', '=', 'newbie.clerk').executeTakeFirst()).toBeUndefined();
    });

    it('forces a change of an administrator-set password before anything else', async () => {
      const username = `forced${engine}`;
      await ok(admin, 'admin.createUser', { username, displayName: 'Forced Changer', role: 'teller', password: 'temporary river lantern 7' });
      const s = await signIn(username, 'temporary river lantern 7');
      expect(s.mustChangePassword).toBe(true);
      const blocked = await refused(s.token, 'dashboard.activity', { limit: 1 });
      expect(blocked.code).toBe('FORBIDDEN');
      expect(blocked.message).toMatch(/choose your own password/);
      expect((await refused(s.token, 'auth.changePassword', { currentPassword: 'temporary river lantern 7', newPassword: 'password1234' })).code).toBe('VALIDATION');
      expect((await refused(s.token, 'auth.changePassword', { currentPassword: 'temporary river lantern 7', newPassword: 'temporary river lantern 7' })).code).toBe('VALIDATION');
      await ok(s.token, 'auth.changePassword', { currentPassword: 'temporary river lantern 7', newPassword: 'violet canyon orchestra' });
      await ok(s.token, 'dashboard.activity', { limit: 1 });
      expect((await signIn(username, 'violet canyon orchestra')).mustChangePassword).toBe(false);
      const audit = await listAudit(bank.db, { limit: 20, action: 'auth.password_changed' });
      expect(audit.entries.some((e) => e.actor === username)).toBe(true);
    });

    it('changing one’s own password needs the current one and ends the other sessions', async () => {
      const u = await staff('teller');
      const other = await signIn(u.username, u.password);
      const wrong = await refused(u.token, 'auth.changePassword', { currentPassword: 'not my password at all', newPassword: 'amber meadow signal' });
      expect(wrong).toMatchObject({ code: 'VALIDATION', message: 'That is not your current password.' });
      await ok(u.token, 'auth.changePassword', { currentPassword: u.password, newPassword: 'amber meadow signal' });
      expect((await refused(other.token, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
      await ok(u.token, 'auth.me', {});
      expect((await refused(null, 'auth.signIn', { username: u.username, password: u.password })).code).toBe('UNAUTHENTICATED');
    });

    it('an administrator changes a role (sessions end), deactivates, resets MFA and revokes sessions — never their own role or account', async () => {
      const u = await staff('teller');
      await ok(admin, 'admin.setRole', { id: u.id, role: 'fraud_analyst' });
      expect((await refused(u.token, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
      const again = await signIn(u.username, u.password);
      expect(again.user.role).toBe('fraud_analyst');
      expect((await refused(admin, 'admin.setRole', { id: adminId, role: 'teller' })).code).toBe('FORBIDDEN');
      expect((await refused(admin, 'admin.setActive', { id: adminId, active: false })).code).toBe('FORBIDDEN');

      const revoked = await ok<{ ended: number }>(admin, 'admin.revokeSessions', { id: u.id });
      expect(revoked.ended).toBe(1);
      expect((await refused(again.token, 'auth.me', {})).code).toBe('UNAUTHENTICATED');

      await bank.db.updateTable('staff_users').set({ mfa_enabled: 1, mfa_secret: 'sealed' }).where('id', '=', u.id).execute();
      await ok(admin, 'admin.resetMfa', { id: u.id });
      const afterReset = await signIn(u.username, u.password);
      expect(afterReset.user.mfaEnabled).toBe(false);
      expect(afterReset.notices.join(' ')).toMatch(/turned off your two-step sign-in/);

      await ok(admin, 'admin.setActive', { id: u.id, active: false, reason: 'left the bank' });
      expect((await refused(afterReset.token, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
      const denied = await refused(null, 'auth.signIn', { username: u.username, password: u.password });
      expect(denied).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/deactivated/) });
      const rows = await ok<StaffRow[]>(admin, 'admin.listUsers', {});
      expect(rows.find((r) => r.id === u.id)).toMatchObject({ disabledAt: expect.any(Number), role: 'fraud_analyst', mfaEnabled: false, activeSessions: 0 });
      await ok(admin, 'admin.setActive', { id: u.id, active: true });
      await signIn(u.username, u.password);

      const actions = (await listAudit(bank.db, { limit: 100, actor: 'admin' })).entries.map((e) => e.action);
      for (const a of ['user.role_changed', 'user.sessions_revoked', 'user.mfa_reset', 'user.deactivated', 'user.reactivated']) expect(actions).toContain(a);
      // Non-administrators cannot.
      expect((await refused(afterReset.token, 'admin.setRole', { id: u.id, role: 'admin' })).code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    });

    it('answers an unknown username exactly like a real one, lockout included, and masks it in the audit', async () => {
      const real = await staff('teller');
      const ghost = `ghost${engine}user`;
      const answers = async (username: string) => {
        const out: string[] = [];
        for (let i = 0; i <= MAX_FAILED_ATTEMPTS; i++) {
          const e = await refused(null, 'auth.signIn', { username, password: 'wrong guess here' });
          out.push(`${e.code}: ${e.message.replace(/\d\d:\d\d/, 'HH:MM')}`);
        }
        return out;
      };
      const forReal = await answers(real.username);
      const forGhost = await answers(ghost);
      expect(forGhost).toEqual(forReal);
      expect(forReal.at(-1)).toMatch(/^LOCKED/);
      const failed = await listAudit(bank.db, { limit: 200, action: 'auth.sign_in_failed' });
      expect(failed.entries.some((e) => e.actor === ghost)).toBe(false);
      expect(failed.entries.some((e) => e.actor.startsWith('gh') && e.actor.includes('*'))).toBe(true);
    });
  });
}
