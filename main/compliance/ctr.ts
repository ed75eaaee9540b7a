import { bankDayOf, dayIso, parseDayIso } from '../../shared/bank-time';
import type { CtrReport } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { formatMinorPlain } from '../../shared/money';
import { csvCell } from '../../shared/spreadsheet-cell';
import { appendAudit } from '../audit';
import { inTransaction } from '../ledger';
import type { MetricRunner, MetricStore } from '../metrics';
import type { Bank } from '../source';
import { cashDays, isReportable } from './cash-days';
import { CTR_DUE_DAYS, deadlineStatus, dueDay } from './deadlines';
import { convertMinor, rateOn } from './fx';
import { loadSettings, type Settings } from './settings';
import { cdb } from './tables';

/**
 * Currency transaction reports: one per customer and bank day whose cash in, or cash out, was more
 * than the threshold. Computed from the `cash_volume` metric (split by customer, direction and day)
 * and its rows (the transactions), never by a second query of its own.
 */

type Txn = CtrReport['transactions'][number];

export interface CtrCandidate {
  customerId: number;
  day: number;
  currency: string;
  cashIn: number;
  cashOut: number;
  accounts: string[];
  transactions: Txn[];
  unconverted: CtrReport['unconverted'];
  dueDay: number;
}

const MAX_DAYS = 400;

export async function computeCtr(store: MetricStore, runner: MetricRunner, from: string, to: string, settings?: Settings, signal?: AbortSignal): Promise<CtrCandidate[]> {
  const f = parseDayIso(from);
  const t = parseDayIso(to);
  if (f === null || t === null || t <= f) throw new AppError('VALIDATION', 'The period must end after it starts (to is exclusive).');
  if (t - f > MAX_DAYS) throw new AppError('VALIDATION', `At most ${MAX_DAYS} days at a time.`);
  const s = settings ?? (await loadSettings(store.bank));
  const result = await runner.query(store, { metric: 'cash_volume', from, to, grain: 'day', by: ['customer', 'direction'], filters: [], compare: 'none' }, signal);
  const days = [...cashDays(result.rows, s.reportingCurrency, s.rates).values()].filter((cd) => isReportable(cd, s.ctrThreshold));
  const out: CtrCandidate[] = [];
  for (const cd of days.sort((a, b) => a.day - b.day || a.customerId - b.customerId)) {
    const rows = await runner.rows(
      store,
      {
        metric: 'cash_volume',
        from: dayIso(cd.day),
        to: dayIso(cd.day + 1),
        filters: [{ dimension: 'customer', value: String(cd.customerId) }],
        sort: 'bookedAt',
        direction: 'asc',
        offset: 0,
        limit: 1000,
      },
      signal,
    );
    const refs = rows.rows.map((r) => String(r.reference));
    const ext = refs.length ? await store.bank.db.selectFrom('journal').select(['reference', 'external_ref']).where('reference', 'in', refs).execute() : [];
    const extBy = new Map(ext.map((e) => [e.reference, e.external_ref]));
    const transactions: Txn[] = rows.rows.map((r) => {
      const amount = Number(r.amount);
      const currency = String(r.currency);
      const abs = Math.abs(amount);
      return {
        reference: String(r.reference),
        externalRef: extBy.get(String(r.reference)) ?? null,
        bookedAt: Number(r.bookedAt),
        direction: amount > 0 ? ('in' as const) : ('out' as const),
        amount: abs,
        currency,
        accountNo: String(r.accountNo),
        converted: convertMinor(abs, currency, s.reportingCurrency, rateOn(s.rates, currency, cd.day)),
      };
    });
    out.push({
      customerId: cd.customerId,
      day: cd.day,
      currency: s.reportingCurrency,
      cashIn: cd.cashIn,
      cashOut: cd.cashOut,
      accounts: [...new Set(transactions.map((x) => x.accountNo))],
      transactions,
      unconverted: cd.unconverted,
      dueDay: dueDay(cd.day, CTR_DUE_DAYS),
    });
  }
  return out;
}

/** Writes the report records for a period: new ones created, unfiled ones refreshed, filed ones kept as filed. */
export async function generateCtr(bank: Bank, store: MetricStore, runner: MetricRunner, from: string, to: string, actor: string, now: number) {
  const candidates = await computeCtr(store, runner, from, to);
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  await inTransaction(bank, async (trx) => {
    const db = cdb(trx);
    for (const c of candidates) {
      const details = JSON.stringify({ accounts: c.accounts, transactions: c.transactions, unconverted: c.unconverted });
      const existing = await db
        .selectFrom('ctr_reports')
        .select(['id', 'cash_in', 'cash_out', 'details', 'filed_at'])
        .where('customer_id', '=', c.customerId)
        .where('bank_day', '=', dayIso(c.day))
        .executeTakeFirst();
      if (!existing) {
        await db
          .insertInto('ctr_reports')
          .values({
            customer_id: c.customerId,
            bank_day: dayIso(c.day),
            currency: c.currency,
            cash_in: c.cashIn,
            cash_out: c.cashOut,
            details,
            due_day: dayIso(c.dueDay),
            status: 'open',
            reviewed_by: null,
            reviewed_at: null,
            filed_reference: null,
            filed_by: null,
            filed_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        created++;
      } else if (existing.filed_at === null && (Number(existing.cash_in) !== c.cashIn || Number(existing.cash_out) !== c.cashOut || existing.details !== details)) {
        await db
          .updateTable('ctr_reports')
          .set({ cash_in: c.cashIn, cash_out: c.cashOut, currency: c.currency, details, reviewed_by: null, reviewed_at: null, updated_at: now })
          .where('id', '=', existing.id)
          .execute();
        updated++;
      } else unchanged++;
    }
    await appendAudit(
      trx,
      bank.dialect,
      { actor, action: 'compliance.ctr_generated', entity: 'ctr_report', entityId: `${from}..${to}`, details: { created, updated, unchanged } },
      now,
    );
  });
  return { created, updated, unchanged };
}

export async function listCtr(
  bank: Bank,
  timeZone: string,
  q: { from: string; to: string; status?: 'due' | 'overdue' | 'filed'; ids?: number[] },
  now: number,
): Promise<CtrReport[]> {
  let query = cdb(bank)
    .selectFrom('ctr_reports as r')
    .leftJoin('customers as c', 'c.id', 'r.customer_id')
    .select([
      'r.id',
      'r.customer_id',
      'r.bank_day',
      'r.currency',
      'r.cash_in',
      'r.cash_out',
      'r.details',
      'r.due_day',
      'r.reviewed_by',
      'r.filed_reference',
      'r.filed_by',
      'r.filed_at',
      'c.customer_no',
      'c.legal_name',
      'c.date_of_birth',
      'c.national_id',
      'c.address',
      'c.city',
    ])
    .where('r.bank_day', '>=', q.from)
    .where('r.bank_day', '<', q.to);
  if (q.ids?.length) query = query.where('r.id', 'in', q.ids);
  const rows = await query.orderBy('r.bank_day').orderBy('r.id').execute();
  const today = bankDayOf(now, timeZone);
  const out = rows.map((r): CtrReport => {
    const details = JSON.parse(r.details) as { accounts: string[]; transactions: CtrReport['transactions']; unconverted: CtrReport['unconverted'] };
    const due = parseDayIso(String(r.due_day).slice(0, 10)) ?? today;
    return {
      id: Number(r.id),
      customerId: Number(r.customer_id),
      customerNo: r.customer_no ?? '',
      customerName: r.legal_name ?? '',
      dateOfBirth: r.date_of_birth ?? null,
      nationalId: r.national_id ?? null,
      address: r.address ? (r.city && !r.address.includes(r.city) ? `${r.address}, ${r.city}` : r.address) : null,
      day: String(r.bank_day).slice(0, 10),
      currency: r.currency,
      cashIn: Number(r.cash_in),
      cashOut: Number(r.cash_out),
      accounts: details.accounts,
      transactions: details.transactions,
      unconverted: details.unconverted,
      dueDay: dayIso(due),
      status: deadlineStatus(due, today, r.filed_at !== null),
      reviewedBy: r.reviewed_by,
      filedReference: r.filed_reference,
      filedBy: r.filed_by,
      filedAt: r.filed_at === null ? null : Number(r.filed_at),
    };
  });
  return q.status ? out.filter((r) => r.status === q.status) : out;
}

export async function reviewCtr(bank: Bank, ids: number[], actor: string, now: number): Promise<number> {
  return inTransaction(bank, async (trx) => {
    const res = await cdb(trx)
      .updateTable('ctr_reports')
      .set({ reviewed_by: actor, reviewed_at: now, updated_at: now })
      .where('id', 'in', ids)
      .where('filed_at', 'is', null)
      .executeTakeFirst();
    const n = Number(res.numUpdatedRows);
    await appendAudit(
      trx,
      bank.dialect,
      { actor, action: 'compliance.ctr_reviewed', entity: 'ctr_report', entityId: ids.join(',').slice(0, 80), details: { ids, reviewed: n } },
      now,
    );
    return n;
  });
}

export async function fileCtr(bank: Bank, ids: number[], reference: string, actor: string, now: number): Promise<number> {
  return inTransaction(bank, async (trx) => {
    const db = cdb(trx);
    const already = await db.selectFrom('ctr_reports').select(['id', 'filed_reference']).where('id', 'in', ids).where('filed_at', 'is not', null).execute();
    if (already.length)
      throw new AppError(
        'CONFLICT',
        `Report ${already.map((a) => `${Number(a.id)} (${a.filed_reference ?? ''})`).join(', ')} ${already.length === 1 ? 'is' : 'are'} already filed; leave ${already.length === 1 ? 'it' : 'them'} out.`,
      );
    const res = await db
      .updateTable('ctr_reports')
      .set({ status: 'filed', filed_reference: reference, filed_by: actor, filed_at: now, updated_at: now })
      .where('id', 'in', ids)
      .where('filed_at', 'is', null)
      .executeTakeFirst();
    const n = Number(res.numUpdatedRows);
    if (n !== new Set(ids).size) throw new AppError('NOT_FOUND', `Only ${n} of the ${new Set(ids).size} reports exist; nothing was filed.`);
    await appendAudit(trx, bank.dialect, { actor, action: 'compliance.ctr_filed', entity: 'ctr_report', entityId: reference, details: { ids, reference } }, now);
    return n;
  });
}

const CSV_COLUMNS = [
  'report_id',
  'customer_no',
  'customer_name',
  'date_of_birth',
  'national_id',
  'address',
  'bank_day',
  'currency',
  'cash_in',
  'cash_out',
  'total',
  'accounts',
  'references',
  'external_references',
  'unconverted',
  'due_day',
  'status',
  'filed_reference',
] as const;

export function ctrCsv(reports: readonly CtrReport[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of reports) {
    const cells = [
      String(r.id),
      r.customerNo,
      r.customerName,
      r.dateOfBirth ?? '',
      r.nationalId ?? '',
      r.address ?? '',
      r.day,
      r.currency,
      formatMinorPlain(r.cashIn, r.currency),
      formatMinorPlain(r.cashOut, r.currency),
      formatMinorPlain(r.cashIn + r.cashOut, r.currency),
      r.accounts.join(' '),
      r.transactions.map((t) => t.reference).join(' '),
      r.transactions
        .map((t) => t.externalRef ?? '')
        .filter(Boolean)
        .join(' '),
      r.unconverted.map((u) => `${formatMinorPlain(u.cashIn, u.currency)} in / ${formatMinorPlain(u.cashOut, u.currency)} out ${u.currency}`).join('; '),
      r.dueDay,
      r.status,
      r.filedReference ?? '',
    ];
    // Formulas defused by the shared rule (full-width = + - @ too), quoted per RFC 4180.
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The structured batch: amounts as decimal strings in major units with their currency, so no reader guesses decimals. */
export function ctrJson(reports: readonly CtrReport[], meta: { from: string; to: string; threshold: number; generatedAt: number }): string {
  const currency = reports[0]?.currency ?? '';
  return JSON.stringify(
    {
      kind: 'currency-transaction-reports',
      period: { from: meta.from, toExclusive: meta.to },
      threshold: currency ? { amount: formatMinorPlain(meta.threshold, currency), currency, rule: 'more than' } : null,
      generatedAt: new Date(meta.generatedAt).toISOString(),
      reports: reports.map((r) => ({
        id: r.id,
        person: { customerNo: r.customerNo, name: r.customerName, dateOfBirth: r.dateOfBirth, identification: r.nationalId, address: r.address },
        day: r.day,
        cashIn: { amount: formatMinorPlain(r.cashIn, r.currency), currency: r.currency },
        cashOut: { amount: formatMinorPlain(r.cashOut, r.currency), currency: r.currency },
        accounts: r.accounts,
        transactions: r.transactions.map((t) => ({
          reference: t.reference,
          externalReference: t.externalRef,
          bookedAt: new Date(t.bookedAt).toISOString(),
          direction: t.direction,
          amount: formatMinorPlain(t.amount, t.currency),
          currency: t.currency,
          account: t.accountNo,
        })),
        unconverted: r.unconverted.map((u) => ({ currency: u.currency, cashIn: formatMinorPlain(u.cashIn, u.currency), cashOut: formatMinorPlain(u.cashOut, u.currency) })),
        dueDay: r.dueDay,
        status: r.status,
        filedReference: r.filedReference,
      })),
    },
    null,
    2,
  );
}
