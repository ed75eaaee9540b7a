import { randomUUID } from 'node:crypto';
import type { ConnectionProfile, ConnectionTestResult, ParsedInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { recordAudit } from '../audit';
import type { PartialHandlers } from '../dispatch';
import type { SecretStore } from '../secrets';
import type { Bank } from '../source';
import { attemptContext, classifyConnectionError } from './classify-error';
import { credentialFor } from './credentials';
import type { IamTokenProvider } from './iam';
import { CONNECT_TIMEOUT_MS } from './pool-options';
import { rdsIamTokenProvider } from '../rds-iam';
import type { ConnectionStore, StoredProfile } from './profile-store';
import { testConnection, type TestOptions } from './test-connection';

type ConnectionMethod = 'connections.list' | 'connections.save' | 'connections.delete' | 'connections.test' | 'connections.active' | 'connections.activate';
type Draft = ParsedInput<'connections.save'>;

export interface ConnectionDeps {
  store: ConnectionStore;
  secrets: SecretStore;
  /** Where the audit chain lives: the runtime's current source of truth. */
  bank: Bank;
  /** Signs RDS IAM tokens for IAM profiles; default: the AWS credential chain (rdsIamTokenProvider). */
  iam?: IamTokenProvider;
  /** Switches the runtime's source at once; without it the choice applies at the next start. */
  onActivate?: (profile: StoredProfile | null) => Promise<'now' | 'restart'>;
  testOptions?: TestOptions;
  now?: () => number;
}

function toPublic(p: StoredProfile): ConnectionProfile {
  const { sealedPassword, ...rest } = p;
  return { ...rest, hasPassword: Boolean(sealedPassword) };
}

/** Only the settings, never the password: the audit entry says *that* it changed. */
function auditDetails(p: StoredProfile, passwordChanged: boolean): Record<string, unknown> {
  return {
    name: p.name,
    endpoint: `${p.host}:${p.port}/${p.database}`,
    user: p.user,
    auth: p.auth,
    tls: p.tls.mode,
    reader: p.readerHost ? `${p.readerHost}:${p.readerPort ?? p.port}` : null,
    poolSize: p.poolSize,
    passwordChanged,
  };
}

/**
 * A saved password is bound to the servers it was saved for. Reusing it after the host, user or
 * certificate check changed would send it to a server nobody has vouched for, so it must be retyped.
 */
function sameTrust(a: StoredProfile, b: StoredProfile): boolean {
  return (
    a.host === b.host &&
    a.port === b.port &&
    a.user === b.user &&
    (a.readerHost ?? null) === (b.readerHost ?? null) &&
    (a.readerPort ?? a.port) === (b.readerPort ?? b.port) &&
    a.tls.mode === b.tls.mode &&
    (a.tls.caFile ?? null) === (b.tls.caFile ?? null)
  );
}

const RETYPE = 'Enter the password again: a saved password is only sent to the server and certificate check it was saved with.';

function settingsOf(d: Draft, id: string, updatedAt: number, sealedPassword: string | undefined): StoredProfile {
  const { password: _password, insecureAcknowledged: _ack, id: _id, ...fields } = d;
  return { ...fields, id, updatedAt, ...(sealedPassword ? { sealedPassword } : {}) };
}

export function connectionHandlers(deps: ConnectionDeps): PartialHandlers<ConnectionMethod> {
  const iam = deps.iam ?? rdsIamTokenProvider();
  const now = deps.now ?? Date.now;

  const runTest = async (profile: StoredProfile, typedPassword?: string): Promise<ConnectionTestResult> => {
    let credential;
    try {
      credential = credentialFor(profile, deps.secrets, iam, typedPassword);
    } catch (e) {
      return { ok: false, ...classifyConnectionError(e, attemptContext(profile, CONNECT_TIMEOUT_MS)) };
    }
    return testConnection(profile, credential, deps.testOptions);
  };

  const mustGet = (id: string): StoredProfile => {
    const p = deps.store.get(id);
    if (!p) throw new AppError('NOT_FOUND', 'That connection profile no longer exists; reload the list.');
    return p;
  };

  return {
    'connections.list': async () => ({ profiles: deps.store.list().map(toPublic), activeId: deps.store.activeId() }),

    'connections.save': async (input, ctx) => {
      const actor = ctx.session.username;
      const existing = input.id ? mustGet(input.id) : undefined;
      const clash = deps.store.list().find((p) => p.id !== existing?.id && p.name.toLowerCase() === input.name.toLowerCase());
      if (clash) throw new AppError('CONFLICT', `A connection called "${clash.name}" exists already; choose another name.`, [{ path: 'name', message: 'This name is taken' }]);
      let sealed: string | undefined;
      const id = existing?.id ?? randomUUID();
      if (input.auth === 'password') {
        if (input.password) sealed = deps.secrets.encrypt(input.password);
        else if (existing?.sealedPassword) {
          if (!sameTrust(existing, settingsOf(input, id, 0, undefined)))
            throw new AppError('VALIDATION', RETYPE, [{ path: 'password', message: 'Enter the password again for the changed server' }]);
          sealed = existing.sealedPassword;
        }
        if (!sealed) throw new AppError('VALIDATION', 'Enter the database password.', [{ path: 'password', message: 'Enter the database password' }]);
      }
      const profile = settingsOf(input, id, now(), sealed);
      // Audit first: a recorded change that failed to save is better than an unrecorded one.
      await recordAudit(deps.bank, {
        actor,
        action: existing ? 'connection.updated' : 'connection.created',
        entity: 'connection',
        entityId: profile.id,
        details: auditDetails(profile, Boolean(input.password)),
      });
      deps.store.upsert(profile);
      return toPublic(profile);
    },

    'connections.delete': async (input, ctx) => {
      const actor = ctx.session.username;
      const p = mustGet(input.id);
      if (deps.store.activeId() === p.id) throw new AppError('CONFLICT', `"${p.name}" is the active source. Switch to another source first.`);
      await recordAudit(deps.bank, {
        actor,
        action: 'connection.deleted',
        entity: 'connection',
        entityId: p.id,
        details: { name: p.name, endpoint: `${p.host}:${p.port}/${p.database}` },
      });
      deps.store.remove(p.id);
      return { ok: true as const };
    },

    'connections.test': async (input) => {
      if (input.draft) {
        // Testing the form: a blank password on an edited profile means "the one already saved".
        const saved = input.draft.id ? deps.store.get(input.draft.id) : undefined;
        const profile = settingsOf(input.draft, input.draft.id ?? 'draft', now(), undefined);
        if (saved?.sealedPassword && !input.draft.password && profile.auth === 'password') {
          if (!sameTrust(saved, profile)) return { ok: false, cause: 'wrong_password', message: RETYPE };
          profile.sealedPassword = saved.sealedPassword;
        }
        return runTest(profile, input.draft.password);
      }
      return runTest(mustGet(input.id ?? ''));
    },

    'connections.active': async () => {
      const p = deps.store.active();
      return { activeId: p?.id ?? null, name: p?.name ?? null };
    },

    'connections.activate': async (input, ctx) => {
      const actor = ctx.session.username;
      const profile = input.id === null ? null : mustGet(input.id);
      if (profile) {
        // Never switch the source of truth to a database the workstation cannot use.
        const result = await runTest(profile);
        if (!result.ok) throw new AppError('CONFLICT', `Not switched to "${profile.name}": ${result.message}`);
      }
      await recordAudit(deps.bank, {
        actor,
        action: 'connection.activated',
        entity: 'connection',
        entityId: profile?.id ?? null,
        details: profile ? { name: profile.name, endpoint: `${profile.host}:${profile.port}/${profile.database}` } : { source: 'embedded demo bank' },
      });
      deps.store.setActive(profile?.id ?? null);
      const appliesOn = deps.onActivate ? await deps.onActivate(profile) : 'restart';
      return { activeId: profile?.id ?? null, appliesOn };
    },
  };
}
