import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { generateDemoBank, DEFAULT_DEMO } from '../demo';
import { migrateToLatest, openMysqlBank, openSqliteBank, type Bank } from '../source';
import { dataPaths } from '../settings';
import type { RuntimeOptions } from './types';

/**
 * The source of truth: a configured MySQL bank, or the embedded demo bank, generated on first start.
 * The demo bank is generated into a side file and renamed when complete, so an interrupted first
 * start never leaves a half-built bank behind.
 */
export async function openBank(opts: RuntimeOptions): Promise<{ bank: Bank; mode: 'demo' | 'live' }> {
  if (opts.mysqlUrl) {
    const bank = openMysqlBank(opts.mysqlUrl);
    await migrateToLatest(bank.db, 'mysql');
    return { bank, mode: 'live' };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const file = dataPaths(opts.dataDir).demoBank;
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    const building = openSqliteBank(partial);
    try {
      await migrateToLatest(building.db, 'sqlite');
      const size = opts.demo ?? DEFAULT_DEMO;
      opts.onProgress?.(`Generating the demo bank (${size.customers.toLocaleString('en')} customers, ${size.months} months)…`);
      const res = await generateDemoBank(building, { ...size, end: Date.now() }, (p) => {
        if (p.done === p.total) opts.onProgress?.(`  ${p.phase}: done`);
      });
      opts.onProgress?.(`Demo bank ready in ${res.seconds.toFixed(1)} s.`);
      building.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      await building.close();
    }
    renameSync(partial, file);
  }
  const bank = openSqliteBank(file);
  await migrateToLatest(bank.db, 'sqlite');
  return { bank, mode: 'demo' };
}
