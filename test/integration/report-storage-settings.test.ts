import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../main/auth';
import { silentLogger } from '../../main/log';
import { createRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { s3SettingsSchema, type Session } from '../../shared/contract';
import { freshBank } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * Settings → Report storage (issue 11): the S3 bucket, prefix, region and encryption are validated by
 * AWS's own rules, hold no credentials, are changed by administrators only (managers read where reports
 * go) and every change is in the audit chain with who made it and the settings before and after.
 */

const GOOD = { bucket: 'bank-board-packs', prefix: 'board-packs/', region: 'eu-central-1', encryption: 'AES256', kmsKeyId: null, endpoint: null };
const ARN = 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('S3 report storage settings: the rules', () => {
  const ok = (patch: Record<string, unknown>): boolean => s3SettingsSchema.safeParse({ ...GOOD, ...patch }).success;
  const why = (patch: Record<string, unknown>): string => {
    const r = s3SettingsSchema.safeParse({ ...GOOD, ...patch });
    return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };

  it('bucket names follow the S3 naming rules', () => {
    for (const b of ['abc', 'bank-reports', 'my.bank.reports-2024', 'a'.repeat(63)]) expect(ok({ bucket: b }), b).toBe(true);
    for (const b of [
      'ab',
      'a'.repeat(64),
      'Bank-Reports',
      'bank_reports',
      '-bank',
      'bank-',
      'bank..reports',
      '192.168.10.1',
      'xn--bank',
      'sthree-bank',
      'bank-s3alias',
      'bank--ol-s3',
      'bank.mrap',
    ])
      expect(ok({ bucket: b }), b).toBe(false);
    expect(why({ bucket: 'bank..reports' })).toContain('two dots');
    expect(why({ bucket: '10.0.0.1' })).toContain('IP address');
  });

  it('regions look like AWS regions', () => {
    for (const r of ['eu-central-1', 'us-east-2', 'ap-southeast-3', 'us-gov-west-1', 'cn-north-1', 'il-central-1', 'eu-south-2']) expect(ok({ region: r }), r).toBe(true);
    for (const r of ['eu-central', 'EU-CENTRAL-1', 'frankfurt', 'eu-middle-1', 'eu-central-1a', 'eu-central-']) expect(ok({ region: r }), r).toBe(false);
  });

  it('SSE-KMS needs a key id, alias or ARN in the bucket’s region; SSE-S3 takes none', () => {
    for (const k of [
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      'mrk-1234abcd12ab34cd56ef1234567890ab',
      'alias/board-packs',
      ARN,
      'arn:aws:kms:eu-central-1:111122223333:alias/board-packs',
    ])
      expect(ok({ encryption: 'aws:kms', kmsKeyId: k }), k).toBe(true);
    expect(why({ encryption: 'aws:kms', kmsKeyId: null })).toContain('kmsKeyId');
    expect(why({ encryption: 'aws:kms', kmsKeyId: 'my key' })).toContain('KMS key id');
    expect(why({ encryption: 'aws:kms', kmsKeyId: ARN.replace('eu-central-1', 'us-east-1') })).toContain('bucket’s region');
    expect(why({ encryption: 'AES256', kmsKeyId: ARN })).toContain('only with SSE-KMS');
  });

  it('never takes credentials: no field for them, and none hidden in the endpoint', () => {
    expect(ok({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE' })).toBe(false);
    expect(ok({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })).toBe(false);
    expect(ok({ sessionToken: 'x' })).toBe(false);
    expect(why({ endpoint: 'https://AKIA:secret@minio.bank.internal:9000' })).toContain('No credentials');
    expect(ok({ endpoint: 'http://127.0.0.1:9000' })).toBe(true);
    expect(ok({ endpoint: 'ftp://minio' })).toBe(false);
  });
});

describe('S3 report storage settings through the dispatcher', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  const dir = tempDir('cbstorage-');
  const tokens: Record<string, string> = {};
  const call = (role: string, method: string, input: unknown) => runtime.dispatch({ method, input, sessionToken: tokens[role] ?? null, transport: 'test', origin: 'test' });

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'cbstorage'));
    runtime = await createRuntime(bank, 'demo', { dataDir: dir.path, log: silentLogger, liveFraudMonitor: false }, async () => undefined);
    for (const role of ['admin', 'manager', 'teller']) {
      const s = await runtime.dispatch({ method: 'auth.signIn', input: { username: role, password: DEMO_PASSWORD }, sessionToken: null, transport: 'test', origin: 'test' });
      if (!s.ok) throw new Error(s.error.message);
      tokens[role] = (s.result as Session).token;
    }
  }, 120_000);
  afterAll(async () => {
    await runtime.close();
    await dispose();
    dir.remove();
  });

  const auditRows = () => bank.db.selectFrom('audit_log').selectAll().where('entity_id', '=', 'report-storage').orderBy('seq').execute();

  it('an administrator sets and changes it; each change is audited with who and before/after; the same settings again record nothing', async () => {
    expect(await call('admin', 'settings.reportStorage.get', {})).toMatchObject({ ok: true, result: { settings: null } });
    const first = await call('admin', 'settings.reportStorage.set', GOOD);
    expect(first).toMatchObject({ ok: true, result: { changed: true, settings: { bucket: 'bank-board-packs' } } });
    const kms = { ...GOOD, prefix: 'packs/', encryption: 'aws:kms', kmsKeyId: ARN };
    expect(await call('admin', 'settings.reportStorage.set', kms)).toMatchObject({ ok: true, result: { changed: true } });
    expect(await call('admin', 'settings.reportStorage.set', kms)).toMatchObject({ ok: true, result: { changed: false } });

    const rows = await auditRows();
    expect(rows.map((r) => [r.actor, r.action])).toEqual([
      ['admin', 'report_storage.set'],
      ['admin', 'report_storage.changed'],
    ]);
    const details = JSON.parse(rows[1]?.details ?? '{}') as { before: Record<string, unknown>; after: Record<string, unknown> };
    expect(details.before).toMatchObject({ prefix: 'board-packs/', encryption: 'AES256', kmsKeyId: null });
    expect(details.after).toMatchObject({ prefix: 'packs/', encryption: 'aws:kms', kmsKeyId: ARN });
    expect(JSON.parse(rows[0]?.details ?? '{}')).toMatchObject({ before: null, after: { bucket: 'bank-board-packs' } });

    // Managers see where reports go (the Reports screen), nothing more.
    expect(await call('manager', 'reports.storage.get', {})).toMatchObject({ ok: true, result: { settings: { prefix: 'packs/', kmsKeyId: ARN } } });
    const chain = await call('admin', 'audit.verify', {});
    expect(chain).toMatchObject({ ok: true, result: { ok: true } });
  });

  it('refuses bad settings and credentials at the boundary, writing nothing', async () => {
    const before = (await auditRows()).length;
    for (const bad of [
      { ...GOOD, bucket: 'Bank_Reports' },
      { ...GOOD, region: 'frankfurt' },
      { ...GOOD, encryption: 'aws:kms', kmsKeyId: 'not-a-key' },
      { ...GOOD, accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    ]) {
      const r = await call('admin', 'settings.reportStorage.set', bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    expect(await auditRows()).toHaveLength(before);
    expect(await call('admin', 'settings.reportStorage.get', {})).toMatchObject({ ok: true, result: { settings: { prefix: 'packs/' } } });
  });

  it('only administrators change it; a manager and a teller are refused, the old way through reports is gone', async () => {
    for (const role of ['manager', 'teller']) {
      const set = await call(role, 'settings.reportStorage.set', GOOD);
      expect(set.ok).toBe(false);
      if (!set.ok) expect(set.error.code).toBe('FORBIDDEN');
    }
    const old = await call('manager', 'reports.storage.set', GOOD);
    expect(old.ok).toBe(false);
    const tellerRead = await call('teller', 'reports.storage.get', {});
    expect(tellerRead.ok).toBe(false);
  });
});
