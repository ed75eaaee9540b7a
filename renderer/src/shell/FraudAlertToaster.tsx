import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldExclamation } from '@tabler/icons-react';
import type { EventPayload } from '../../../shared/events';
import { call, errorMessage } from '../api/client';
import { useApiEvent } from '../api/use-event';
import { navigate } from '../state/route';
import { useCan } from '../state/session';

type FraudAlert = EventPayload<'fraud.alert'>;

/** Whether this runtime can show OS notifications at all (browsers and Electron can; some embedded views cannot). */
export function desktopAlertsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function desktopAlertsPermission(): NotificationPermission | 'unsupported' {
  return desktopAlertsSupported() ? Notification.permission : 'unsupported';
}

/** Asks the OS for permission to show desktop alerts. Call only from a user gesture (a button), never on load. */
export async function enableDesktopAlerts(): Promise<NotificationPermission | 'unsupported'> {
  if (!desktopAlertsSupported()) return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

/** The palette's "Open highest-risk alert": the top of the open queue by risk. */
export async function openHighestRiskAlert(): Promise<void> {
  try {
    const page = await call('alerts.list', { status: ['new', 'in_review'], sort: 'risk', offset: 0, limit: 1 });
    const top = page.rows[0];
    if (top) navigate(`fraud/${top.id}`);
    else notifications.show({ color: 'teal', message: 'No open alerts: the queue is empty.' });
  } catch (e) {
    notifications.show({ color: 'red', title: 'Could not open the highest-risk alert', message: errorMessage(e) });
  }
}

function alertTitle(a: FraudAlert): string {
  return `High-risk alert #${a.id} · risk ${a.riskScore}`;
}

function alertBody(a: FraudAlert): string {
  return `${a.title} on ${a.accountNo}${a.customerName ? ` (${a.customerName})` : ''}`;
}

function showDesktop(a: FraudAlert): void {
  if (!desktopAlertsSupported() || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(alertTitle(a), { body: alertBody(a), tag: `fraud-alert-${a.id}` });
    n.onclick = () => {
      window.focus();
      navigate(`fraud/${a.id}`);
      n.close();
    };
  } catch {
    // Some runtimes expose the constructor but refuse it outside a service worker; the in-app toast still shows.
  }
}

/**
 * New high-risk alerts from the live monitor reach the analyst wherever she is in the app: a toast with
 * a link to the alert, and an OS notification when she has allowed them.
 */
export function FraudAlertToaster() {
  const canView = useCan('fraud.view');
  useApiEvent('fraud.alert', (a) => {
    if (!canView) return;
    notifications.show({
      id: `fraud-alert-${a.id}`,
      color: 'red',
      icon: <IconShieldExclamation size={18} />,
      title: alertTitle(a),
      autoClose: 15_000,
      message: (
        <div data-testid="fraud-alert-toast" data-alert-id={a.id}>
          <Text size="sm">{alertBody(a)}</Text>
          <Anchor
            size="sm"
            fw={600}
            onClick={() => {
              notifications.hide(`fraud-alert-${a.id}`);
              navigate(`fraud/${a.id}`);
            }}
          >
            Open alert
          </Anchor>
        </div>
      ),
    });
    showDesktop(a);
  });
  return null;
}
