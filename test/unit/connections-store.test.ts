import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type MethodInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { listAudit } from '../../main/audit';
import { connectionHandlers, ConnectionStore } from '../../main/connections';
import type { CallContext } from '../../main/dispatch';
import { fileKeySecretStore, type SecretStore } from '../../main/secrets';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';

const ctx: CallContext = { session: { token: 't', userId: 1, username: 'admin', role: 'admin' }, transport: 'test', origin: 'test' };
const SECRET = 'correct horse battery';
const draft = { name: 'Production', host: '127.0.0.1', port: 1, database: 'bank', user: 'analyst', auth: 'password', tls: { mode: 'verify-rds' }, poolSize: 4 } as const;

describe('connection profiles: store and handlers', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;
  let secrets: SecretStore;
  let store: ConnectionStore;
  let h: ReturnType<typeof connectionHandlers>;
  const save = (input: MethodInput<'connections.save'>) => h['connections.save'](contract['connections.save'].input.parse(input), ctx);

  beforeEach(async () => {
    dir = tempDir();
    bank = await emptySqliteBank(dir.path);
    secrets = fileKeySecretStore(join(dir.path, 'k.key'));
    store = new ConnectionStore(join(dir.path, 'settings.json'));
    h = connectionHandlers({ store, secrets, bank, testOptions: { connectTimeoutMs: 2000 } });
  });
  afterEach(async () => {
    await bank.close();
    dir.remove();
  });

  it('seals the password, never returns or audits it, and keeps other settings sections', async () => {
    writeFileSync(store.file, JSON.stringify({ appearance: { theme: 'dark' } }));
    const saved = await save({ ...draft, password: SECRET });
    expect(saved).toMatchObject({ name: 'Production', hasPassword: true });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    const raw = readFileSync(store.file, 'utf8');
    expect(raw).not.toContain(SECRET);
    expect(JSON.parse(raw)).toMatchObject({ appearance: { theme: 'dark' }, connections: { activeId: null } });
    expect(secrets.decrypt(store.get(saved.id)?.sealedPassword ?? '')).toBe(SECRET);
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const list = await h['connections.list']({}, ctx);
    expect(list.profiles).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain('sealed');
    const audit = await listAudit(bank.db, { limit: 10 });
    expect(audit.entries[0]).toMatchObject({
      actor: 'admin',
      action: 'connection.created',
      entity: 'connection',
      entityId: saved.id,
      details: { passwordChanged: true, tls: 'verify-rds' },
    });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('keeps the saved password when an edit leaves it empty, and requires one for a new profile', async () => {
    const saved = await save({ ...draft, password: SECRET });
    const sealed = store.get(saved.id)?.sealedPassword;
    await save({ ...draft, id: saved.id, name: 'Prod (renamed)', password: '' });
    expect(store.get(saved.id)).toMatchObject({ name: 'Prod (renamed)', sealedPassword: sealed });
    await expect(save({ ...draft, name: 'Other' })).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: 'password' }] });
    await expect(save({ ...draft, name: 'prod (RENAMED)', password: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(save({ ...draft, id: 'missing', password: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // IAM profiles hold no password at all.
    const iam = await save({ ...draft, id: saved.id, auth: 'iam', awsRegion: 'eu-west-1' });
    expect(iam.hasPassword).toBe(false);
  });

  it('tests drafts and saved profiles with a classified cause', async () => {
    const res = await h['connections.test'](contract['connections.test'].input.parse({ draft: { ...draft, password: 'pw' } }), ctx);
    expect(res).toMatchObject({ ok: false, cause: 'unreachable' });
    expect(res.message).toContain('127.0.0.1:1');
    const noPassword = await h['connections.test'](contract['connections.test'].input.parse({ draft }), ctx);
    expect(noPassword).toMatchObject({ ok: false, cause: 'wrong_password', message: 'Enter the database password.' });
    const iam = await h['connections.test'](contract['connections.test'].input.parse({ draft: { ...draft, auth: 'iam', awsRegion: 'eu-west-1' } }), ctx);
    expect(iam.ok).toBe(false);
  });

  it('refuses to activate a profile that fails its test, and to delete the active one', async () => {
    const saved = await save({ ...draft, password: SECRET });
    await expect(h['connections.activate']({ id: saved.id }, ctx)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Not switched.*No MySQL server answered at 127\.0\.0\.1:1 /),
    });
    expect(store.activeId()).toBeNull();
    store.setActive(saved.id);
    expect(await h['connections.active']({}, ctx)).toEqual({ activeId: saved.id, name: 'Production' });
    await expect(h['connections.delete']({ id: saved.id }, ctx)).rejects.toBeInstanceOf(AppError);
    expect(await h['connections.activate']({ id: null }, ctx)).toEqual({ activeId: null, appliesOn: 'restart' });
    expect(await h['connections.delete']({ id: saved.id }, ctx)).toEqual({ ok: true });
    expect(store.list()).toEqual([]);
    const actions = (await listAudit(bank.db, { limit: 10 })).entries.map((e) => e.action);
    expect(actions).toEqual(['connection.deleted', 'connection.activated', 'connection.created']);
  });

  it('never overwrites a damaged settings file', async () => {
    writeFileSync(store.file, '{ not json');
    await expect(save({ ...draft, password: SECRET })).rejects.toThrow(/damaged/);
    expect(readFileSync(store.file, 'utf8')).toBe('{ not json');
    expect(existsSync(store.file)).toBe(true);
  });
});

describe('a saved password stays with its server', () => {
  it('must be retyped when the host, user or certificate check changes', async () => {
    const dir = tempDir();
    const bank = await emptySqliteBank(dir.path);
    try {
      const store = new ConnectionStore(join(dir.path, 'settings.json'));
      const h = connectionHandlers({ store, secrets: fileKeySecretStore(join(dir.path, 'k.key')), bank, testOptions: { connectTimeoutMs: 2000 } });
      const saved = await h['connections.save'](contract['connections.save'].input.parse({ ...draft, password: SECRET }), ctx);
      const moved = { ...draft, id: saved.id, host: 'attacker.example.com' };
      await expect(h['connections.save'](contract['connections.save'].input.parse(moved), ctx)).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: 'password' }] });
      const test = await h['connections.test'](
        contract['connections.test'].input.parse({ draft: { ...moved, tls: { mode: 'insecure-no-verify' }, insecureAcknowledged: true } }),
        ctx,
      );
      expect(test).toMatchObject({ ok: false, cause: 'wrong_password', message: expect.stringMatching(/Enter the password again/) });
      // Same server, other settings: the saved password is kept.
      await expect(h['connections.save'](contract['connections.save'].input.parse({ ...draft, id: saved.id, poolSize: 2 }), ctx)).resolves.toMatchObject({
        hasPassword: true,
        poolSize: 2,
      });
    } finally {
      await bank.close();
      dir.remove();
    }
  });
});
