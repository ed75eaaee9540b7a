import { describe, expect, it } from 'vitest';
import { FRAUD_ALERT_STATUSES } from '../../shared/fraud-explanation';
import { isOpenAlert, openAlertsTarget } from '../../renderer/src/screens/customers/open-alerts';

/** Issue 16: the customer 360 said "1 open alert" when its only alert was confirmed, and the badge led nowhere. */
describe('customer 360: open alerts badge', () => {
  it('counts new, in-review and escalated alerts as open; confirmed and dismissed as decided', () => {
    expect(FRAUD_ALERT_STATUSES.filter(isOpenAlert)).toEqual(['new', 'in_review', 'escalated']);
  });

  it('shows no badge for a customer whose only alert is confirmed', () => {
    expect(openAlertsTarget([{ id: 22, status: 'confirmed' }])).toBeNull();
    expect(
      openAlertsTarget([
        { id: 22, status: 'dismissed' },
        { id: 23, status: 'confirmed' },
      ]),
    ).toBeNull();
  });

  it('leads to the one open alert, or to the alerts table when there are several', () => {
    expect(
      openAlertsTarget([
        { id: 22, status: 'confirmed' },
        { id: 31, status: 'in_review' },
      ]),
    ).toEqual({ route: 'fraud/31' });
    expect(
      openAlertsTarget([
        { id: 31, status: 'new' },
        { id: 40, status: 'escalated' },
      ]),
    ).toEqual({ scrollTo: 'customer-alerts' });
  });
});
