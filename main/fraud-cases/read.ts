import type { CaseDetail, CaseSummary, CaseTransfer } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { alertRowsByIds } from '../fraud-review';
import { accountMovements } from '../ledger';
import { caseDb, type Bank, type CaseDb } from '../source';

type Details = CaseDetail['timeline'][number]['details'];

function detailsOf(json: string): Details {
  try {
    const v: unknown = JSON.parse(json);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Details = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
      else if (Array.isArray(x)) out[k] = x.filter((y): y is string | number => typeof y === 'string' || typeof y === 'number');
      else out[k] = JSON.stringify(x);
    }
    return out;
  } catch {
    return {};
  }
}

async function alertIdsByCase(db: CaseDb, caseIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (caseIds.length === 0) return out;
  const rows = await db.selectFrom('review_case_alerts').select(['case_id', 'alert_id']).where('case_id', 'in', caseIds).orderBy('alert_id').execute();
  for (const r of rows) out.set(Number(r.case_id), [...(out.get(Number(r.case_id)) ?? []), Number(r.alert_id)]);
  return out;
}

export async function listCases(
  bank: Bank,
  input: { status: 'open' | 'escalated' | 'all'; alertId?: number | undefined; owner?: string | undefined; onlyId?: number },
  caller: string,
): Promise<CaseSummary[]> {
  const db = caseDb(bank);
  let q = db.selectFrom('review_cases as k').selectAll('k');
  if (input.onlyId !== undefined) q = q.where('k.id', '=', input.onlyId);
  if (input.status !== 'all') q = q.where('k.status', '=', input.status);
  if (input.owner !== undefined) q = q.where('k.owner', '=', input.owner === 'me' ? caller : input.owner);
  if (input.alertId !== undefined) {
    const alertId = input.alertId;
    q = q.where('k.id', 'in', (eb) => eb.selectFrom('review_case_alerts').select('case_id').where('alert_id', '=', alertId));
  }
  const rows = await q.orderBy('k.updated_at', 'desc').orderBy('k.id', 'desc').limit(500).execute();
  const alerts = await alertIdsByCase(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    status: r.status,
    owner: r.owner,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    alertIds: alerts.get(Number(r.id)) ?? [],
    complianceCaseId: r.compliance_case_id === null ? null : Number(r.compliance_case_id),
  }));
}

/** The case's accounts and customers: its alerts' accounts, and every account of their customers. */
export async function caseScope(db: CaseDb, caseId: number): Promise<{ alertIds: number[]; customerIds: number[]; accountIds: number[] }> {
  const alerts = await db
    .selectFrom('review_case_alerts as l')
    .innerJoin('fraud_alerts as f', 'f.id', 'l.alert_id')
    .select(['f.id', 'f.account_id', 'f.customer_id'])
    .where('l.case_id', '=', caseId)
    .execute();
  const customerIds = [
    ...new Set(
      alerts
        .map((a) => a.customer_id)
        .filter((c): c is number => c !== null)
        .map(Number),
    ),
  ];
  const accountIds = new Set(alerts.map((a) => Number(a.account_id)));
  if (customerIds.length) for (const r of await db.selectFrom('accounts').select('id').where('customer_id', 'in', customerIds).execute()) accountIds.add(Number(r.id));
  return { alertIds: alerts.map((a) => Number(a.id)).sort((a, b) => a - b), customerIds, accountIds: [...accountIds].sort((a, b) => a - b) };
}

/** Outgoing transfers to other banks from the accounts (the customer's debit leg), newest first, with their recall. */
export async function outgoingTransfers(db: CaseDb, accountIds: number[], limit = 50): Promise<CaseTransfer[]> {
  if (accountIds.length === 0) return [];
  const rows = await accountMovements(db, accountIds)
    .innerJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['j.amount as transferred', 'a.account_no'])
    .where('e.amount', '<', 0)
    .where('j.type', '=', 'transfer')
    .where('j.channel', '=', 'wire')
    .orderBy('j.booked_at', 'desc')
    .orderBy('j.id', 'desc')
    .limit(limit)
    .execute();
  // A transfer is recalled at most once (the recall's primary key is its journal).
  const journalIds = rows.map((r) => r.journal_id);
  const recalls =
    journalIds.length === 0
      ? []
      : await db
          .selectFrom('transfer_recalls as r')
          .leftJoin('journal as rj', 'rj.id', 'r.reversal_journal_id')
          .select(['r.journal_id', 'r.recalled_by', 'r.recalled_at', 'rj.reference as reversal_reference'])
          .where('r.journal_id', 'in', journalIds)
          .execute();
  const recallOf = new Map(recalls.map((r) => [Number(r.journal_id), r]));
  return rows.map((r) => {
    const recall = recallOf.get(Number(r.journal_id));
    return {
      journalId: Number(r.journal_id),
      reference: r.reference,
      bookedAt: Number(r.booked_at),
      amount: Number(r.transferred),
      currency: r.currency,
      accountId: Number(r.account_id),
      accountNo: r.account_no,
      beneficiary: r.counterparty_name,
      iban: r.counterparty_account,
      state: recall ? 'recalled' : r.status === 'pending' ? 'pending' : 'settled',
      recalledBy: recall?.recalled_by ?? null,
      recalledAt: recall ? Number(recall.recalled_at) : null,
      reversalReference: recall?.reversal_reference ?? null,
    };
  });
}

export async function getCase(bank: Bank, id: number, caller: string): Promise<CaseDetail> {
  const db = caseDb(bank);
  const [k] = await listCases(bank, { status: 'all', onlyId: id }, caller);
  if (!k) throw new AppError('NOT_FOUND', `There is no case ${id}.`);
  const scope = await caseScope(db, id);
  const [alerts, customers, accounts, cards, transfers, contacts, events] = await Promise.all([
    alertRowsByIds(bank.db, scope.alertIds),
    scope.customerIds.length
      ? db.selectFrom('customers').select(['id', 'legal_name', 'customer_no', 'phone']).where('id', 'in', scope.customerIds).orderBy('id').execute()
      : Promise.resolve([]),
    scope.accountIds.length
      ? db.selectFrom('accounts').select(['id', 'account_no', 'customer_id', 'currency', 'balance', 'status']).where('id', 'in', scope.accountIds).orderBy('id').execute()
      : Promise.resolve([]),
    scope.customerIds.length
      ? db
          .selectFrom('cards as c')
          .innerJoin('accounts as a', 'a.id', 'c.account_id')
          .leftJoin('card_blocks as b', 'b.card_id', 'c.id')
          .select(['c.id', 'c.customer_id', 'a.account_no', 'c.type', 'c.pan_last4', 'c.status', 'b.blocked_by', 'b.blocked_at'])
          .where('c.customer_id', 'in', scope.customerIds)
          .orderBy('c.id')
          .execute()
      : Promise.resolve([]),
    outgoingTransfers(db, scope.accountIds),
    db
      .selectFrom('customer_contacts as t')
      .innerJoin('customers as c', 'c.id', 't.customer_id')
      .selectAll('t')
      .select('c.legal_name')
      .where('t.case_id', '=', id)
      .orderBy('t.contacted_at')
      .execute(),
    db.selectFrom('review_case_events').selectAll().where('case_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    case: k,
    alerts,
    customers: customers.map((c) => ({ id: Number(c.id), name: c.legal_name, customerNo: c.customer_no, phone: c.phone })),
    accounts: accounts.map((a) => ({
      id: Number(a.id),
      accountNo: a.account_no,
      customerId: a.customer_id === null ? null : Number(a.customer_id),
      currency: a.currency,
      balance: Number(a.balance),
      status: a.status,
    })),
    cards: cards.map((c) => ({
      id: Number(c.id),
      customerId: Number(c.customer_id),
      accountNo: c.account_no,
      type: c.type,
      last4: c.pan_last4,
      status: c.status,
      blockedBy: c.blocked_by ?? null,
      blockedAt: c.blocked_at === null || c.blocked_at === undefined ? null : Number(c.blocked_at),
    })),
    transfers,
    contacts: contacts.map((c) => ({
      id: Number(c.id),
      customerId: Number(c.customer_id),
      customerName: c.legal_name,
      channel: c.channel,
      outcome: c.outcome as CaseDetail['contacts'][number]['outcome'],
      spokeWith: c.spoke_with,
      contactedAt: Number(c.contacted_at),
      summary: c.summary,
      recordedBy: c.recorded_by,
      recordedAt: Number(c.recorded_at),
    })),
    timeline: events.map((e) => ({ id: Number(e.id), at: Number(e.at), actor: e.actor, kind: e.kind, summary: e.summary, details: detailsOf(e.details) })),
  };
}
