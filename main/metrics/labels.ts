import type { Dimension } from '../../shared/contract';
import type { MetricStore } from './store';

/** Display names for dimension values: the branch's and product's names, words for codes. */
const WORDS: Partial<Record<Dimension, Record<string, string>>> = {
  direction: { in: 'Money in', out: 'Money out' },
  channel: { branch: 'Branch', atm: 'ATM', card: 'Card', online: 'Online', wire: 'Wire', system: 'System' },
  type: {
    deposit: 'Deposit',
    withdrawal: 'Withdrawal',
    transfer: 'Transfer',
    payment: 'Payment',
    card: 'Card payment',
    fee: 'Fee',
    interest: 'Interest',
    salary: 'Salary',
    loan_disbursement: 'Loan disbursement',
    loan_repayment: 'Loan repayment',
  },
  loan_status: { running: 'Running', in_arrears: 'In arrears', repaid: 'Repaid', defaulted: 'Defaulted' },
  dpd_bucket: { current: 'Current', '1-29': '1–29 days', '30-59': '30–59 days', '60-89': '60–89 days', '90+': '90+ days' },
  risk_rating: { low: 'Low risk', medium: 'Medium risk', high: 'High risk' },
  alert_status: { new: 'New', in_review: 'In review', confirmed: 'Confirmed', dismissed: 'Dismissed', escalated: 'Escalated' },
};

/** Dimensions whose values have an order of their own: a split by them reads in that order, not by size. */
const ORDINAL: Partial<Record<Dimension, readonly string[]>> = { dpd_bucket: ['current', '1-29', '30-59', '60-89', '90+'], risk_rating: ['low', 'medium', 'high'] };

/** A comparator of a dimension's values in their own order (days past due, risk), or null when they have none. */
export function ordinalOrder(d: Dimension): ((a: string, b: string) => number) | null {
  const order = ORDINAL[d];
  if (!order) return null;
  const rank = (v: string): number => {
    const i = order.indexOf(v);
    return i < 0 ? order.length : i;
  };
  return (a, b) => rank(a) - rank(b);
}

export async function dimensionLabeler(store: MetricStore, dims: readonly Dimension[]): Promise<(d: Dimension, value: string) => string> {
  const names: Partial<Record<Dimension, Map<string, string>>> = {};
  if (dims.includes('branch')) {
    const rows = await store.bank.db.selectFrom('branches').select(['id', 'name']).execute();
    names.branch = new Map(rows.map((r) => [String(r.id), r.name]));
  }
  if (dims.includes('product')) {
    const rows = await store.bank.db.selectFrom('products').select(['id', 'name']).execute();
    names.product = new Map(rows.map((r) => [String(r.id), r.name]));
    names.product.set('0', 'No product');
  }
  return (d, value) => names[d]?.get(value) ?? WORDS[d]?.[value] ?? value;
}
