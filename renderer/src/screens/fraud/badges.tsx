import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { FraudAlertStatus } from '../../../../shared/fraud-explanation';
import { formatDateTime } from '../../format/date';
import { formatAge, isOpen, riskColor, riskLabel, SLA_COLORS, slaLevel, STATUS_COLORS, STATUS_LABELS } from './fraud-values';

/** The risk score in a badge coloured by band (red from the high-risk threshold up). */
export function RiskBadge({ score, size = 'sm' }: { score: number; size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl' }) {
  return (
    <Tooltip label={`${riskLabel(score)} risk (score ${score} of 100)`} openDelay={400}>
      <Badge color={riskColor(score)} variant={score >= 60 ? 'filled' : 'light'} size={size} miw={38} className="num" data-testid="risk-badge" data-risk={score}>
        {score}
      </Badge>
    </Tooltip>
  );
}

export function AlertStatusBadge({ status }: { status: FraudAlertStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size="sm" data-testid="alert-status" data-status={status}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** How long an open alert has waited, amber after 4 h and red after 24 h; disposed alerts show a dash. */
export function SlaAge({ detectedAt, status, now }: { detectedAt: number; status: FraudAlertStatus; now: number }) {
  if (!isOpen(status)) {
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const age = now - detectedAt;
  const level = slaLevel(age);
  const hint = level === 'breach' ? 'Overdue: waiting more than 24 h' : level === 'warn' ? 'Late: waiting more than 4 h' : 'Within SLA';
  return (
    <Tooltip label={`${hint} · detected ${formatDateTime(detectedAt)}`} openDelay={400}>
      <Text span size="sm" c={SLA_COLORS[level]} fw={level === 'ok' ? undefined : 600} data-testid="sla-age" data-sla={level}>
        {formatAge(age)}
      </Text>
    </Tooltip>
  );
}

/**
 * The contributing rules as compact chips, the primary one first. In a narrow cell the names give way
 * (an ellipsis, the full name on hover) and the "+N" of the rest always stays visible.
 */
export function RuleChips({ rules, titles, max = 2 }: { rules: readonly string[]; titles: ReadonlyMap<string, string> | undefined; max?: number }) {
  const shown = rules.slice(0, max);
  const rest = rules.length - shown.length;
  const label = (id: string) => titles?.get(id) ?? id;
  return (
    <Group gap={4} wrap="nowrap" className="rule-chips" data-testid="rule-chips">
      {shown.map((r, i) => (
        <Badge key={r} size="sm" variant={i === 0 ? 'outline' : 'default'} radius="sm" tt="none" fw={500} className="rule-chip" title={label(r)} data-testid="rule-chip">
          {label(r)}
        </Badge>
      ))}
      {rest > 0 && (
        <Tooltip label={rules.slice(max).map(label).join(', ')}>
          <Badge size="sm" variant="default" radius="sm" className="rule-chip-more" data-testid="rule-chip-more">
            +{rest}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
