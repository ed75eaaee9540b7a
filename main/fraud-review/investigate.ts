import type { z } from 'zod';
import type { AlertDetail, flaggedTxnSchema } from '../../shared/contract/fraud';
import { AppError } from '../../shared/errors';
import { readFraudExplanation, type FraudExplanation } from '../../shared/fraud-explanation';
import { asSeenByPayee } from '../banking';
import { customer360 } from '../customers';
import { accountMovements } from '../ledger';
import type { Bank } from '../source';
import { alertRowsByIds, fmtTime, withRowColumns } from './rows';
import { describeMoney } from '../../shared/money';

type FlaggedTxn = z.infer<typeof flaggedTxnSchema>;
const DAY = 86_400_000;
const TIMELINE_CAP = 500;

export async function readAlert(bank: Bank, id: number) {
  const row = await withRowColumns(bank.db.selectFrom('fraud_alerts as f').where('f.id', '=', id)).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `There is no alert ${id}.`);
  return row;
}

export function parseExplanation(id: number, text: string): FraudExplanation {
  const explanation = readFraudExplanation(text);
  if (!explanation) throw new AppError('INTERNAL', `Alert ${id} has an explanation this version cannot read.`);
  return explanation;
}

/** Journal ids the alert rests on (its evidence). */
export async function flaggedJournalIds(bank: Bank, alertId: number): Promise<number[]> {
  const rows = await bank.db.selectFrom('fraud_alert_txns').select('journal_id').where('alert_id', '=', alertId).orderBy('journal_id').execute();
  return rows.map((r) => Number(r.journal_id));
}

/** The account's movements (entries joined to their journal), as flagged-transaction rows. */
async function movements(
  bank: Bank,
  accountId: number,
  where: { from?: number; to?: number; journalIds?: number[] },
  limit: number,
): Promise<Omit<FlaggedTxn, 'flagged' | 'confirmedFraud'>[]> {
  let q = accountMovements(bank.db, accountId);
  if (where.from !== undefined) q = q.where('e.booked_at', '>=', where.from);
  if (where.to !== undefined) q = q.where('e.booked_at', '<=', where.to);
  if (where.journalIds) q = q.where('e.journal_id', 'in', where.journalIds.length ? where.journalIds : [-1]);
  const raw = await q.orderBy('e.booked_at').orderBy('e.id').limit(limit).execute();
  const rows = await asSeenByPayee(
    bank.db,
    raw.map((r) => ({
      ...r,
      journalId: Number(r.journal_id),
      accountId,
      amount: Number(r.amount),
      counterpartyName: r.counterparty_name,
      counterpartyAccount: r.counterparty_account,
    })),
  );
  return rows.map((r) => ({
    journalId: Number(r.journal_id),
    reference: r.reference,
    externalRef: r.external_ref,
    bookedAt: Number(r.booked_at),
    type: r.type,
    channel: r.channel,
    description: r.description,
    counterpartyName: r.counterpartyName,
    counterpartyAccount: r.counterpartyAccount,
    amount: r.amount,
    currency: r.currency,
    balanceAfter: Number(r.balance_after),
  }));
}

async function markedSet(bank: Bank, journalIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < journalIds.length; i += 500) {
    const rows = await bank.db
      .selectFrom('fraud_marks')
      .select('journal_id')
      .where('journal_id', 'in', journalIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(Number(r.journal_id));
  }
  return out;
}

/** The flagged transactions on the subject account, with their marks. */
export async function flaggedTxns(bank: Bank, accountId: number, journalIds: number[]): Promise<FlaggedTxn[]> {
  const rows: Omit<FlaggedTxn, 'flagged' | 'confirmedFraud'>[] = [];
  for (let i = 0; i < journalIds.length; i += 500) rows.push(...(await movements(bank, accountId, { journalIds: journalIds.slice(i, i + 500) }, 500)));
  rows.sort((a, b) => a.bookedAt - b.bookedAt || a.journalId - b.journalId);
  const marks = await markedSet(
    bank,
    rows.map((r) => r.journalId),
  );
  return rows.map((r) => ({ ...r, flagged: true, confirmedFraud: marks.has(r.journalId) }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round((p / 100) * (sorted.length - 1))));
  return sorted[i] as number;
}

export async function alertDetail(bank: Bank, id: number, asOf: number | null): Promise<AlertDetail> {
  const raw = await readAlert(bank, id);
  const [alert] = await alertRowsByIds(bank.db, [id]);
  if (!alert) throw new AppError('NOT_FOUND', `There is no alert ${id}.`);
  const explanation = parseExplanation(id, raw.explanation);
  const db = bank.db;

  const journalIds = await flaggedJournalIds(bank, id);
  const flagged = await flaggedTxns(bank, alert.accountId, journalIds);
  const flaggedIds = new Set(flagged.map((t) => t.journalId));
  const firstAt = flagged[0]?.bookedAt ?? alert.detectedAt;
  const lastAt = flagged.at(-1)?.bookedAt ?? alert.detectedAt;

  // Timeline: 30 days before the first flagged transaction to 7 days after the last, capped; the
  // flagged ones are always in it.
  const context = await movements(bank, alert.accountId, { from: firstAt - 30 * DAY, to: lastAt + 7 * DAY }, TIMELINE_CAP);
  const byId = new Map<number, FlaggedTxn>();
  const contextMarks = await markedSet(
    bank,
    context.map((t) => t.journalId),
  );
  for (const t of context) byId.set(t.journalId, { ...t, flagged: flaggedIds.has(t.journalId), confirmedFraud: contextMarks.has(t.journalId) });
  for (const t of flagged) byId.set(t.journalId, t);
  const timeline = [...byId.values()].sort((a, b) => a.bookedAt - b.bookedAt || a.journalId - b.journalId);

  // Normal range: the customer's daily moved amounts (absolute, all their accounts) in the 90 days before.
  let normalRange: AlertDetail['normalRange'] = null;
  const ownAccounts =
    alert.customerId === null ? [alert.accountId] : (await db.selectFrom('accounts').select('id').where('customer_id', '=', alert.customerId).execute()).map((r) => Number(r.id));
  const before = await db
    .selectFrom('entries')
    .select(['booked_at', 'amount'])
    .where('account_id', 'in', ownAccounts)
    .where('booked_at', '>=', firstAt - 90 * DAY)
    .where('booked_at', '<', firstAt)
    .execute();
  const daily = new Map<number, number>();
  for (const e of before) {
    const d = Math.floor(Number(e.booked_at) / DAY);
    daily.set(d, (daily.get(d) ?? 0) + Math.abs(Number(e.amount)));
  }
  if (daily.size > 0) {
    const v = [...daily.values()].sort((a, b) => a - b);
    normalRange = { p10: percentile(v, 10), p50: percentile(v, 50), p90: percentile(v, 90), days: v.length };
  }

  // Counterparties of the flagged transactions, and other customers who dealt with the same accounts.
  const cps = new Map<string, AlertDetail['counterparties'][number]>();
  for (const t of flagged) {
    if (!t.counterpartyAccount && !t.counterpartyName) continue;
    const key = t.counterpartyAccount ?? `name:${t.counterpartyName}`;
    const c = cps.get(key) ?? { account: t.counterpartyAccount, name: t.counterpartyName, paidByCustomer: 0, paidToCustomer: 0, count: 0, otherCustomers: [] };
    if (t.amount < 0) c.paidByCustomer += -t.amount;
    else c.paidToCustomer += t.amount;
    c.count++;
    cps.set(key, c);
  }
  const cpAccounts = [...cps.values()]
    .map((c) => c.account)
    .filter((a): a is string => a !== null)
    .slice(0, 50);
  if (cpAccounts.length) {
    let others = db
      .selectFrom('journal as j')
      .innerJoin('entries as e', 'e.journal_id', 'j.id')
      .innerJoin('accounts as a', 'a.id', 'e.account_id')
      .innerJoin('customers as c', 'c.id', 'a.customer_id')
      .select(['j.counterparty_account', 'c.id', 'c.legal_name', (eb) => eb.fn.countAll().as('n')])
      .where('j.counterparty_account', 'in', cpAccounts)
      .where('a.kind', '=', 'customer');
    if (alert.customerId !== null) others = others.where('c.id', '<>', alert.customerId);
    const rows = await others.groupBy(['j.counterparty_account', 'c.id', 'c.legal_name']).execute();
    for (const r of rows) {
      const c = cps.get(r.counterparty_account ?? '');
      if (c) c.otherCustomers.push({ customerId: Number(r.id), name: r.legal_name, count: Number(r.n) });
    }
    for (const c of cps.values()) c.otherCustomers.sort((a, b) => b.count - a.count).splice(20);
  }
  const counterparties = [...cps.values()].sort((a, b) => b.paidByCustomer + b.paidToCustomer - (a.paidByCustomer + a.paidToCustomer));

  // Related alerts: the same customer, or a flagged transaction with one of the same counterparties.
  const relatedIds = new Set<number>();
  if (alert.customerId !== null) {
    const r = await db.selectFrom('fraud_alerts').select('id').where('customer_id', '=', alert.customerId).where('id', '<>', id).orderBy('id', 'desc').limit(20).execute();
    for (const x of r) relatedIds.add(Number(x.id));
  }
  if (cpAccounts.length) {
    const r = await db
      .selectFrom('journal as j')
      .innerJoin('fraud_alert_txns as t', 't.journal_id', 'j.id')
      .select('t.alert_id')
      .distinct()
      .where('j.counterparty_account', 'in', cpAccounts)
      .where('t.alert_id', '<>', id)
      .limit(20)
      .execute();
    for (const x of r) relatedIds.add(Number(x.alert_id));
  }
  const related = (await alertRowsByIds(db, [...relatedIds])).sort((a, b) => b.riskScore - a.riskScore);

  const notes = (await db.selectFrom('fraud_alert_notes').select(['id', 'author', 'text', 'created_at']).where('alert_id', '=', id).orderBy('id').execute()).map((n) => ({
    id: Number(n.id),
    author: n.author,
    text: n.text,
    at: Number(n.created_at),
  }));
  const kase = await db.selectFrom('fraud_cases').select(['id', 'status', 'title']).where('alert_id', '=', id).orderBy('id').executeTakeFirst();
  const disp = await db.selectFrom('fraud_alerts').select(['disposed_by', 'disposed_at', 'dismiss_reason', 'disposition_comment']).where('id', '=', id).executeTakeFirstOrThrow();

  return {
    alert,
    explanation,
    customer: alert.customerId === null ? null : await customer360(bank, alert.customerId, asOf).catch(() => null),
    timeline,
    normalRange,
    counterparties,
    related,
    notes,
    case: kase ? { id: Number(kase.id), status: kase.status, title: kase.title } : null,
    disposition:
      disp.disposed_by && disp.disposed_at !== null
        ? { by: disp.disposed_by, at: Number(disp.disposed_at), reason: disp.dismiss_reason, comment: disp.disposition_comment ?? '' }
        : null,
    asOf,
  };
}

/** A draft suspicious-activity report: the facts filled in, a narrative from the rules' own sentences. */
export async function sarDraft(bank: Bank, id: number) {
  const raw = await readAlert(bank, id);
  const explanation = parseExplanation(id, raw.explanation);
  const accountId = Number(raw.account_id);
  const txns = await flaggedTxns(bank, accountId, await flaggedJournalIds(bank, id));
  const cust = raw.customer_id === null ? null : await bank.db.selectFrom('customers').selectAll().where('id', '=', Number(raw.customer_id)).executeTakeFirst();
  const accounts =
    raw.customer_id === null
      ? [raw.account_no]
      : (await bank.db.selectFrom('accounts').select('account_no').where('customer_id', '=', Number(raw.customer_id)).orderBy('opened_at').execute()).map((a) => a.account_no);
  const totalAmount = txns.reduce((s, t) => s + Math.abs(t.amount), 0);
  const from = txns[0]?.bookedAt ?? Number(raw.detected_at);
  const to = txns.at(-1)?.bookedAt ?? Number(raw.detected_at);
  const money = (minor: number): string => describeMoney(minor, raw.currency);
  const subjectName = cust?.legal_name ?? `the holder of account ${raw.account_no}`;
  const out = txns.filter((t) => t.amount < 0).reduce((s, t) => s - t.amount, 0);
  const inn = txns.filter((t) => t.amount > 0).reduce((s, t) => s + t.amount, 0);
  const narrative = [
    `Between ${fmtTime(from)} and ${fmtTime(to)}, account ${raw.account_no} held by ${subjectName}${cust ? ` (customer ${cust.customer_no})` : ''} showed activity that our transaction monitoring scored ${explanation.riskScore}/100 (alert ${id}).`,
    `${txns.length} transaction${txns.length === 1 ? '' : 's'} totalling ${money(totalAmount)} were flagged: ${money(inn)} in and ${money(out)} out.`,
    'The monitoring rules found the following: ' + explanation.hits.map((h) => `${h.title}: ${h.summary}`).join(' '),
    'Describe here what the investigation established and why the activity is suspicious.',
  ].join(' ');
  return {
    title: `Suspicious activity report — ${subjectName}, account ${raw.account_no} (alert ${id})`,
    subject: {
      name: subjectName,
      customerNo: cust?.customer_no ?? null,
      dateOfBirth: cust?.date_of_birth ?? null,
      nationalId: cust?.national_id ?? null,
      address: cust ? [cust.address, cust.city].filter(Boolean).join(', ') : null,
    },
    accounts,
    transactions: txns,
    totalAmount,
    currency: raw.currency,
    period: { from, to },
    narrative,
  };
}
