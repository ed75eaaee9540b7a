import { AppError } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import type { StaffRow } from '../../shared/contract';
import { appendAudit } from '../audit';
import type { SecretStore } from '../secrets';
import type { Bank, Row } from '../source';
import { hashPassword } from './passwords';
import { assertPasswordPolicy } from './password-policy';
import type { SessionStore } from './sessions';
import type { SignInLimits } from './rate-limit';
import { toStaffRow } from './staff-row';

export interface AuthDeps {
  bank: Bank;
  sessions: SessionStore;
  secrets: SecretStore;
  bankName: string;
  clock?: () => number;
  /** In-memory throttles in front of the lockout (defaults: DEFAULT_SIGN_IN_LIMITS). */
  signInLimits?: SignInLimits;
}

/** The columns an administrator's action may change. */
type StaffChange = {
  role?: string;
  disabled_at?: number | null;
  mfa_enabled?: number;
  mfa_secret?: string | null;
  mfa_pending_secret?: string | null;
  password_hash?: string;
  must_change_password?: number;
  failed_attempts?: number;
  locked_until?: number | null;
};

/** The staff directory and what an administrator does to it: create, list, role, (de)activate, MFA reset, sessions, passwords, unlock. */
export class StaffAdmin {
  protected readonly clock: () => number;
  /** Last TOTP step accepted per user: a code is good for one sign-in only (an MFA reset forgets it). */
  protected readonly usedSteps = new Map<number, number>();
  /** Once a bank has users it never goes back to none: remembered, so the sign-in page works offline. */
  protected usersExist = false;

  constructor(protected readonly deps: AuthDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  protected get db() {
    return this.deps.bank.db;
  }

  async userCount(): Promise<number> {
    const r = await this.db
      .selectFrom('staff_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createUser(input: { username: string; displayName: string; role: Role; password: string; mustChangePassword?: boolean }, actor: string): Promise<number> {
    const hash = await hashPassword(input.password);
    const now = this.clock();
    const created = await this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('staff_users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (exists) throw new AppError('CONFLICT', `The username "${input.username}" is taken.`, [{ path: 'username', message: 'Already taken' }]);
      const res = await trx
        .insertInto('staff_users')
        .values({
          username: input.username,
          display_name: input.displayName,
          role: input.role,
          password_hash: hash,
          mfa_enabled: 0,
          failed_attempts: 0,
          must_change_password: input.mustChangePassword ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .executeTakeFirstOrThrow();
      const id = Number(res.insertId);
      await appendAudit(
        trx,
        this.deps.bank.dialect,
        {
          actor,
          action: 'user.created',
          entity: 'staff_user',
          entityId: id,
          details: { username: input.username, role: input.role, mustChangePassword: input.mustChangePassword === true },
        },
        now,
      );
      return id;
    });
    this.usersExist = true;
    return created;
  }

  async listUsers(): Promise<StaffRow[]> {
    const rows = await this.db.selectFrom('staff_users').selectAll().orderBy('username').execute();
    return rows.map((r) => toStaffRow(r, this.deps.sessions.countUser(Number(r.id))));
  }

  private async adminChange(
    id: number,
    actor: string,
    actorId: number,
    change: { selfAllowed?: boolean; set?: StaffChange; action: string; details?: Record<string, unknown>; notice?: string },
  ): Promise<Row<'staff_users'>> {
    if (!change.selfAllowed && id === actorId) throw new AppError('FORBIDDEN', 'You cannot do this to your own account: ask another administrator.');
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `There is no staff user with id ${id}.`);
      await trx
        .updateTable('staff_users')
        .set({ ...(change.set ?? {}), ...(change.notice ? { security_notice: change.notice } : {}), updated_at: now })
        .where('id', '=', id)
        .execute();
      await appendAudit(
        trx,
        this.deps.bank.dialect,
        { actor, action: change.action, entity: 'staff_user', entityId: id, details: { username: row.username, ...(change.details ?? {}) } },
        now,
      );
      return row;
    });
  }

  /** A new role takes effect at once: the user's sessions end and they sign in with the new permissions. */
  async setRole(id: number, role: Role, actor: string, actorId: number): Promise<void> {
    const row = await this.db.selectFrom('staff_users').select('role').where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `There is no staff user with id ${id}.`);
    if (row.role === role) return;
    if (row.role === 'admin' && id !== actorId) await this.assertAnotherAdmin(id);
    await this.adminChange(id, actor, actorId, { set: { role }, action: 'user.role_changed', details: { from: row.role, to: role } });
    this.deps.sessions.endUser(id);
  }

  async setActive(id: number, active: boolean, reason: string, actor: string, actorId: number): Promise<void> {
    const now = this.clock();
    if (id === actorId) throw new AppError('FORBIDDEN', 'You cannot do this to your own account: ask another administrator.');
    if (!active) {
      const row = await this.db.selectFrom('staff_users').select('role').where('id', '=', id).executeTakeFirst();
      if (row?.role === 'admin') await this.assertAnotherAdmin(id);
    }
    await this.adminChange(id, actor, actorId, { set: { disabled_at: active ? null : now }, action: active ? 'user.reactivated' : 'user.deactivated', details: { reason } });
    if (!active) this.deps.sessions.endUser(id);
  }

  async resetMfa(id: number, actor: string, actorId: number): Promise<void> {
    const when = new Date(this.clock()).toISOString().slice(0, 16).replace('T', ' ');
    await this.adminChange(id, actor, actorId, {
      set: { mfa_enabled: 0, mfa_secret: null, mfa_pending_secret: null },
      action: 'user.mfa_reset',
      notice: `An administrator (${actor}) turned off your two-step sign-in on ${when} UTC. Set up your authenticator again now.`,
    });
    this.deps.sessions.endUser(id);
    this.usedSteps.delete(id);
  }

  async revokeSessions(id: number, actor: string, actorId: number): Promise<number> {
    const ended = this.deps.sessions.countUser(id);
    await this.adminChange(id, actor, actorId, { selfAllowed: true, action: 'user.sessions_revoked', details: { ended } });
    this.deps.sessions.endUser(id);
    return ended;
  }

  /** A temporary password: the user must choose their own at the next sign-in. */
  async setPassword(id: number, password: string, actor: string, actorId: number): Promise<void> {
    const row = await this.db.selectFrom('staff_users').select(['username', 'display_name']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `There is no staff user with id ${id}.`);
    assertPasswordPolicy(password, { username: row.username, displayName: row.display_name });
    const hash = await hashPassword(password);
    await this.adminChange(id, actor, actorId, { set: { password_hash: hash, must_change_password: 1, failed_attempts: 0, locked_until: null }, action: 'user.password_set' });
    this.deps.sessions.endUser(id);
  }

  /** The bank never ends up without an active administrator. */
  private async assertAnotherAdmin(exceptId: number): Promise<void> {
    const others = await this.db.selectFrom('staff_users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).where('id', '!=', exceptId).execute();
    if (others.length === 0) throw new AppError('CONFLICT', 'This is the only active administrator: make another administrator first.');
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
