import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/contract';
import type { ApiResult } from '../../shared/errors';
import { DEMO_PASSWORD, MAX_FAILED_ATTEMPTS, totpNow } from '../../main/auth';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { freshBank } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * Issue 14, finding 1: sign-in read the failure count, waited for the password hash, then wrote
 * count + 1 — so parallel wrong passwords counted once, and a right one among them signed in.
 * Here the attack runs through the dispatcher, as the browser edition receives it, on both engines.
 */
for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`parallel sign-ins on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;
    let runtime: Runtime;
    const dir = tempDir('cbauthc-');

    const signIn = (username: string, password: string, origin = '10.0.0.1'): Promise<ApiResult<unknown>> =>
      runtime.dispatch({ method: 'auth.signIn', input: { username, password }, sessionToken: null, transport: 'test', origin });
    const counterOf = async (username: string) => {
      const r = await bank.db.selectFrom('staff_users').select(['failed_attempts', 'locked_until']).where('username', '=', username).executeTakeFirstOrThrow();
      return { failed: Number(r.failed_attempts), lockedUntil: r.locked_until === null ? null : Number(r.locked_until) };
    };

    beforeAll(async () => {
      ({ bank, dispose } = await freshBank(engine, 'cbauthc'));
      // Demo mode creates the demo users (teller, analyst, …) with the demo password. The in-memory
      // throttles are opened wide here so that what is tested is the database's count and lock.
      const wide = { perUser: 1000, perSource: 1000, windowMs: 60_000 };
      runtime = await createRuntime(bank, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false, signInLimits: wide }, async () => undefined);
    }, 120_000);
    afterAll(async () => {
      await runtime?.close();
      await dispose?.();
      dir.remove();
    });

    /** Answers that come from a password actually checked: a wrong one, the failure that locked, or a sign-in. */
    const checked = (answers: ApiResult<unknown>[]) =>
      answers.filter((a) => a.ok || a.error.code === 'UNAUTHENTICATED' || a.error.message.startsWith('Too many failed sign-ins')).length;
    const busy = (a: ApiResult<unknown>) => !a.ok && a.error.code === 'LOCKED' && a.error.message.startsWith('Several sign-ins to this account are being checked');

    it('30 wrong passwords at once: only the first five are checked, the account ends locked and the right password is refused', async () => {
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('analyst', `wrong-password-${i}`, `10.0.1.${i}`)));
      expect(answers.every((a) => !a.ok)).toBe(true);
      expect(checked(answers)).toBe(MAX_FAILED_ATTEMPTS);
      const after = await counterOf('analyst');
      expect(after.failed).toBe(MAX_FAILED_ATTEMPTS);
      expect(after.lockedUntil).toBeGreaterThan(Date.now());
      const right = await signIn('analyst', DEMO_PASSWORD, '10.0.2.1');
      expect(right.ok).toBe(false);
      if (!right.ok) expect(right.error.code).toBe('LOCKED');
    });

    it('24 wrong passwords and the right one at once: at most five passwords are checked, so the right one signs in only as one of the five guesses the lockout allows', async () => {
      const wrong = Array.from({ length: 24 }, (_, i) => signIn('compliance', `wrong-password-${i}`, `10.0.3.${i}`));
      const right = signIn('compliance', DEMO_PASSWORD, '10.0.4.1');
      const answers = await Promise.all([...wrong, right]);
      expect(checked(answers)).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
      expect(answers.filter((a) => !a.ok && a.error.code === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
      const signedIn = answers.filter((a): a is { ok: true; result: Session } => a.ok);
      expect(signedIn.length).toBeLessThanOrEqual(1);
      const after = await counterOf('compliance');
      // Either the right one was checked among the five and reset the run, or the five failures locked it.
      if (signedIn.length === 0) expect(after.lockedUntil).toBeGreaterThan(Date.now());
      await bank.db.updateTable('staff_users').set({ failed_attempts: 0, locked_until: null }).where('username', '=', 'compliance').execute();
    });

    it('ten right passwords at once (several windows signing in) never lock the account: each signs in or is asked to try again in a moment', async () => {
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn('manager', DEMO_PASSWORD, `10.0.8.${i}`)));
      const signedIn = answers.filter((a) => a.ok).length;
      expect(signedIn).toBeGreaterThanOrEqual(1);
      expect(answers.every((a) => a.ok || busy(a))).toBe(true);
      const after = await counterOf('manager');
      expect(after.lockedUntil).toBeNull();
      expect(after.failed).toBe(0);
      const next = await signIn('manager', DEMO_PASSWORD, '10.0.9.1');
      expect(next.ok, next.ok ? '' : next.error.message).toBe(true);
    });

    it('wrong TOTP codes sent at once share the same counter: the account locks, and the right code is refused after', async () => {
      const s = await signIn('teller', DEMO_PASSWORD, '10.0.5.1');
      if (!s.ok) throw new Error(s.error.message);
      const token = (s.result as Session).token;
      const begun = await runtime.dispatch({ method: 'auth.mfaBegin', input: { password: DEMO_PASSWORD }, sessionToken: token, transport: 'test', origin: '10.0.5.1' });
      if (!begun.ok) throw new Error(begun.error.message);
      const { secret } = begun.result as { secret: string };
      const confirmed = await runtime.dispatch({ method: 'auth.mfaConfirm', input: { code: totpNow(secret) }, sessionToken: token, transport: 'test', origin: '10.0.5.1' });
      expect(confirmed.ok).toBe(true);
      const right = totpNow(secret, Date.now() + 30_000);
      const wrongCodes = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777', '888888', '999999', '123123', '456456'].filter(
        (c) => c !== right && c !== totpNow(secret),
      );
      const answers = await Promise.all(
        wrongCodes.map((totp, i) =>
          runtime.dispatch({ method: 'auth.signIn', input: { username: 'teller', password: DEMO_PASSWORD, totp }, sessionToken: null, transport: 'test', origin: `10.0.6.${i}` }),
        ),
      );
      expect(answers.every((a) => !a.ok)).toBe(true);
      const after = await counterOf('teller');
      expect(after.failed).toBe(MAX_FAILED_ATTEMPTS);
      expect(after.lockedUntil).toBeGreaterThan(Date.now());
      const late = await runtime.dispatch({
        method: 'auth.signIn',
        input: { username: 'teller', password: DEMO_PASSWORD, totp: right },
        sessionToken: null,
        transport: 'test',
        origin: '10.0.7.1',
      });
      expect(late.ok).toBe(false);
      if (!late.ok) expect(late.error.code).toBe('LOCKED');
    });

    it('with the default throttles: limits one address spraying many names, and one name guessed from many addresses', async () => {
      const other = tempDir('cbauthd-');
      const throttled = await createRuntime(bank, 'demo', { dataDir: other.path, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
      const at = (username: string, password: string, origin: string) =>
        throttled.dispatch({ method: 'auth.signIn', input: { username, password }, sessionToken: null, transport: 'test', origin });
      const limitedBy = (answers: ApiResult<unknown>[], scope: RegExp) => answers.filter((a) => !a.ok && a.error.code === 'LOCKED' && scope.test(a.error.message)).length;
      try {
        // One address tries one password against many names (unknown ones have no row to lock).
        const spray = await Promise.all(Array.from({ length: 40 }, (_, i) => at(`sprayed-${i}`, 'Summer2026!', '10.0.9.9')));
        expect(limitedBy(spray, /from this address/)).toBeGreaterThanOrEqual(20);
        // The address is refused even with a right password — before any database count.
        expect((await at('manager', DEMO_PASSWORD, '10.0.9.9')).ok).toBe(false);
        expect((await counterOf('manager')).failed).toBe(0);
        // Another address is not affected.
        expect((await at('manager', DEMO_PASSWORD, '10.0.9.10')).ok).toBe(true);

        // One unknown name guessed from many addresses.
        const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => at('no-such-user', `guess-${i}`, `10.0.8.${i}`)));
        expect(limitedBy(guesses, /for this username/)).toBeGreaterThanOrEqual(20);
      } finally {
        await throttled.close();
        other.remove();
      }
    });
  });
}
