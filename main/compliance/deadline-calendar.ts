import { bankDayOf, dayIso, parseDayIso } from '../../shared/bank-time';
import type { Evaluation } from '../../shared/contract';
import { isReportable } from './cash-days';
import { ctr } from './cash-monitors';
import { CTR_DUE_DAYS, deadlineStatus, dueDay, SAR_DUE_DAYS, SAR_DUE_DAYS_NO_SUSPECT } from './deadlines';
import type { Ctx } from './evaluation-context';
import { cdb } from './tables';

/**
 * Reports and SARs not yet filed, soonest first (the dashboard's calendar): stored reports, and
 * large-cash days whose report has not been generated yet (they are due all the same).
 */
export async function deadlines(ctx: Ctx): Promise<Evaluation['deadlines']> {
  const { store, at } = ctx;
  const db = cdb(store.bank);
  const [reports, cases, cash] = await Promise.all([
    db
      .selectFrom('ctr_reports as r')
      .leftJoin('customers as c', 'c.id', 'r.customer_id')
      .select(['r.id', 'r.customer_id', 'r.bank_day', 'r.due_day', 'r.filed_at', 'c.customer_no', 'c.legal_name'])
      .execute(),
    db.selectFrom('fraud_cases').select(['id', 'title', 'created_at', 'suspect_known']).where('sar_filed_at', 'is', null).where('closed_at', 'is', null).execute(),
    ctr(ctx),
  ]);
  const out: Evaluation['deadlines'] = [];
  const stored = new Set<string>();
  for (const r of reports) {
    stored.add(`${Number(r.customer_id)}|${String(r.bank_day).slice(0, 10)}`);
    if (r.filed_at !== null) continue;
    const due = parseDayIso(String(r.due_day).slice(0, 10)) ?? at;
    out.push({
      kind: 'ctr',
      id: Number(r.id),
      title: `CTR ${r.legal_name ?? ''} (${r.customer_no ?? ''}), ${String(r.bank_day).slice(0, 10)}`,
      dueDay: dayIso(due),
      status: deadlineStatus(due, at, false),
    });
  }
  const missing = [...cash.cash.values()].filter((cd) => cd.day < at && isReportable(cd, ctx.settings.ctrThreshold) && !stored.has(`${cd.customerId}|${dayIso(cd.day)}`));
  const names = missing.length
    ? await db
        .selectFrom('customers')
        .select(['id', 'customer_no', 'legal_name'])
        .where('id', 'in', [...new Set(missing.map((m) => m.customerId))])
        .execute()
    : [];
  const nameOf = new Map(names.map((n) => [Number(n.id), `${n.legal_name} (${n.customer_no})`]));
  for (const cd of missing) {
    const due = dueDay(cd.day, CTR_DUE_DAYS);
    out.push({
      kind: 'ctr',
      id: 0,
      title: `CTR ${nameOf.get(cd.customerId) ?? `customer ${cd.customerId}`}, ${dayIso(cd.day)} — report not generated yet`,
      dueDay: dayIso(due),
      status: deadlineStatus(due, at, false),
    });
  }
  for (const c of cases) {
    const due = dueDay(bankDayOf(Number(c.created_at), store.timeZone), Number(c.suspect_known) === 0 ? SAR_DUE_DAYS_NO_SUSPECT : SAR_DUE_DAYS);
    out.push({ kind: 'sar', id: Number(c.id), title: `SAR for case ${Number(c.id)}: ${c.title}`, dueDay: dayIso(due), status: deadlineStatus(due, at, false) });
  }
  return out.sort((a, b) => a.dueDay.localeCompare(b.dueDay));
}
