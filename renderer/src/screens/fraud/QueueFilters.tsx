import { Button, Group, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { FRAUD_ALERT_STATUSES, type FraudAlertStatus } from '../../../../shared/fraud-explanation';
import { useApiQuery } from '../../api/use-api-query';
import { bindText } from '../../components/form/bind-text';
import { CURRENCY_CODES } from '../../../../shared/money';
import { activeFilterCount, amountFilterProblems, DEFAULT_QUEUE_FILTERS, STATUS_LABELS, type AssigneeChoice, type QueueFilterState } from './fraud-values';

const STATUS_OPTIONS = FRAUD_ALERT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
/** The two ends of the amount range: the same narrow decimal field each. */
const AMOUNT_BOUNDS = [
  { field: 'minAmount', label: 'Min amount', testId: 'filter-min' },
  { field: 'maxAmount', label: 'Max amount', testId: 'filter-max' },
] as const;
const ASSIGNEE_OPTIONS: { value: AssigneeChoice; label: string }[] = [
  { value: 'anyone', label: 'Anyone' },
  { value: 'me', label: 'Me' },
  { value: 'unassigned', label: 'Unassigned' },
];

function isStatus(v: string): v is FraudAlertStatus {
  return (FRAUD_ALERT_STATUSES as readonly string[]).includes(v);
}

/** The queue's filters: status (several), rule, assignee, amount range, branch. */
export function QueueFilters({
  value,
  onChange,
  ruleOptions,
}: {
  value: QueueFilterState;
  onChange: (next: QueueFilterState) => void;
  ruleOptions: { value: string; label: string }[];
}) {
  const branches = useApiQuery('branches.list', {});
  const branchOptions = (branches.data ?? []).map((b) => ({ value: String(b.id), label: `${b.name} (${b.code})` })).sort((a, b) => a.label.localeCompare(b.label));
  const set = (patch: Partial<QueueFilterState>) => onChange({ ...value, ...patch });
  const active = activeFilterCount(value);
  // Amounts are typed in the chosen currency and read by the shared parser (its ISO decimals), never as floats.
  const problems = amountFilterProblems(value);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" data-testid="queue-filters">
      <MultiSelect
        label="Status"
        size="xs"
        w={230}
        data={STATUS_OPTIONS}
        value={value.status}
        onChange={(v) => set({ status: v.filter(isStatus) })}
        placeholder={value.status.length === 0 ? 'Open alerts' : undefined}
        data-testid="filter-status"
      />
      <Select
        label="Rule"
        size="xs"
        w={170}
        data={ruleOptions}
        value={value.ruleId}
        onChange={(v) => set({ ruleId: v })}
        placeholder="Any rule"
        clearable
        searchable
        data-testid="filter-rule"
      />
      <div>
        <SegmentedControl
          size="xs"
          data={ASSIGNEE_OPTIONS}
          value={value.assignee}
          onChange={(v) => set({ assignee: ASSIGNEE_OPTIONS.find((o) => o.value === v)?.value ?? 'anyone' })}
          aria-label="Assignee"
          data-testid="filter-assignee"
        />
      </div>
      <Select
        label="Currency"
        size="xs"
        w={90}
        data={CURRENCY_CODES as string[]}
        value={value.currency}
        onChange={(v) => set({ currency: v })}
        placeholder="Any"
        clearable
        searchable
        data-testid="filter-currency"
      />
      {AMOUNT_BOUNDS.map((b) => (
        <TextInput
          key={b.field}
          label={b.label}
          size="xs"
          w={110}
          inputMode="decimal"
          {...bindText(value[b.field], (text) => set(b.field === 'minAmount' ? { minAmount: text } : { maxAmount: text }))}
          error={problems[b.field]}
          data-testid={b.testId}
        />
      ))}
      <Select
        label="Branch"
        size="xs"
        w={170}
        data={branchOptions}
        value={value.branchId === null ? null : String(value.branchId)}
        onChange={(v) => set({ branchId: v ? Number(v) : null })}
        placeholder={branches.error ? 'Branches unavailable' : 'Any branch'}
        clearable
        searchable
        data-testid="filter-branch"
      />
      <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} />} disabled={active === 0} onClick={() => onChange(DEFAULT_QUEUE_FILTERS)}>
        Reset{active > 0 ? ` (${active})` : ''}
      </Button>
    </Group>
  );
}
