import { openWorkstationCache, startSyncWorker, type SyncWorkerData } from '../cache';
import { fileKeySecretStore } from '../secrets';
import { dataPaths } from '../settings';
import { embeddedBankAt } from './bank-target';

/**
 * `cloudbank sync`: one headless round into the data dir's encrypted cache, with progress.
 * Uses the browser edition's key file; a desktop's cache key is sealed by the OS keychain instead.
 */
export async function syncCommand(o: { dataDir: string; mysql?: string }): Promise<void> {
  const paths = dataPaths(o.dataDir);
  const source: SyncWorkerData['source'] = o.mysql
    ? { kind: 'mysql', url: o.mysql }
    : { kind: 'sqlite', file: paths.demoBank, keyHex: embeddedBankAt(o.dataDir).key.toString('hex') };
  const { db, file: cacheFile, key, emptied } = await openWorkstationCache(o.dataDir, fileKeySecretStore(paths.keyFile), source);
  if (emptied) process.stdout.write('The cache held another bank: emptied for a fresh first copy.\n');
  db.close();
  const tty = process.stdout.isTTY;
  let last = '';
  const worker = startSyncWorker(
    { cacheFile, keyHex: key.toString('hex'), source, intervalMs: null },
    {
      onProgress: (p) => {
        const pct = p.total ? Math.min(100, Math.round((100 * p.rows) / p.total)) : 100;
        const line = `${p.table.padEnd(22)} ${String(pct).padStart(3)}%  ${p.rows.toLocaleString('en')} rows  ${p.rowsPerSec.toLocaleString('en')} rows/s${p.etaSec !== null ? `  ETA ${Math.ceil(p.etaSec)} s` : ''}`;
        if (tty) process.stdout.write(`\r${line}   `);
        else if (p.table !== last) process.stdout.write(`${p.table}…\n`);
        last = p.table;
      },
      onRound: (r) => {
        if (tty) process.stdout.write('\n');
        process.stdout.write(`Synced ${r.rows.toLocaleString('en')} rows (${r.deleted} deletions) in ${r.seconds.toFixed(1)} s into ${cacheFile}.\n`);
      },
    },
  );
  await worker.finished;
}
