import { Badge, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { Evaluation } from '../../../../shared/contract';
import { navigate } from '../../state/route';
import { formatDayKey } from '../../format/date';

/** Reports and SARs not yet filed: overdue first, then this week, then later. */
export function DeadlinesCalendar({ deadlines, today }: { deadlines: Evaluation['deadlines']; today: string }) {
  const week = new Date(`${today}T00:00:00Z`);
  week.setUTCDate(week.getUTCDate() + 7);
  const weekEnd = week.toISOString().slice(0, 10);
  const overdue = deadlines.filter((d) => d.status === 'overdue');
  const thisWeek = deadlines.filter((d) => d.status === 'due' && d.dueDay <= weekEnd);
  const later = deadlines.filter((d) => d.status === 'due' && d.dueDay > weekEnd);
  const section = (title: string, rows: Evaluation['deadlines'], color: string, testId: string) => (
    <Stack gap={4} data-testid={testId}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Badge color={color} variant={rows.length ? 'filled' : 'light'} size="sm">
          {rows.length}
        </Badge>
      </Group>
      {rows.length === 0 ? (
        <Text size="xs" c="dimmed">
          None.
        </Text>
      ) : (
        <Stack gap={2}>
          {rows.slice(0, 8).map((d) => (
            <UnstyledButton
              key={`${d.kind}-${d.id}-${d.dueDay}-${d.title}`}
              onClick={() => navigate(d.kind === 'ctr' ? 'compliance/reports' : `compliance/cases/${d.id}`)}
              p={4}
              style={{ borderRadius: 4 }}
              className="deadline-item"
            >
              <Group gap={6} wrap="nowrap">
                <Badge size="xs" variant="light" color={d.kind === 'ctr' ? 'blue' : 'grape'} style={{ flexShrink: 0 }}>
                  {d.kind.toUpperCase()}
                </Badge>
                <Text size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {formatDayKey(d.dueDay, undefined, { weekday: true })}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {d.title}
              </Text>
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {rows.length > 8 && (
        <Text size="xs" c="dimmed">
          and {rows.length - 8} more
        </Text>
      )}
    </Stack>
  );
  return (
    <Paper withBorder radius="md" p="sm" data-testid="deadlines">
      <Title order={4} mb="xs">
        Filing deadlines
      </Title>
      <Stack gap="sm">
        {section('Overdue', overdue, 'red', 'deadlines-overdue')}
        {section('Due this week', thisWeek, 'orange', 'deadlines-week')}
        {section('Later', later, 'gray', 'deadlines-later')}
      </Stack>
    </Paper>
  );
}
