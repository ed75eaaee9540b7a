import { AppError } from '../../shared/errors';
import { permissionsOf } from '../../shared/roles';
import type { Session, User } from '../../shared/contract';
import { appendAudit, recordAudit } from '../audit';
import { isLinkError } from '../source';
import { inTransaction } from '../ledger';
import { concludeFailure, LOCKOUT_MS, MAX_FAILED_ATTEMPTS, releaseAttempt, reserveAttempt } from './lockout';
import { SignInLimiter } from './rate-limit';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { assertPasswordPolicy } from './password-policy';
import { enrolment, newTotpSecret, verifyTotp } from './totp';
import { maskedName, PhantomLockout } from './phantom-lockout';
import { StaffAdmin, type AuthDeps } from './staff-admin';
import { toUser } from './staff-row';

export type { AuthDeps } from './staff-admin';
export { toStaffRow } from './staff-row';

/** How long a passed step-up allows confirming the new authenticator. */
const STEP_UP_MS = 10 * 60 * 1000;

/** Refused unchecked while the first attempts of a burst are checked (see Reservation.busy); not a lock. */
function busyError(): AppError {
  return new AppError('LOCKED', 'Several sign-ins to this account are being checked at the same moment. Wait a few seconds, then try again.');
}

function lockedError(until: number): AppError {
  return new AppError(
    'LOCKED',
    `This account is locked after ${MAX_FAILED_ATTEMPTS} failed sign-ins. Try again after ${new Date(until).toISOString().slice(11, 16)} UTC or ask an administrator to unlock it.`,
  );
}

export class AuthService extends StaffAdmin {
  private readonly limiter: SignInLimiter;
  /** Users who passed the step-up for enrolment (password, and the current code when replacing), and when. */
  private readonly steppedUp = new Map<number, { at: number; origin: string }>();
  private readonly phantoms = new PhantomLockout();

  constructor(deps: AuthDeps) {
    super(deps);
    this.limiter = new SignInLimiter(deps.signInLimits);
  }

  async signIn(input: { username: string; password: string; totp?: string | undefined }, origin: string): Promise<Session & { notices: string[] }> {
    const now = this.clock();
    const username = input.username.toLowerCase();
    // Throttled in memory first: a flood is refused before it costs a password hash or a database write.
    const ticket = this.limiter.admit(username, origin, now, (scope) => {
      void recordAudit(this.deps.bank, { actor: maskedName(username), action: 'auth.sign_in_throttled', entity: 'staff_user', details: { scope, origin } }).catch(() => undefined);
    });
    const row = await this.db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst();
    if (!row) {
      // Answered exactly as a real account would be — same work, same wording, the same lock after
      // MAX_FAILED_ATTEMPTS — so neither the message nor the lockout tells which usernames exist.
      // The audit keeps only a masked form: people type passwords into the username field.
      const phantomLock = this.phantoms.lockedUntil(username, now);
      if (phantomLock !== null) {
        await recordAudit(this.deps.bank, {
          actor: maskedName(username),
          action: 'auth.sign_in_refused',
          entity: 'staff_user',
          entityId: null,
          details: { reason: 'locked', origin },
        });
        throw lockedError(phantomLock);
      }
      await verifyPassword(input.password, await dummyHash());
      const locked = this.phantoms.fail(username, now);
      await recordAudit(this.deps.bank, {
        actor: maskedName(username),
        action: 'auth.sign_in_failed',
        entity: 'staff_user',
        entityId: null,
        details: { reason: 'unknown_user', locked, origin },
      });
      if (locked) throw new AppError('LOCKED', `Too many failed sign-ins: this account is now locked for ${LOCKOUT_MS / 60000} minutes. An administrator can unlock it sooner.`);
      throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
    }
    const userId = Number(row.id);
    // Counted before the check (see reserveAttempt): parallel guesses each take a number, and those past the limit are not checked at all.
    const reserved = await reserveAttempt(this.deps.bank, userId, now);
    if (reserved.lockedUntil !== null || reserved.busy) {
      await recordAudit(this.deps.bank, {
        actor: row.username,
        action: 'auth.sign_in_refused',
        entity: 'staff_user',
        entityId: userId,
        details: { reason: reserved.busy ? 'busy' : 'locked', attempt: reserved.attempt, origin },
      });
      throw reserved.lockedUntil !== null ? lockedError(reserved.lockedUntil) : busyError();
    }
    const passwordOk = await verifyPassword(input.password, row.password_hash);
    if (passwordOk && row.mfa_enabled === 1 && !input.totp) {
      await releaseAttempt(this.deps.bank, userId, now);
      this.limiter.forgive(ticket, false);
      throw new AppError('MFA_REQUIRED', 'Enter the 6-digit code from your authenticator app.');
    }
    // Checked and claimed with no await in between, so one code serves one sign-in even in parallel.
    const step = passwordOk && row.mfa_enabled === 1 && input.totp ? this.claimStep(userId, row.mfa_secret, input.totp, now) : null;
    if (!passwordOk || (row.mfa_enabled === 1 && step === null)) {
      const locked = await this.failedCheck(userId, row.username, 'auth.sign_in_failed', passwordOk ? 'bad_totp' : 'bad_password', origin, now);
      if (locked) throw new AppError('LOCKED', `Too many failed sign-ins: this account is now locked for ${LOCKOUT_MS / 60000} minutes. An administrator can unlock it sooner.`);
      throw new AppError('UNAUTHENTICATED', passwordOk ? 'That code is not valid. Check your device clock and try the next code.' : 'Wrong username or password.');
    }
    // Right password (and code): sign in unless a parallel failure locked the account meanwhile.
    if (row.disabled_at !== null) {
      await releaseAttempt(this.deps.bank, userId, now);
      await recordAudit(this.deps.bank, {
        actor: row.username,
        action: 'auth.sign_in_refused',
        entity: 'staff_user',
        entityId: userId,
        details: { reason: 'deactivated', origin },
      });
      // Told only to someone who knows the password: the account's owner.
      throw new AppError('FORBIDDEN', 'This account is deactivated. Ask an administrator if you need access again.');
    }
    const outcome = await inTransaction(this.deps.bank, async (trx) => {
      let q = trx.selectFrom('staff_users').select(['locked_until', 'security_notice']).where('id', '=', userId);
      if (this.deps.bank.dialect === 'mysql') q = q.forUpdate();
      const current = await q.executeTakeFirstOrThrow();
      if (current.locked_until !== null && Number(current.locked_until) > now) return { lockedUntil: Number(current.locked_until), notice: null };
      await trx
        .updateTable('staff_users')
        .set({ failed_attempts: 0, locked_until: null, last_login_at: now, security_notice: null, updated_at: now })
        .where('id', '=', userId)
        .execute();
      await appendAudit(
        trx,
        this.deps.bank.dialect,
        { actor: row.username, action: 'auth.signed_in', entity: 'staff_user', entityId: userId, details: { mfa: row.mfa_enabled === 1, origin } },
        now,
      );
      return { lockedUntil: null, notice: current.security_notice };
    });
    if (outcome.lockedUntil !== null) {
      await recordAudit(this.deps.bank, { actor: row.username, action: 'auth.sign_in_refused', entity: 'staff_user', entityId: userId, details: { reason: 'locked', origin } });
      throw lockedError(outcome.lockedUntil);
    }
    this.limiter.forgive(ticket, true);
    const user = toUser(row);
    this.usersExist = true;
    const mustChangePassword = Number(row.must_change_password) === 1;
    const token = this.deps.sessions.create(user, { mustChangePassword });
    const notices = [...(outcome.notice ? [outcome.notice] : []), ...(mustChangePassword ? ['An administrator set your password. Choose your own password to continue.'] : [])];
    return { token, user, permissions: permissionsOf(user.role), idleTimeoutMs: this.deps.sessions.idleTimeoutMs, mustChangePassword, notices };
  }

  /**
   * A wrong password or code for a known user: the failure is counted (concludeFailure, which may lock
   * the account) and audited with the count. True when it locked the account.
   */
  private async failedCheck(userId: number, actor: string, action: string, reason: 'bad_totp' | 'bad_password' | null, origin: string, now: number): Promise<boolean> {
    const { attempts, locked } = await concludeFailure(this.deps.bank, userId, now);
    await recordAudit(this.deps.bank, { actor, action, entity: 'staff_user', entityId: userId, details: { ...(reason ? { reason } : {}), attempts, locked, origin } });
    return locked;
  }

  /** The TOTP step a code belongs to, claimed for this user; null if wrong or already used. */
  private claimStep(userId: number, sealedSecret: string | null, code: string, now: number): number | null {
    const step = sealedSecret ? verifyTotp(this.deps.secrets.decrypt(sealedSecret), code, now) : null;
    if (step === null || (this.usedSteps.get(userId) ?? -1) >= step) return null;
    this.usedSteps.set(userId, step);
    return step;
  }

  async me(userId: number, token: string): Promise<Omit<Session, 'token'>> {
    let user: User;
    try {
      const row = await this.db.selectFrom('staff_users').selectAll().where('id', '=', userId).executeTakeFirst();
      if (!row) throw new AppError('UNAUTHENTICATED', 'Your user no longer exists.');
      user = toUser(row);
    } catch (e) {
      // Offline, a signed-in user keeps working on cached data: answer with the user as signed in.
      const known = isLinkError(e) ? this.deps.sessions.userOf(token) : null;
      if (!known) throw e;
      user = known;
    }
    return { user, permissions: permissionsOf(user.role), idleTimeoutMs: this.deps.sessions.idleTimeoutMs, mustChangePassword: this.deps.sessions.mustChangePassword(token) };
  }

  async hasUsers(): Promise<boolean> {
    this.usersExist ||= (await this.userCount()) > 0;
    return this.usersExist;
  }

  async signOut(token: string, username: string): Promise<void> {
    this.deps.sessions.end(token);
    await recordAudit(this.deps.bank, { actor: username, action: 'auth.signed_out', entity: 'staff_user' });
  }

  /**
   * Starts (re-)enrolment after a step-up: the password always, and a current code from the present
   * authenticator when one is on — so whoever holds an unlocked session cannot swap in their own app.
   * Wrong answers count towards the lockout like wrong sign-ins (a lock also ends the user's sessions).
   */
  async beginMfa(
    userId: number,
    username: string,
    proof: { password: string; code?: string | undefined },
    origin: string,
  ): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
    const now = this.clock();
    const row = await this.db.selectFrom('staff_users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!row) throw new AppError('UNAUTHENTICATED', 'Your user no longer exists.');
    const replacing = row.mfa_enabled === 1;
    if (replacing && !proof.code) {
      throw new AppError('VALIDATION', 'To replace your authenticator, enter a current code from the app you use now. Lost the phone? Ask an administrator.', [
        { path: 'code', message: 'Enter the current code' },
      ]);
    }
    const reserved = await reserveAttempt(this.deps.bank, userId, now);
    if (reserved.lockedUntil !== null) {
      this.deps.sessions.endUser(userId);
      throw lockedError(reserved.lockedUntil);
    }
    if (reserved.busy) throw busyError();
    const passwordOk = await verifyPassword(proof.password, row.password_hash);
    const codeOk = !replacing || (passwordOk && proof.code !== undefined && this.claimStep(userId, row.mfa_secret, proof.code, now) !== null);
    if (!passwordOk || !codeOk) {
      const locked = await this.failedCheck(userId, username, 'auth.mfa_step_up_failed', passwordOk ? 'bad_totp' : 'bad_password', origin, now);
      if (locked) {
        this.deps.sessions.endUser(userId);
        throw new AppError('LOCKED', `Too many wrong answers: this account is now locked for ${LOCKOUT_MS / 60000} minutes and signed out. An administrator can unlock it sooner.`);
      }
      throw passwordOk
        ? new AppError('VALIDATION', 'That code is not valid. Enter the code your current authenticator app shows now.', [{ path: 'code', message: 'Code not valid' }])
        : new AppError('VALIDATION', 'That is not your password.', [{ path: 'password', message: 'Wrong password' }]);
    }
    const secret = newTotpSecret();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_users')
        .set({ failed_attempts: 0, mfa_pending_secret: this.deps.secrets.encrypt(secret), updated_at: now })
        .where('id', '=', userId)
        .execute();
      await appendAudit(
        trx,
        this.deps.bank.dialect,
        { actor: username, action: 'auth.mfa_enrolment_started', entity: 'staff_user', entityId: userId, details: { replacing, origin } },
        now,
      );
    });
    this.steppedUp.set(userId, { at: now, origin });
    const { otpauthUri, qrSvg } = await enrolment(secret, username, this.deps.bankName);
    return { secret, otpauthUri, qrSvg };
  }

  /** Activates the pending secret begun (with its step-up) in this process within the last STEP_UP_MS. */
  async confirmMfa(userId: number, username: string, code: string): Promise<void> {
    const now = this.clock();
    const stepUp = this.steppedUp.get(userId);
    const row = await this.db.selectFrom('staff_users').select(['mfa_pending_secret', 'mfa_enabled']).where('id', '=', userId).executeTakeFirstOrThrow();
    // A pending secret without a fresh step-up (e.g. begun before this check existed, or long ago) does not count.
    if (!row.mfa_pending_secret || !stepUp || now - stepUp.at > STEP_UP_MS) {
      throw new AppError('CONFLICT', 'Start the enrolment first (with your password): no pending authenticator secret.');
    }
    const step = verifyTotp(this.deps.secrets.decrypt(row.mfa_pending_secret), code, now);
    if (step === null)
      throw new AppError('VALIDATION', 'That code does not match. Check the app shows "CloudBank" and that your device clock is right.', [
        { path: 'code', message: 'Code does not match' },
      ]);
    this.usedSteps.set(userId, step);
    this.steppedUp.delete(userId);
    const replaced = row.mfa_enabled === 1;
    const when = new Date(now).toISOString().slice(0, 16).replace('T', ' ');
    const notice = replaced
      ? `Your authenticator app was replaced on ${when} UTC (from ${stepUp.origin}). If that was not you, tell an administrator at once.`
      : `Two-step sign-in was turned on for your account on ${when} UTC (from ${stepUp.origin}). If that was not you, tell an administrator at once.`;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_users')
        .set({ mfa_secret: row.mfa_pending_secret, mfa_pending_secret: null, mfa_enabled: 1, security_notice: notice, updated_at: now })
        .where('id', '=', userId)
        .execute();
      await appendAudit(
        trx,
        this.deps.bank.dialect,
        { actor: username, action: replaced ? 'auth.mfa_replaced' : 'auth.mfa_enabled', entity: 'staff_user', entityId: userId, details: { origin: stepUp.origin } },
        now,
      );
    });
  }

  /**
   * One's own password: the current one proves it is the user (a wrong one counts towards the
   * lockout), the new one meets the policy and differs. The user's other sessions end; this one goes
   * on, no longer restricted to changing the password.
   */
  async changePassword(userId: number, token: string, input: { currentPassword: string; newPassword: string }, origin: string): Promise<void> {
    const now = this.clock();
    const row = await this.db.selectFrom('staff_users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!row) throw new AppError('UNAUTHENTICATED', 'Your user no longer exists.');
    const reserved = await reserveAttempt(this.deps.bank, userId, now);
    if (reserved.lockedUntil !== null) {
      this.deps.sessions.endUser(userId);
      throw lockedError(reserved.lockedUntil);
    }
    if (reserved.busy) throw busyError();
    if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
      const locked = await this.failedCheck(userId, row.username, 'auth.password_change_failed', null, origin, now);
      if (locked) {
        this.deps.sessions.endUser(userId);
        throw new AppError('LOCKED', `Too many wrong answers: this account is now locked for ${LOCKOUT_MS / 60000} minutes and signed out. An administrator can unlock it sooner.`);
      }
      throw new AppError('VALIDATION', 'That is not your current password.', [{ path: 'currentPassword', message: 'Wrong password' }]);
    }
    await releaseAttempt(this.deps.bank, userId, now);
    if (input.newPassword === input.currentPassword)
      throw new AppError('VALIDATION', 'Choose a password different from the current one.', [{ path: 'newPassword', message: 'Same as the current password' }]);
    assertPasswordPolicy(input.newPassword, { username: row.username, displayName: row.display_name }, 'newPassword');
    const hash = await hashPassword(input.newPassword);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_users').set({ password_hash: hash, must_change_password: 0, failed_attempts: 0, updated_at: now }).where('id', '=', userId).execute();
      await appendAudit(
        trx,
        this.deps.bank.dialect,
        { actor: row.username, action: 'auth.password_changed', entity: 'staff_user', entityId: userId, details: { forced: Number(row.must_change_password) === 1, origin } },
        now,
      );
    });
    this.deps.sessions.endUserExcept(userId, token);
    this.deps.sessions.clearMustChangePassword(token);
  }
}
