import { join } from 'node:path';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoBank } from '../../main/demo';
import { POSTINGS } from '../../main/metrics/fact-tables';
import { aggregate } from '../../main/metrics/facts';
import type { MetricStore } from '../../main/metrics/store';
import { openSqliteBank, type Bank, type BankDatabase } from '../../main/source';
import { bankDayOf } from '../../shared/bank-time';
import { emptySqliteBank, TINY_DEMO } from '../support/banks';
import { tempDir } from '../support/temp';

/**
 * The query plan of a window of postings on the embedded bank (no rollups there), as the metric layer
 * builds it: SQLite must read the window as a range of journal_booked and each journal's entries, not take
 * the customer accounts as the outer loop and fetch each posting from a random page (3.5 s for a year
 * of the demo bank, against 0.23 s).
 */
describe('postings on the embedded bank: the window is read in time order', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;
  const ZONE = 'Europe/Prague';
  const END = Date.UTC(2026, 10, 1);

  beforeAll(async () => {
    dir = tempDir('cbplan-');
    const made = await emptySqliteBank(dir.path);
    await generateDemoBank(made, { ...TINY_DEMO, end: END });
    await made.close();
    bank = openSqliteBank(join(dir.path, 'bank.sqlite'));
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  /** The statements the metric layer sends, with their parameters, through a Kysely that records them. */
  async function statementsOf(run: (store: MetricStore) => Promise<unknown>): Promise<{ sql: string; parameters: readonly unknown[] }[]> {
    const seen: { sql: string; parameters: readonly unknown[] }[] = [];
    const raw = bank.sqlite;
    if (!raw) throw new Error('an embedded bank has its connection');
    const db = new Kysely<BankDatabase>({
      dialect: new SqliteDialect({ database: raw }),
      log: (e) => {
        if (e.level === 'query') seen.push({ sql: e.query.sql, parameters: e.query.parameters });
      },
    });
    await run({ bank: { ...bank, db }, source: 'bank', rollups: false, timeZone: ZONE, asOf: END });
    return seen;
  }

  it.each([
    ['a year by branch and day', 365, ['branch'] as const, true],
    ['a day by channel', 1, ['channel'] as const, false],
  ])('%s', async (_name, days, by, byDay) => {
    const toDay = bankDayOf(END, ZONE);
    const statements = await statementsOf((store) =>
      aggregate(store, POSTINGS, sql`sum(abs(e.amount))`, { bounds: { fromDay: toDay - days, toDay }, byDay, by: [...by], filters: [] }),
    );
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    const plan = (bank.sqlite?.prepare(`explain query plan ${statement?.sql}`).all(...(statement?.parameters ?? [])) as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/^SEARCH j USING (COVERING )?INDEX journal_booked \(booked_at>\? AND booked_at<\?\)/);
    expect(plan.join(' | ')).not.toMatch(/SCAN a\b/);
  });
});
