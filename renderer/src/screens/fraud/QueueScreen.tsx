import { useSubPath } from '../../state/route';
import { AlertQueue } from './AlertQueue';
import { CaseScreen } from './cases/CaseScreen';
import { InvestigationScreen } from './InvestigationScreen';

/** "fraud" is the review queue; "fraud/<alertId>" one alert's investigation; "fraud/cases/<caseId>" a review case. */
export function QueueScreen() {
  const [id, sub] = useSubPath('fraud');
  if (id === 'cases' && sub !== undefined && /^\d+$/.test(sub)) return <CaseScreen key={sub} caseId={Number(sub)} />;
  const alertId = id !== undefined && /^\d+$/.test(id) ? Number(id) : null;
  if (alertId !== null) return <InvestigationScreen key={alertId} alertId={alertId} />;
  return <AlertQueue />;
}
