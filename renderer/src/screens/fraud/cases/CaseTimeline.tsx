import { Badge, Paper, Text, Timeline } from '@mantine/core';
import type { CaseEvent } from '../../../../../shared/contract';
import { formatDateTime } from '../../../format/date';

const KIND_LABELS: Record<string, { label: string; color: string }> = {
  'case.created': { label: 'Case opened', color: 'blue' },
  'case.alerts_added': { label: 'Alerts added', color: 'blue' },
  'case.assigned': { label: 'Assigned', color: 'gray' },
  'case.released': { label: 'Claim released', color: 'gray' },
  'case.escalated': { label: 'Escalated', color: 'orange' },
  'alert.note': { label: 'Note', color: 'gray' },
  'alert.assigned': { label: 'Alert assigned', color: 'gray' },
  'alert.dismissed': { label: 'Dismissed', color: 'gray' },
  'alert.reopened': { label: 'Reopened', color: 'yellow' },
  'alert.confirmed': { label: 'Fraud confirmed', color: 'red' },
  'alert.escalated': { label: 'Escalated', color: 'orange' },
  'card.blocked': { label: 'Card blocked', color: 'red' },
  'transfer.recalled': { label: 'Transfer recalled', color: 'red' },
  'customer.contact': { label: 'Customer contact', color: 'teal' },
};

/** Every action on the case, its alerts and its customers, oldest first: who, when, what. */
export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="case-timeline">
      <Text fw={600} size="sm" mb="xs">
        Timeline
      </Text>
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing yet.
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2}>
          {events.map((e) => {
            const k = KIND_LABELS[e.kind] ?? { label: e.kind, color: 'gray' };
            return (
              <Timeline.Item
                key={e.id}
                color={k.color}
                data-testid="case-event"
                data-kind={e.kind}
                title={
                  <Badge size="xs" variant="light" color={k.color}>
                    {k.label}
                  </Badge>
                }
              >
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {e.summary}
                </Text>
                <Text size="xs" c="dimmed" data-testid="case-event-meta">
                  {e.actor} · {formatDateTime(e.at)}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Paper>
  );
}
