import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MetricResult, Money } from '../../shared/contract';
import { silentLogger } from '../../main/log';
import { openRuntime, type Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { dataDirBank, TINY_DEMO } from '../support/banks';
import { dispatcherClient, verifiedEurAccount } from '../support/demo-runtime';
import { tempDir } from '../support/temp';

interface Summary {
  deposits: Money[];
  today: { count: number; volume: Money[] };
  day: string;
  source: string;
}
interface Volume {
  currency: string;
  days: Array<{ day: string; count: number; credits: number; debits: number }>;
}

const eur = (ms: readonly Money[]): number => ms.find((m) => m.currency === 'EUR')?.amount ?? 0;
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The dashboard on the cache answers through the incremental memo (earlier days kept, only the days
 * new postings touched asked again). After tellers' deposits today its tiles and chart must equal a
 * whole evaluation of the same metrics — deposits held continued from yesterday's kept balance, not
 * from zero, and today's flows counted once.
 */
describe('the dashboard while tellers post', () => {
  const dir = tempDir('cbdashlive-');
  let runtime: Runtime;
  let bank: Bank;
  const client = dispatcherClient(() => runtime, new Map());

  beforeAll(async () => {
    runtime = await openRuntime({ dataDir: dir.path, demo: TINY_DEMO, liveFraudMonitor: false, log: silentLogger });
    bank = await dataDirBank(dir.path);
    await client.signInAs('manager', 'teller');
    await vi.waitFor(async () => expect(await client.ok<{ state: string }>('manager', 'sync.status', {})).toMatchObject({ state: 'live' }), { timeout: 60_000, interval: 100 });
  }, 120_000);

  afterAll(async () => {
    await bank?.close();
    await runtime?.close();
    dir.remove();
  });

  it('equals a whole evaluation after new postings, on the cache', async () => {
    const before = await client.ok<Summary>('manager', 'dashboard.summary', {});
    const chartBefore = await client.ok<Volume>('manager', 'dashboard.volume', { days: 30 });
    expect(before.source).toBe('cache');
    const accountId = await verifiedEurAccount(bank);
    for (let i = 0; i < 3; i++) {
      await client.ok('teller', 'ops.submit', {
        operation: { kind: 'deposit', accountId, amount: '125.00', currency: 'EUR', description: 'Cash deposit at the counter' },
        idempotencyKey: `dash-${randomUUID()}`,
      });
    }
    // The cache has the three deposits once today's count shows them.
    const after = await vi.waitFor(
      async () => {
        const s = await client.ok<Summary>('manager', 'dashboard.summary', {});
        expect(s.today.count).toBe(before.today.count + 3);
        return s;
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(eur(after.deposits)).toBe(eur(before.deposits) + 37_500);
    expect(eur(after.today.volume)).toBe(eur(before.today.volume) + 37_500);

    const whole = await client.ok<MetricResult>('manager', 'metrics.query', { metric: 'deposits_held', from: after.day, to: nextDay(after.day) });
    const byCurrency = new Map<string, number>();
    for (const r of whole.rows) if (r.currency) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + r.value);
    expect(after.deposits).toEqual([...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount })));

    const chart = await client.ok<Volume>('manager', 'dashboard.volume', { days: 30 });
    const today = chart.days.at(-1);
    const todayBefore = chartBefore.days.at(-1);
    expect(chart.currency).toBe('EUR');
    expect(today?.day).toBe(after.day);
    expect(today?.count).toBe((todayBefore?.count ?? 0) + 3);
    expect(today?.credits).toBe((todayBefore?.credits ?? 0) + 37_500);
    // The days before today kept their answers, and they are the whole evaluation's.
    const flows = await client.ok<MetricResult>('manager', 'metrics.query', {
      metric: 'transactions_volume',
      from: chart.days[0]?.day,
      to: nextDay(after.day),
      grain: 'day',
      by: ['direction'],
      filters: [{ dimension: 'currency', value: 'EUR' }],
    });
    for (const d of chart.days) {
      const credits = flows.rows.filter((r) => r.period === d.day && r.dims.direction === 'in').reduce((s, r) => s + r.value, 0);
      const debits = flows.rows.filter((r) => r.period === d.day && r.dims.direction === 'out').reduce((s, r) => s + r.value, 0);
      expect({ day: d.day, credits: d.credits, debits: d.debits }).toEqual({ day: d.day, credits, debits });
    }
  });
});
