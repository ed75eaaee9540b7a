import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGavel } from '@tabler/icons-react';
import { useApiEvent } from '../../api/use-event';
import { desktopAlertsSupported } from '../../shell/FraudAlertToaster';
import { navigate } from '../../state/route';
import { useCan } from '../../state/session';

/** A monitor entering warning or breach (live evaluation): a toast, and a desktop notification where allowed. */
export function ComplianceToaster() {
  const canAct = useCan('compliance.act');
  useApiEvent('compliance.monitor', (m) => {
    if (!canAct) return;
    const title = `${m.name}: ${m.status === 'breach' ? 'breach' : 'warning'}`;
    notifications.show({
      id: `compliance-${m.id}-${m.status}`,
      color: m.status === 'breach' ? 'red' : 'orange',
      icon: <IconGavel size={18} />,
      title,
      autoClose: 20_000,
      message: (
        <div data-testid="compliance-toast" data-monitor={m.id}>
          <Text size="sm">{m.note}</Text>
          <Anchor size="sm" onClick={() => navigate(`compliance/monitor/${m.id}`)}>
            Open the monitor
          </Anchor>
        </div>
      ),
    });
    if (desktopAlertsSupported() && Notification.permission === 'granted') {
      try {
        const n = new Notification(title, { body: m.note, tag: `compliance-${m.id}` });
        n.onclick = () => {
          window.focus();
          navigate(`compliance/monitor/${m.id}`);
          n.close();
        };
      } catch {
        // The in-app toast still shows where the runtime refuses desktop notifications.
      }
    }
  });
  return null;
}
