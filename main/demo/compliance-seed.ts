import { sql, type Insertable } from 'kysely';
import { bankDayOf, bankDayStart, DAY_MS, dayIso } from '../../shared/bank-time';
import { currencyDecimals, isCurrencyCode } from '../../shared/money';
import { bankZone, queryMetric, type MetricStore } from '../metrics';
import type { ComplianceInputTable } from '../compliance';
import type { Bank } from '../source';

/**
 * What a compliance officer finds in the demo bank (issue 10): the bank inputs a real bank would
 * enter (reporting currency, Tier 1 and CET1 capital, risk-weighted assets, liquid assets, exchange
 * rates), sized from the generated books so that the largest single exposure sits inside its warning
 * band (`exposureShare` of Tier 1, 20 % by default: above the 10 % reporting line, below the 25 %
 * limit — pass 0.24 to put it right at the edge), and one case escalated from fraud review 40 days
 * before the end whose SAR is overdue. Large-cash days come from the generated cash itself.
 * Deterministic: every value derives from the generated data and `end`.
 */

/** Units of EUR for one unit of each currency: the rates the demo enters (others stay without a rate, listed apart). */
const EUR_RATES: Record<string, number> = { EUR: 1, CZK: 0.0398, USD: 0.925, GBP: 1.17, CHF: 1.06, PLN: 0.232, HUF: 0.00252, JPY: 0.0061 };

export interface ComplianceSeedOptions {
  end: number;
  exposureShare?: number;
}

/**
 * Deposits held in `currency` just before `until`, as the deposits_held metric counts them (every
 * customer account's postings before then), read off the balances: the ledger keeps each balance equal
 * to the sum of its postings, so only postings at or after `until` (none in a generated history) are
 * taken back, through the account-and-time index. The metric on the bank itself walks every posting:
 * 5-7 s on the main thread at the encrypted demo bank's first start, where this takes milliseconds.
 */
export async function depositsHeldAt(bank: Bank, currency: string, until: number): Promise<number> {
  const r = await sql<{
    v: number | string | null;
  }>`select sum(a.balance - coalesce((select sum(e.amount) from entries e where e.account_id = a.id and e.booked_at >= ${until}), 0)) as v
    from accounts a where a.kind = 'customer' and a.currency = ${currency}`.execute(bank.db);
  return Number(r.rows[0]?.v ?? 0);
}

export async function seedComplianceDemo(bank: Bank, opts: ComplianceSeedOptions): Promise<void> {
  const timeZone = await bankZone(bank);
  const today = bankDayOf(opts.end, timeZone);
  const store: MetricStore = { bank, source: 'bank', rollups: false, timeZone, asOf: opts.end };
  const dominant = await sql<{ currency: string }>`select currency from accounts where kind = 'customer' group by currency order by count(*) desc, currency limit 1`.execute(
    bank.db,
  );
  const reporting = dominant.rows[0]?.currency ?? 'EUR';
  if (!isCurrencyCode(reporting)) return;
  const at = { from: dayIso(today), to: dayIso(today + 1), grain: null, compare: 'none' as const, filters: [] };
  const loans = await queryMetric(store, { ...at, metric: 'loan_portfolio_outstanding', by: ['customer'] });
  const largest = Math.max(0, ...loans.rows.filter((r) => r.currency === reporting).map((r) => r.value));
  const deposited = await depositsHeldAt(bank, reporting, bankDayStart(today + 1, timeZone));
  const unit = 10 ** currencyDecimals(reporting);
  const round = (minor: number) => String(Math.max(unit, Math.round(minor / (1000 * unit)) * 1000 * unit));
  const tier1 = largest > 0 ? Math.round(largest / (opts.exposureShare ?? 0.2)) : 50_000_000 * unit;
  const cet1 = Math.round(tier1 * 0.92);
  const from = dayIso(today - 120);
  const created = bankDayStart(today - 120, timeZone);
  const rows: Insertable<ComplianceInputTable>[] = [];
  const add = (key: string, value: string, currency = '', day = from) =>
    rows.push({ input_key: key, currency, effective_day: day, value, version: 1, entered_by: 'demo generator', approved_by: 'demo generator', change_id: 0, created_at: created });
  add('reporting_currency', reporting);
  add('tier1_capital', String(tier1));
  add('cet1_capital', String(cet1));
  add('risk_weighted_assets', round(cet1 / 0.135));
  add('liquid_assets', round(Math.max(deposited, unit) * 0.3));
  add('liquid_assets_haircut', '0.1');
  add('deposit_runoff_rate', '0.1');
  const currencies = await sql<{ currency: string }>`select distinct currency from accounts where kind = 'customer'`.execute(bank.db);
  const base = EUR_RATES[reporting];
  for (const { currency } of currencies.rows) {
    const r = EUR_RATES[currency];
    if (currency === reporting || r === undefined || base === undefined) continue;
    add('fx_rate', (r / base).toFixed(6), currency);
  }
  const db = bank.db.withTables<{ compliance_inputs: ComplianceInputTable }>();
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('compliance_inputs')
      .values(rows.slice(i, i + 100))
      .execute();
  await escalatedCase(bank, opts.end);
}

/** A case escalated 40 days before the end on a large branch cash deposit: its SAR (due in 30 days) is overdue. */
async function escalatedCase(bank: Bank, end: number): Promise<void> {
  const escalatedAt = end - 40 * DAY_MS;
  // The largest branch cash deposit in the three weeks before: what a teller would refer.
  const pick = await sql<{ journal_id: number; account_id: number; customer_id: number | null; amount: number; currency: string; booked_at: number; branch_id: number }>`
    select e.journal_id, e.account_id, a.customer_id, e.amount as amount, a.currency, e.booked_at, a.branch_id
    from entries e join journal j on j.id = e.journal_id join accounts a on a.id = e.account_id
    where a.kind = 'customer' and j.type = 'deposit' and j.channel = 'branch' and e.amount > 0
      and e.booked_at >= ${escalatedAt - 21 * DAY_MS} and e.booked_at < ${escalatedAt - DAY_MS}
    order by e.amount desc, e.journal_id limit 1`.execute(bank.db);
  const t = pick.rows[0];
  if (!t) return;
  const detected = Number(t.booked_at) + 3_600_000;
  const explanation = {
    version: 1,
    riskScore: 70,
    primaryRule: 'staff_referral',
    subject: { accountId: Number(t.account_id), customerId: t.customer_id === null ? null : Number(t.customer_id) },
    hits: [
      {
        ruleId: 'staff_referral',
        ruleVersion: 1,
        title: 'Referred by branch staff',
        score: 70,
        at: Number(t.booked_at),
        summary: 'A teller referred this cash deposit as unusual for the customer.',
        observed: { amount: Number(t.amount), currency: t.currency },
        thresholds: {},
        baseline: null,
        journalIds: [Number(t.journal_id)],
      },
    ],
    scoring: { method: 'noisy-or', alertThreshold: 60, lookbackHours: 72 },
  };
  const res = await bank.db
    .insertInto('fraud_alerts')
    .values({
      alert_key: `demo:referral:${Number(t.journal_id)}`,
      rule_id: 'staff_referral',
      rule_version: 1,
      account_id: Number(t.account_id),
      customer_id: t.customer_id === null ? null : Number(t.customer_id),
      risk_score: 70,
      status: 'escalated',
      assignee: 'analyst',
      explanation: JSON.stringify(explanation),
      detected_at: detected,
      updated_at: escalatedAt,
      amount: Number(t.amount),
      currency: t.currency,
      txn_count: 1,
      branch_id: Number(t.branch_id),
      disposed_by: 'analyst',
      disposed_at: escalatedAt,
      dismiss_reason: null,
      disposition_comment: 'Cash pattern consistent with laundering; needs a SAR.',
    })
    .executeTakeFirst();
  const alertId = Number(res.insertId);
  await bank.db
    .insertInto('fraud_alert_txns')
    .values({ alert_id: alertId, journal_id: Number(t.journal_id) })
    .execute();
  await bank.db
    .insertInto('fraud_cases')
    .values({
      alert_id: alertId,
      title: `Alert ${alertId}: large cash deposit referred by branch staff`,
      status: 'open',
      owner: null,
      notes: 'analyst: Cash pattern consistent with laundering; needs a SAR.',
      created_at: escalatedAt,
      updated_at: escalatedAt,
    })
    .execute();
}
