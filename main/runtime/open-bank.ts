import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { recordAudit } from '../audit';
import { generateDemoBank, DEFAULT_DEMO } from '../demo';
import { scanBank } from '../fraud';
import type { SyncWorkerData } from '../cache';
import { classifierFor, credentialFor, describeUrl, endpointOf, mysqlPoolOptions, openActiveProfile, rdsIamTokenProvider, waitForBank } from '../connections';
import type { SecretStore } from '../secrets';
import { embeddedBankKey, encryptPlaintextBank, migrateToLatest, openMysqlBank, openSqliteBank, sqliteFiles, type Bank } from '../source';
import { dataPaths } from '../settings';
import type { RuntimeOptions } from './types';

export interface OpenedBank {
  /** The source of truth for operations, auth and the audit chain (the writer endpoint). */
  bank: Bank;
  mode: 'demo' | 'live';
  /** Where the cache's sync worker reads from (the reader endpoint where there is one); null: no cache. */
  syncSource: SyncWorkerData['source'] | null;
  /** Closes every pool the source opened (writer and reader). */
  close(): Promise<void>;
}

/**
 * The source of truth: `--mysql URL`, else the active connection profile from Settings, else the
 * embedded demo bank, generated on first start.
 * The demo bank is generated into a side file and renamed when complete, so an interrupted first
 * start never leaves a half-built bank behind. It is encrypted with the workstation's sealed bank
 * key from its first byte; a plaintext bank an earlier version left is encrypted in place once,
 * with a notice (issue 14, finding 7).
 */
export async function openBank(opts: RuntimeOptions, secrets: SecretStore): Promise<OpenedBank> {
  if (opts.mysqlUrl) {
    const bank = openMysqlBank(opts.mysqlUrl);
    await migrateToLatest(bank.db, 'mysql');
    return { bank, mode: 'live', syncSource: { kind: 'mysql', url: opts.mysqlUrl }, close: () => bank.close() };
  }
  const profile = openActiveProfile({ dataDir: opts.dataDir, secrets });
  if (profile) {
    try {
      await waitForBank(profile.writer, classifierFor(profile.profile, 'writer'));
      await migrateToLatest(profile.writer.db, 'mysql');
    } catch (e) {
      await profile.close();
      throw e;
    }
    return { bank: profile.writer, mode: 'live', syncSource: profileSyncSource(profile.profile, secrets), close: () => profile.close() };
  }
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const paths = dataPaths(opts.dataDir);
  const file = paths.demoBank;
  const key = embeddedBankKey({ file, sealedKey: paths.bankKey }, secrets);
  const encrypted = encryptPlaintextBank(file, key);
  if (encrypted) {
    (opts.onNotice ?? opts.onProgress)?.(
      `Notice: the embedded bank ${file} was stored unencrypted by an earlier version; it is now encrypted with a key sealed by ` +
        `${secrets.kind === 'os-keychain' ? 'the system keychain' : "this workstation's key file"}. Copies of the old file (backups) are still readable: delete them.`,
    );
  }
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    for (const f of sqliteFiles(partial)) rmSync(f, { force: true });
    const building = openSqliteBank(partial, key);
    try {
      await migrateToLatest(building.db, 'sqlite');
      const size = opts.demo ?? DEFAULT_DEMO;
      opts.onProgress?.(`Generating the demo bank (${size.customers.toLocaleString('en')} customers, ${size.months} months)…`);
      const res = await generateDemoBank(building, { ...size, end: Date.now() }, (p) => {
        if (p.done === p.total) opts.onProgress?.(`  ${p.phase}: done`);
      });
      opts.onProgress?.(`Demo bank ready in ${res.seconds.toFixed(1)} s.`);
      // The night's fraud scan has run, as it would have at a bank: the analyst's queue starts full.
      const scan = await scanBank(building);
      opts.onProgress?.(`Overnight fraud scan: ${scan.created.toLocaleString('en')} alerts from ${scan.transactions.toLocaleString('en')} transactions.`);
      building.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await building.close();
    }
    renameSync(partial, file);
  }
  const bank = openSqliteBank(file, key);
  await migrateToLatest(bank.db, 'sqlite');
  // Recorded in the bank's own audit log, so an administrator sees when its data became encrypted at rest.
  if (encrypted) await recordAudit(bank, { actor: 'system', action: 'bank.encrypted_at_rest', entity: 'bank', details: { file, keySealedBy: secrets.kind } });
  return { bank, mode: 'demo', syncSource: { kind: 'sqlite', file, keyHex: key.toString('hex') }, close: () => bank.close() };
}

/**
 * The reader endpoint's connection options for the worker. IAM: token functions cannot cross
 * threads, so the worker gets the token request and signs its own tokens (same credential chain).
 */
function profileSyncSource(profile: Parameters<typeof describeUrl>[0] & Parameters<typeof credentialFor>[0], secrets: SecretStore): SyncWorkerData['source'] | null {
  const credential = credentialFor(profile, secrets, rdsIamTokenProvider());
  const { authPlugins: _fns, ...options } = mysqlPoolOptions(profile, credential, { role: 'reader' });
  const { host, port } = endpointOf(profile, 'reader');
  const iam = profile.auth === 'iam' && profile.awsRegion ? { iam: { hostname: host, port, username: profile.user, region: profile.awsRegion } } : {};
  try {
    return { kind: 'mysql', url: describeUrl(profile, 'reader'), options: structuredClone(options), ...iam };
  } catch {
    return null;
  }
}
