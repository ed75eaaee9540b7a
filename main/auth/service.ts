import { AppError } from '../../shared/errors';
import { roleSchema, permissionsOf, type Role } from '../../shared/roles';
import type { Session, StaffRow, User } from '../../shared/contract';
import { appendAudit, recordAudit } from '../audit';
import { isLinkError } from '../connections';
import type { SecretStore } from '../secrets';
import type { Bank, Row } from '../source';
import { inTransaction } from '../ledger';
import { concludeFailure, LOCKOUT_MS, MAX_FAILED_ATTEMPTS, releaseAttempt, reserveAttempt } from './lockout';
import { SignInLimiter, type SignInLimits } from './rate-limit';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import type { SessionStore } from './sessions';
import { enrolment, newTotpSecret, verifyTotp } from './totp';

export interface AuthDeps {
  bank: Bank;
  sessions: SessionStore;
  secrets: SecretStore;
  bankName: string;
  clock?: () => number;
  /** In-memory throttles in front of the lockout (defaults: DEFAULT_SIGN_IN_LIMITS). */
  signInLimits?: SignInLimits;
}

/** How long a passed step-up allows confirming the new authenticator. */
const STEP_UP_MS = 10 * 60 * 1000;

function lockedError(until: number): AppError {
  return new AppError('LOCKED', `This account is locked after ${MAX_FAILED_ATTEMPTS} failed sign-ins. Try again after ${new Date(until).toISOString().slice(11, 16)} UTC or ask an administrator to unlock it.`);
}

/** What the audit keeps of a name nobody owns: a password typed into the username field must not become readable there. */
function maskedName(name: string): string {
  return name.length <= 2 ? '*'.repeat(name.length) : `${name.slice(0, 2)}${'*'.repeat(Math.min(name.length - 2, 10))}`;
}

function toUser(r: Row<'staff_users'>): User {
  return { id: Number(r.id), username: r.username, displayName: r.display_name, role: roleSchema.parse(r.role), mfaEnabled: r.mfa_enabled === 1 };
}

export function toStaffRow(r: Row<'staff_users'>): StaffRow {
  return {
    ...toUser(r),
    lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
    failedAttempts: Number(r.failed_attempts),
    lastLoginAt: r.last_login_at === null ? null : Number(r.last_login_at),
  };
}

export class AuthService {
  private readonly clock: () => number;
  /** Last TOTP step accepted per user: a code is good for one sign-in only. */
  private readonly usedSteps = new Map<number, number>();
  /** Once a bank has users it never goes back to none: remembered, so the sign-in page works offline. */
  private usersExist = false;
  private readonly limiter: SignInLimiter;
  /** Users who passed the step-up for enrolment (password, and the current code when replacing), and when. */
  private readonly steppedUp = new Map<number, { at: number; origin: string }>();

  constructor(private readonly deps: AuthDeps) {
    this.clock = deps.clock ?? Date.now;
    this.limiter = new SignInLimiter(deps.signInLimits);
  }

  private get db() {
    return this.deps.bank.db;
  }

  async userCount(): Promise<number> {
    const r = await this.db.selectFrom('staff_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createUser(input: { username: string; displayName: string; role: Role; password: string }, actor: string): Promise<number> {
    const hash = await hashPassword(input.password);
    const now = this.clock();
    const created = await this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('staff_users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (exists) throw new AppError('CONFLICT', `The username "${input.username}" is taken.`, [{ path: 'username', message: 'Already taken' }]);
      const res = await trx
        .insertInto('staff_users')
        .values({ username: input.username, display_name: input.displayName, role: input.role, password_hash: hash, mfa_enabled: 0, failed_attempts: 0, created_at: now, updated_at: now })
        .executeTakeFirstOrThrow();
      const id = Number(res.insertId);
      await appendAudit(trx, this.deps.bank.dialect, { actor, action: 'user.created', entity: 'staff_user', entityId: id, details: { username: input.username, role: input.role } }, now);
      return id;
    });
    this.usersExist = true;
    return created;
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
      await verifyPassword(input.password, await dummyHash());
      await recordAudit(this.deps.bank, { actor: input.username.slice(0, 80), action: 'auth.sign_in_failed', entity: 'staff_user', entityId: null, details: { reason: 'unknown_user', origin } });
      throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
    }
    const userId = Number(row.id);
    // Counted before the check (see reserveAttempt): parallel guesses each take a number, and those past the limit are not checked at all.
    const reserved = await reserveAttempt(this.deps.bank, userId, now);
    if (reserved.lockedUntil !== null) {
      await recordAudit(this.deps.bank, { actor: row.username, action: 'auth.sign_in_refused', entity: 'staff_user', entityId: userId, details: { reason: 'locked', attempt: reserved.attempt, origin } });
      throw lockedError(reserved.lockedUntil);
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
      const { attempts, locked } = await concludeFailure(this.deps.bank, userId, now);
      await recordAudit(this.deps.bank, { actor: row.username, action: 'auth.sign_in_failed', entity: 'staff_user', entityId: userId, details: { reason: passwordOk ? 'bad_totp' : 'bad_password', attempts, locked, origin } });
      if (locked) throw new AppError('LOCKED', `Too many failed sign-ins: this account is now locked for ${LOCKOUT_MS / 60000} minutes. An administrator can unlock it sooner.`);
      throw new AppError('UNAUTHENTICATED', passwordOk ? 'That code is not valid. Check your device clock and try the next code.' : 'Wrong username or password.');
    }
    // Right password (and code): sign in unless a parallel failure locked the account meanwhile.
    const outcome = await inTransaction(this.deps.bank, async (trx) => {
      let q = trx.selectFrom('staff_users').select(['locked_until', 'security_notice']).where('id', '=', userId);
      if (this.deps.bank.dialect === 'mysql') q = q.forUpdate();
      const current = await q.executeTakeFirstOrThrow();
      if (current.locked_until !== null && Number(current.locked_until) > now) return { lockedUntil: Number(current.locked_until), notice: null };
      await trx.updateTable('staff_users').set({ failed_attempts: 0, locked_until: null, last_login_at: now, security_notice: null, updated_at: now }).where('id', '=', userId).execute();
      await appendAudit(trx, this.deps.bank.dialect, { actor: row.username, action: 'auth.signed_in', entity: 'staff_user', entityId: userId, details: { mfa: row.mfa_enabled === 1, origin } }, now);
      return { lockedUntil: null, notice: current.security_notice };
    });
    if (outcome.lockedUntil !== null) {
      await recordAudit(this.deps.bank, { actor: row.username, action: 'auth.sign_in_refused', entity: 'staff_user', entityId: userId, details: { reason: 'locked', origin } });
      throw lockedError(outcome.lockedUntil);
    }
    this.limiter.forgive(ticket, true);
    const user = toUser(row);
    this.usersExist = true;
    const token = this.deps.sessions.create(user);
    return { token, user, permissions: permissionsOf(user.role), idleTimeoutMs: this.deps.sessions.idleTimeoutMs, notices: outcome.notice ? [outcome.notice] : [] };
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
    return { user, permissions: permissionsOf(user.role), idleTimeoutMs: this.deps.sessions.idleTimeoutMs };
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
  async beginMfa(userId: number, username: string, proof: { password: string; code?: string | undefined }, origin: string): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
    const now = this.clock();
    const row = await this.db.selectFrom('staff_users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!row) throw new AppError('UNAUTHENTICATED', 'Your user no longer exists.');
    const replacing = row.mfa_enabled === 1;
    if (replacing && !proof.code) {
      throw new AppError('VALIDATION', 'To replace your authenticator, enter a current code from the app you use now. Lost the phone? Ask an administrator.', [{ path: 'code', message: 'Enter the current code' }]);
    }
    const reserved = await reserveAttempt(this.deps.bank, userId, now);
    if (reserved.lockedUntil !== null) {
      this.deps.sessions.endUser(userId);
      throw lockedError(reserved.lockedUntil);
    }
    const passwordOk = await verifyPassword(proof.password, row.password_hash);
    const codeOk = !replacing || (passwordOk && proof.code !== undefined && this.claimStep(userId, row.mfa_secret, proof.code, now) !== null);
    if (!passwordOk || !codeOk) {
      const { attempts, locked } = await concludeFailure(this.deps.bank, userId, now);
      await recordAudit(this.deps.bank, { actor: username, action: 'auth.mfa_step_up_failed', entity: 'staff_user', entityId: userId, details: { reason: passwordOk ? 'bad_totp' : 'bad_password', attempts, locked, origin } });
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
      await trx.updateTable('staff_users').set({ failed_attempts: 0, mfa_pending_secret: this.deps.secrets.encrypt(secret), updated_at: now }).where('id', '=', userId).execute();
      await appendAudit(trx, this.deps.bank.dialect, { actor: username, action: 'auth.mfa_enrolment_started', entity: 'staff_user', entityId: userId, details: { replacing, origin } }, now);
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
    if (step === null) throw new AppError('VALIDATION', 'That code does not match. Check the app shows "CloudBank" and that your device clock is right.', [{ path: 'code', message: 'Code does not match' }]);
    this.usedSteps.set(userId, step);
    this.steppedUp.delete(userId);
    const replaced = row.mfa_enabled === 1;
    const when = new Date(now).toISOString().slice(0, 16).replace('T', ' ');
    const notice = replaced
      ? `Your authenticator app was replaced on ${when} UTC (from ${stepUp.origin}). If that was not you, tell an administrator at once.`
      : `Two-step sign-in was turned on for your account on ${when} UTC (from ${stepUp.origin}). If that was not you, tell an administrator at once.`;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('staff_users').set({ mfa_secret: row.mfa_pending_secret, mfa_pending_secret: null, mfa_enabled: 1, security_notice: notice, updated_at: now }).where('id', '=', userId).execute();
      await appendAudit(trx, this.deps.bank.dialect, { actor: username, action: replaced ? 'auth.mfa_replaced' : 'auth.mfa_enabled', entity: 'staff_user', entityId: userId, details: { origin: stepUp.origin } }, now);
    });
  }

  async listUsers(): Promise<StaffRow[]> {
    const rows = await this.db.selectFrom('staff_users').selectAll().orderBy('username').execute();
    return rows.map(toStaffRow);
  }

  async unlockUser(id: number, actor: string): Promise<void> {
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('staff_users').set({ failed_attempts: 0, locked_until: null, updated_at: now }).where('id', '=', id).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', `There is no staff user with id ${id}.`);
      await appendAudit(trx, this.deps.bank.dialect, { actor, action: 'user.unlocked', entity: 'staff_user', entityId: id }, now);
    });
  }
}
