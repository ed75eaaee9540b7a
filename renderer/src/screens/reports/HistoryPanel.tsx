import { Badge, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReportEntry } from '../../../../shared/contract';
import { useApiQuery } from '../../api/use-api-query';
import { QueryView } from '../../components/QueryView';
import { PlainTable } from '../../components/table/PlainTable';
import { TitledPanel } from '../../components/TitledPanel';
import { formatDateTime } from '../../format/date';

const UPLOAD: Record<ReportEntry['upload'], { label: string; color: string }> = {
  none: { label: 'Local', color: 'gray' },
  pending: { label: 'In outbox', color: 'orange' },
  uploaded: { label: 'In S3', color: 'teal' },
  failed: { label: 'Upload failed', color: 'red' },
};

/** Reports generated earlier on this workstation (and cloud builds picked up), newest first. */
export function HistoryPanel({ openId, onOpen }: { openId: string | null; onOpen: (id: string) => void }) {
  const history = useApiQuery('reports.history', {});
  return (
    <TitledPanel title="Earlier reports" testId="report-history">
      <QueryView
        query={history}
        loadingLabel="Loading the history…"
        isEmpty={(h) => h.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            No reports yet. Generate one and it is kept here with its definition, data as-of and author.
          </Text>
        }
      >
        {(entries) => (
          <Table.ScrollContainer minWidth={420} mah={320}>
            <PlainTable highlightOnHover headers={['Report', 'Period', 'By', 'Generated', 'Stored']}>
              {entries.map((e) => (
                <Table.Tr key={e.id} bg={e.id === openId ? 'var(--mantine-primary-color-light)' : undefined} data-testid="report-history-row">
                  <Table.Td>
                    <UnstyledButton onClick={() => onOpen(e.id)} aria-label={`Open ${e.title} ${e.period}`}>
                      <Text size="sm" c="blue" td="underline">
                        {e.title}
                      </Text>
                    </UnstyledButton>
                    {e.where === 'cloud' && (
                      <Badge size="xs" ml={4} variant="outline">
                        cloud
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{e.period}</Table.Td>
                  <Table.Td>{e.author}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(e.generatedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      data as of {formatDateTime(e.asOf)} ({e.source})
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={UPLOAD[e.upload].color}>
                      {UPLOAD[e.upload].label}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </PlainTable>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </TitledPanel>
  );
}
