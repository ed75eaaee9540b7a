import { ActionIcon, Group, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { auditDetailPairs, auditDetailSummary } from './audit-details';

/**
 * An entry's details: one line (money in its currency) that opens into every key and value in full,
 * wrapped, so nothing is lost to the cell's width.
 */
export function AuditDetailsCell({ details }: { details: Record<string, unknown> }) {
  const [open, setOpen] = useState(false);
  const summary = auditDetailSummary(details);
  if (!summary)
    return (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    );
  return (
    <Group gap={4} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
      <ActionIcon
        size="xs"
        variant="subtle"
        color="gray"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-label={open ? 'Hide the details' : 'Show all details'}
        data-testid="audit-expand"
      >
        {open ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
      </ActionIcon>
      {open ? (
        <Stack gap={2} style={{ minWidth: 0 }} data-testid="audit-details-full">
          {auditDetailPairs(details).map((p) => (
            <Text key={p.key} size="xs" className="mono" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <Text span size="xs" c="dimmed" className="mono">
                {p.key}:
              </Text>{' '}
              {p.text}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text
          size="xs"
          className="mono"
          truncate="end"
          style={{ cursor: 'pointer', minWidth: 0 }}
          onClick={() => setOpen(true)}
          title="Show all details"
          data-testid="audit-details-summary"
        >
          {summary}
        </Text>
      )}
    </Group>
  );
}
