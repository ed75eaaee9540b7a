import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_THREAD, metricStore } from '../../main/metrics';
import { runReport } from '../../main/reports';
import type { Bank } from '../../main/source';
import { reportDefinitionSchema } from '../../shared/report-definition';
import { freshBank } from '../support/banks';
import { loadMetricFixture } from '../support/metric-fixture';

/**
 * A report's bar chart split by days past due reads Current → 1–29 → … → 90+, not largest first. The metric
 * fixture's book at the end of February 2025 (metrics-engines.test.ts): 30–59 days 820.00, current 300.00 —
 * by size the overdue bar would come first.
 */
describe('report bar charts keep an ordered dimension in its own order', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'report_chart_order'));
    await loadMetricFixture(bank);
  });
  afterAll(async () => dispose());

  it('orders the portfolio by days past due from current to the oldest bucket', async () => {
    const store = await metricStore(bank, null, Date.parse('2025-06-01T00:00:00Z'));
    const definition = reportDefinitionSchema.parse({
      title: 'Book by days past due',
      period: { kind: 'month', year: 2025, month: 2 },
      sections: [{ kind: 'chart', id: 'dpd', title: 'Portfolio by days past due', metric: 'loan_portfolio_outstanding', grain: null, by: 'dpd_bucket', style: 'bar' }],
    });
    const result = await runReport(definition, { store, ask: (q) => IN_THREAD.query(store, q), bankName: 'Test bank', author: 'test', now: Date.parse('2025-06-01T00:00:00Z') });
    const chart = result.sections.find((s) => s.kind === 'chart');
    if (!chart || chart.kind !== 'chart') throw new Error('no chart section');
    expect(chart.categories).toEqual(['Current', '30–59 days']);
    expect(chart.series.map((s) => s.values)).toEqual([[30000, 82000]]);
  });
});
