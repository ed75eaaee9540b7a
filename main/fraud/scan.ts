import { appendAudit } from '../audit';
import type { Bank } from '../source';
import { Detector, type DetectorOptions } from './detector';
import { loadRuleOverrides } from './rule-versions';
import { bookedAtOfEntry, entryIdBefore, firstBookedAt, loadDirectory, maxEntryId, readTxns } from './read';
import { openTxnPages } from './txn-pages';
import { storeAlerts } from './store';
import { inTransaction } from '../ledger';
import type { DetectedAlert } from './types';

/** `bank_meta` key holding the last entry id the overnight scan has covered. */
export const SCAN_POSITION_KEY = 'fraud.scan.position';
export const SCAN_ACTOR = 'system:fraud-scan';
const DAY = 86_400_000;
const PROGRESS_EVERY_MS = 200;

export interface ScanProgress {
  phase: 'warm-up' | 'scan' | 'store';
  /** Progress through the entry ids to read (warm-up included). */
  done: number;
  total: number;
  alerts: number;
  txPerSec: number;
}

export interface ScanOptions {
  /** Rescan from this instant (UTC ms) instead of from the stored position. */
  since?: number;
  /** Days of history before the start replayed (without alerting) to warm the profiles. Default 120. */
  warmDays?: number;
  detector?: Omit<DetectorOptions, 'historyStart'>;
  onProgress?: (p: ScanProgress) => void;
  pageSize?: number;
  /** Read the embedded bank's pages in a worker thread; default: for a large range of a bank file (txn-pages.ts). */
  offThread?: boolean;
}

export interface ScanSummary {
  /** Entry ids scanned: (fromEntryId, toEntryId]. */
  fromEntryId: number;
  toEntryId: number;
  /** Customer transactions scored (after the warm-up) and replayed for the warm-up. */
  transactions: number;
  warmedTransactions: number;
  /** Alerts the run raised or added evidence to, and how many of them it created. */
  alerts: number;
  created: number;
  byRule: Record<string, number>;
  seconds: number;
  /** Customer transactions (warm-up included) per second of the read + detect loop. */
  txPerSec: number;
  detectSeconds: number;
}

export async function readScanPosition(bank: Bank): Promise<number | null> {
  const r = await bank.db.selectFrom('bank_meta').select('value').where('key', '=', SCAN_POSITION_KEY).executeTakeFirst();
  return r ? Number(r.value) : null;
}

/**
 * The overnight scan: scores every customer transaction after the stored position (or `since`),
 * after replaying `warmDays` of earlier history so profiles, windows and open episodes are what a
 * continuous run would have. Idempotent: alert keys are unique, so a rerun or a parallel scanner
 * stores nothing twice. The position only moves forward, and each run leaves one audit entry.
 */
export async function scanBank(bank: Bank, opts: ScanOptions = {}): Promise<ScanSummary> {
  const started = performance.now();
  const upTo = await maxEntryId(bank);
  const stored = await readScanPosition(bank);
  const start = Math.min(upTo, opts.since !== undefined ? await entryIdBefore(bank, opts.since) : (stored ?? 0));
  const first = (await firstBookedAt(bank)) ?? 0;
  let warmAfter = start;
  let historyStart = first;
  if (start > 0) {
    const startAt = (await bookedAtOfEntry(bank, start)) ?? first;
    const warmFrom = startAt - (opts.warmDays ?? 120) * DAY;
    if (warmFrom > first) {
      warmAfter = await entryIdBefore(bank, warmFrom);
      historyStart = warmFrom;
    } else warmAfter = 0;
  }
  // Off-thread for a large range: the worker boots and reads ahead while the directory loads here.
  const pages = openTxnPages(
    bank,
    { after: warmAfter, upTo },
    { ...(opts.pageSize === undefined ? {} : { pageSize: opts.pageSize }), ...(opts.offThread === undefined ? {} : { offThread: opts.offThread }) },
  );
  const alerts = new Map<string, DetectedAlert>();
  let scored = 0;
  let warmed = 0;
  let loopStart = 0;
  try {
    const directory = await loadDirectory(bank);
    // The saved active rule versions (fraud_rule_versions) unless the caller gives its own rules.
    const rules = opts.detector?.rules ?? (await loadRuleOverrides(bank));
    const detector = new Detector(directory, { ...opts.detector, rules, historyStart });

    const total = upTo - warmAfter;
    loopStart = performance.now();
    let reported = Number.NEGATIVE_INFINITY;
    for await (const page of readTxns(bank, directory, { after: warmAfter, upTo }, opts.pageSize, pages)) {
      for (const t of page) {
        const events = detector.process(t);
        if (t.id <= start) {
          warmed++;
          // An episode opened in the warm-up and still growing after the start belongs to this run too.
          continue;
        }
        scored++;
        for (const e of events) {
          alerts.set(e.alert.key, e.alert);
          // Member alerts folded into a group alert: the queue shows the group once.
          for (const k of e.absorbed ?? []) alerts.delete(k);
        }
      }
      const last = page.at(-1);
      const now = performance.now();
      // Pages can be small (1,000 rows off-thread): report a few times a second, not per page.
      if (!opts.onProgress || now - reported < PROGRESS_EVERY_MS) continue;
      reported = now;
      const secs = (now - loopStart) / 1000;
      opts.onProgress({
        phase: last && last.id <= start ? 'warm-up' : 'scan',
        done: (last?.id ?? upTo) - warmAfter,
        total,
        alerts: alerts.size,
        txPerSec: secs > 0 ? Math.round((scored + warmed) / secs) : 0,
      });
    }
  } finally {
    await pages?.close();
  }
  const detectSeconds = (performance.now() - loopStart) / 1000;

  opts.onProgress?.({ phase: 'store', done: 0, total: alerts.size, alerts: alerts.size, txPerSec: 0 });
  const stored2 = await storeAlerts(bank, [...alerts.values()]);
  const created = stored2.filter((a) => a.created).length;
  const byRule: Record<string, number> = {};
  for (const a of alerts.values()) byRule[a.ruleId] = (byRule[a.ruleId] ?? 0) + 1;

  // The row exists before the transaction locks it, so two first scans do not race to create it.
  const seed = bank.db.insertInto('bank_meta').values({ key: SCAN_POSITION_KEY, value: '0' });
  await (bank.dialect === 'mysql' ? seed.onDuplicateKeyUpdate((eb) => ({ key: eb.ref('bank_meta.key') })) : seed.onConflict((oc) => oc.column('key').doNothing())).execute();
  // 8 attempts: about the wait budget of the 20 linear retries this used on SQLite's busy lock.
  await inTransaction(
    bank,
    async (trx) => {
      const q = trx.selectFrom('bank_meta').select('value').where('key', '=', SCAN_POSITION_KEY);
      const cur = await (bank.dialect === 'mysql' ? q.forUpdate() : q).executeTakeFirst();
      if (Number(cur?.value ?? 0) < upTo)
        await trx
          .updateTable('bank_meta')
          .set({ value: String(upTo) })
          .where('key', '=', SCAN_POSITION_KEY)
          .execute();
      await appendAudit(trx, bank.dialect, {
        actor: SCAN_ACTOR,
        action: 'fraud.scan',
        entity: 'fraud_alerts',
        entityId: null,
        details: { fromEntryId: start, toEntryId: upTo, transactions: scored, alerts: alerts.size, created, byRule },
      });
    },
    { attempts: 8 },
  );

  return {
    fromEntryId: start,
    toEntryId: upTo,
    transactions: scored,
    warmedTransactions: warmed,
    alerts: alerts.size,
    created,
    byRule,
    seconds: (performance.now() - started) / 1000,
    txPerSec: detectSeconds > 0 ? Math.round((scored + warmed) / detectSeconds) : 0,
    detectSeconds,
  };
}
