import { useSubPath } from '../../state/route';
import { AlertQueue } from './AlertQueue';
import { InvestigationScreen } from './InvestigationScreen';

/** "fraud" is the review queue; "fraud/<alertId>" one alert's investigation. */
export function QueueScreen() {
  const [id] = useSubPath('fraud');
  const alertId = id !== undefined && /^\d+$/.test(id) ? Number(id) : null;
  if (alertId !== null) return <InvestigationScreen key={alertId} alertId={alertId} />;
  return <AlertQueue />;
}
