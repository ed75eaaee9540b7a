import type { Bank } from '../source';
import { Detector, type DetectorOptions } from './detector';
import { bookedAtOfEntry, entryIdBefore, firstBookedAt, loadAccount, loadDirectory, maxEntryId, readRowsAfter, readTxns, toTxn, type TxnRow } from './read';
import { loadRuleOverrides } from './rule-versions';
import { storeAlerts, type StoredAlert } from './store';
import type { AccountDirectory, AccountInfo, DetectedAlert } from './types';

const DAY = 86_400_000;

export interface LiveMonitorOptions {
  /** Days of history replayed at start so profiles are warm. Default 120. */
  warmDays?: number;
  detector?: Omit<DetectorOptions, 'historyStart'>;
  /** Score bookings after this entry id (default: whatever is newest when the monitor starts). */
  startAfter?: number;
}

/**
 * Live scoring while the app is online: the same engine as the overnight scan, kept warm in memory.
 * Give it new transaction rows (or let it poll the bank) and it stores and returns the alerts they
 * open or extend. Its keys are the scan's keys, so the night's scan does not raise them again.
 */
export class LiveMonitor {
  private constructor(
    private readonly bank: Bank,
    private readonly detector: Detector,
    private readonly directory: AccountDirectory & { add(a: AccountInfo): void },
    private last: number,
  ) {}

  /** Internal (bank) accounts met in new rows: never looked up twice. */
  private readonly notCustomer = new Set<number>();

  static async start(bank: Bank, opts: LiveMonitorOptions = {}): Promise<LiveMonitor> {
    const upTo = opts.startAfter ?? (await maxEntryId(bank));
    const first = (await firstBookedAt(bank)) ?? 0;
    const endAt = upTo > 0 ? ((await bookedAtOfEntry(bank, upTo)) ?? first) : first;
    const warmFrom = endAt - (opts.warmDays ?? 120) * DAY;
    const warmAfter = warmFrom > first ? await entryIdBefore(bank, warmFrom) : 0;
    const directory = await loadDirectory(bank);
    // The saved active rule versions (fraud_rule_versions) unless the caller gives its own rules.
    const rules = opts.detector?.rules ?? (await loadRuleOverrides(bank));
    const detector = new Detector(directory, { ...opts.detector, rules, historyStart: Math.max(first, warmFrom) });
    for await (const page of readTxns(bank, directory, { after: warmAfter, upTo })) for (const t of page) detector.process(t);
    return new LiveMonitor(bank, detector, directory, upTo);
  }

  /** The last entry id scored. */
  get position(): number {
    return this.last;
  }

  /** Scores new rows (entries joined to their journal; rows at or before the position are skipped) and stores the alerts. */
  async ingest(rows: readonly TxnRow[]): Promise<StoredAlert[]> {
    const sorted = [...rows].filter((r) => Number(r.id) > this.last).sort((a, b) => Number(a.id) - Number(b.id));
    const raised = new Map<string, DetectedAlert>();
    for (const r of sorted) {
      const accountId = Number(r.account_id);
      if (!this.directory.get(accountId) && !this.notCustomer.has(accountId)) {
        const info = await loadAccount(this.bank, accountId);
        if (info) {
          this.directory.add(info);
          this.detector.accountsAdded();
        } else this.notCustomer.add(accountId);
      }
      this.last = Number(r.id);
      const t = toTxn(r, this.directory);
      if (!t) continue;
      for (const e of this.detector.process(t)) raised.set(e.alert.key, e.alert);
    }
    return raised.size ? storeAlerts(this.bank, [...raised.values()]) : [];
  }

  /** Reads what was booked since the position and scores it. */
  async poll(limit = 10_000): Promise<StoredAlert[]> {
    const out: StoredAlert[] = [];
    for (;;) {
      const rows = await readRowsAfter(this.bank, this.last, limit);
      if (rows.length === 0) return out;
      out.push(...(await this.ingest(rows)));
      if (rows.length < limit) return out;
    }
  }
}
