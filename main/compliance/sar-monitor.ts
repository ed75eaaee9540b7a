import { bankDayOf, bankDayStart, dayIso } from '../../shared/bank-time';
import { dueDay, SAR_DUE_DAYS, SAR_DUE_DAYS_NO_SUSPECT } from './deadlines';
import { days, type Computed, type Ctx } from './evaluation-context';
import { cdb } from './tables';

/** SAR deadlines: days left until the earliest unfiled SAR of an escalated case is due. */

export async function sarMonitor(ctx: Ctx): Promise<Computed> {
  const cases = await cdb(ctx.store.bank).selectFrom('fraud_cases').select(['id', 'created_at', 'suspect_known', 'sar_filed_at', 'closed_at', 'sar_reference']).execute();
  const tz = ctx.store.timeZone;
  const items = cases.map((c) => {
    const day = bankDayOf(Number(c.created_at), tz);
    return {
      day,
      due: dueDay(day, Number(c.suspect_known) === 0 ? SAR_DUE_DAYS_NO_SUSPECT : SAR_DUE_DAYS),
      filedAt: c.sar_filed_at === null ? null : Number(c.sar_filed_at),
      closedAt: c.closed_at === null ? null : Number(c.closed_at),
      created: Number(c.created_at),
    };
  });
  const trend = days(ctx).map((d) => {
    const endOfD = bankDayStart(d + 1, tz);
    let best: number | null = null;
    for (const c of items) {
      if (c.created >= endOfD) continue;
      if ((c.filedAt !== null && c.filedAt < endOfD) || (c.closedAt !== null && c.closedAt < endOfD)) continue;
      const left = c.due - d;
      if (best === null || left < best) best = left;
    }
    return { day: d, value: best };
  });
  const open = items.filter((c) => c.filedAt === null && c.closedAt === null);
  const earliest = open.reduce<number | null>((m, c) => (m === null || c.due < m ? c.due : m), null);
  const overdue = open.filter((c) => c.due < ctx.at).length;
  return {
    trend,
    note: open.length
      ? `${open.length} SAR${open.length === 1 ? '' : 's'} not filed${overdue ? `, ${overdue} overdue` : ''}; earliest due ${dayIso(earliest ?? ctx.at)}.`
      : 'No escalated case waits for a SAR.',
    projection: earliest === null ? null : dayIso(earliest + 1),
    emptyIsOk: true,
  };
}
