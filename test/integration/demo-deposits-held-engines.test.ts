import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankDayOf, bankDayStart, dayIso } from '../../shared/bank-time';
import { generateDemoBank } from '../../main/demo';
import { depositsHeldAt } from '../../main/demo/compliance-seed';
import { bankZone, queryMetric } from '../../main/metrics';
import type { Bank } from '../../main/source';
import { freshBank, TINY_DEMO } from '../support/banks';

/**
 * The demo's compliance inputs are sized from the deposits held, read off the balances (the metric
 * walked every posting: seconds at the demo bank's first start). The two must agree to the cent: at the
 * end of the history, and at a day inside it, where the later postings are taken back.
 */
const END = Date.UTC(2025, 10, 25, 14, 30, 0);

for (const engine of ['sqlite', 'mysql'] as const) {
  describe(`deposits held from the balances on ${engine}`, () => {
    let bank: Bank;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ bank, dispose } = await freshBank(engine, 'cbdeposits'));
      await generateDemoBank(bank, { ...TINY_DEMO, end: END });
    }, 120_000);
    afterAll(async () => {
      await dispose?.();
    });

    it('equals the deposits_held metric at the end and 40 days before it, per currency', async () => {
      const timeZone = await bankZone(bank);
      const store = { bank, source: 'bank' as const, rollups: false, timeZone, asOf: END };
      const currencies = (await bank.db.selectFrom('accounts').select('currency').distinct().where('kind', '=', 'customer').execute()).map((r) => r.currency);
      expect(currencies.length).toBeGreaterThan(0);
      for (const day of [bankDayOf(END, timeZone), bankDayOf(END, timeZone) - 40]) {
        const metric = await queryMetric(store, { metric: 'deposits_held', by: [], from: dayIso(day), to: dayIso(day + 1), grain: null, compare: 'none', filters: [] });
        for (const currency of currencies) {
          const expected = metric.rows.find((r) => r.currency === currency)?.value ?? 0;
          expect(await depositsHeldAt(bank, currency, bankDayStart(day + 1, timeZone)), `${currency} at ${dayIso(day)}`).toBe(expected);
        }
      }
    });
  });
}
