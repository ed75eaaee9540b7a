import { Button, Group, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { bindText } from '../../components/form/bind-text';
import { NO_AUDIT_FILTERS, type AuditFilters } from './use-audit-pages';

/** Filters apply on Enter or "Filter", not per keystroke: each change refetches from the newest entry. */
export function AuditFiltersBar({ value, onChange }: { value: AuditFilters; onChange: (next: AuditFilters) => void }) {
  const [actor, setActor] = useState(value.actor);
  const [action, setAction] = useState(value.action);
  const [fromDay, setFromDay] = useState(value.fromDay);
  const [toDay, setToDay] = useState(value.toDay);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onChange({ actor, action, fromDay, toDay });
  };
  const active = value.actor !== '' || value.action !== '' || value.fromDay !== '' || value.toDay !== '';
  return (
    <form onSubmit={apply}>
      <Group gap="xs" align="flex-end">
        <TextInput size="xs" label="Actor" placeholder="e.g. admin" {...bindText(actor, setActor)} data-testid="audit-filter-actor" w={160} />
        <TextInput size="xs" label="Action" placeholder="e.g. user.created" {...bindText(action, setAction)} data-testid="audit-filter-action" w={180} />
        <TextInput size="xs" type="date" label="From" {...bindText(fromDay, setFromDay)} max={toDay || undefined} data-testid="audit-filter-from" w={150} />
        <TextInput size="xs" type="date" label="To" {...bindText(toDay, setToDay)} min={fromDay || undefined} data-testid="audit-filter-to" w={150} />
        <Button size="xs" type="submit" variant="light" leftSection={<IconFilter size={14} />} data-testid="audit-filter-apply">
          Filter
        </Button>
        {active && (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconX size={14} />}
            onClick={() => {
              setActor('');
              setAction('');
              setFromDay('');
              setToDay('');
              onChange(NO_AUDIT_FILTERS);
            }}
          >
            Clear
          </Button>
        )}
      </Group>
    </form>
  );
}
