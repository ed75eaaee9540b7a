import { sql } from 'kysely';
import { bankDayOf, dayIso } from '../../shared/bank-time';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { inTransaction } from '../ledger';
import type { Bank } from '../source';

/**
 * The KYC review queue: customers a teller submitted (pending), whose periodic review is overdue, or
 * due within 30 days; high-risk first, then the oldest due date. Verification is compliance's: it sets
 * the next review by risk (1 year high, 2 years medium, 5 years low).
 */
const REVIEW_YEARS = { high: 1, medium: 2, low: 5 } as const;
const RISK_ORDER = sql`case c.risk_rating when 'high' then 0 when 'medium' then 1 else 2 end`;

export async function kycQueue(read: Bank, timeZone: string, now: number, limit: number) {
  const today = bankDayOf(now, timeZone);
  const soon = dayIso(today + 30);
  const where = sql`(c.kyc_status = 'pending' or c.kyc_next_review < ${soon})`;
  const [rows, count] = await Promise.all([
    sql<{ id: number; customer_no: string; legal_name: string; risk_rating: string; kyc_status: string; kyc_next_review: string; branch: string | null }>`
      select c.id, c.customer_no, c.legal_name, c.risk_rating, c.kyc_status, c.kyc_next_review, b.name as branch from customers c left join branches b on b.id = c.branch_id
      where ${where} order by case when c.kyc_status = 'pending' then 0 else 1 end, ${RISK_ORDER}, c.kyc_next_review, c.id limit ${limit}`.execute(read.db),
    sql<{ n: number }>`select count(*) as n from customers c where ${where}`.execute(read.db),
  ]);
  const todayIso = dayIso(today);
  return {
    items: rows.rows.map((r) => {
      const next = String(r.kyc_next_review).slice(0, 10);
      return {
        customerId: Number(r.id),
        customerNo: r.customer_no,
        name: r.legal_name,
        riskRating: r.risk_rating,
        kycStatus: r.kyc_status,
        nextReview: next,
        reason: r.kyc_status === 'pending' ? ('submitted' as const) : next < todayIso ? ('overdue' as const) : ('due_soon' as const),
        branch: r.branch ?? '',
      };
    }),
    total: Number(count.rows[0]?.n ?? 0),
  };
}

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 29 February plus a year is 28 February.
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export async function verifyKyc(
  bank: Bank,
  timeZone: string,
  input: { customerId: number; outcome: 'verified' | 'rejected'; riskRating?: 'low' | 'medium' | 'high' | undefined; note: string },
  actor: string,
  now: number,
) {
  return inTransaction(bank, async (trx) => {
    const q = trx.selectFrom('customers').select(['id', 'customer_no', 'kyc_status', 'risk_rating', 'kyc_next_review']).where('id', '=', input.customerId);
    const c = await (bank.dialect === 'mysql' ? q.forUpdate() : q).executeTakeFirst();
    if (!c) throw new AppError('NOT_FOUND', `There is no customer ${input.customerId}.`);
    const risk = input.riskRating ?? c.risk_rating;
    const today = dayIso(bankDayOf(now, timeZone));
    const next = input.outcome === 'verified' ? addYears(today, REVIEW_YEARS[risk]) : today;
    await trx.updateTable('customers').set({ kyc_status: input.outcome, risk_rating: risk, kyc_next_review: next, updated_at: now }).where('id', '=', c.id).execute();
    await appendAudit(
      trx,
      bank.dialect,
      {
        actor,
        action: 'compliance.kyc_reviewed',
        entity: 'customer',
        entityId: c.customer_no,
        details: {
          outcome: input.outcome,
          from: { kycStatus: c.kyc_status, riskRating: c.risk_rating, nextReview: c.kyc_next_review },
          riskRating: risk,
          nextReview: next,
          note: input.note,
        },
      },
      now,
    );
    return { customerId: Number(c.id), kycStatus: input.outcome, nextReview: next, riskRating: risk };
  });
}
