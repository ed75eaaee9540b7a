/**
 * Alerts still being worked: new, claimed (in review), or escalated to compliance. Confirmed and
 * dismissed alerts are decided — a customer whose only alert was confirmed has no open alert.
 */
const OPEN: ReadonlySet<string> = new Set(['new', 'in_review', 'escalated']);

export function isOpenAlert(status: string): boolean {
  return OPEN.has(status);
}

/** Where the open-alerts badge leads: the alert itself when there is one, else the customer's alerts table. */
export function openAlertsTarget(alerts: readonly { id: number; status: string }[]): { route: string } | { scrollTo: 'customer-alerts' } | null {
  const open = alerts.filter((a) => isOpenAlert(a.status));
  if (open.length === 0) return null;
  const only = open.length === 1 ? open[0] : undefined;
  return only ? { route: `fraud/${only.id}` } : { scrollTo: 'customer-alerts' };
}
