export interface AuditFilters {
  actor: string;
  action: string;
  /** Calendar days (YYYY-MM-DD) in the reader's zone, both included; '' for open-ended. */
  fromDay: string;
  toDay: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', fromDay: '', toDay: '' };

/** The start of a local calendar day as an instant, or undefined for ''. */
export function dayStart(day: string, plusDays = 0): number | undefined {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + plusDays).getTime();
}

/** The API's filter for the screen's: days become [start of the first, start of the day after the last). */
export function auditQuery(filters: AuditFilters): { actor?: string; action?: string; from?: number; to?: number } {
  const actor = filters.actor.trim();
  const action = filters.action.trim();
  const from = dayStart(filters.fromDay);
  const to = dayStart(filters.toDay, 1);
  return { ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}
