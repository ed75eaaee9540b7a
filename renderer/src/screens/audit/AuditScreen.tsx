import { Button, Group, Stack, Text } from '@mantine/core';
import { IconHistory, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { DataTable } from '../../components/table/DataTable';
import { formatCount } from '../../format/number';
import { AUDIT_COLUMNS } from './audit-columns';
import { AuditFiltersBar } from './AuditFiltersBar';
import { NO_AUDIT_FILTERS, useAuditPages, type AuditFilters } from './use-audit-pages';
import { VerifyChain } from './VerifyChain';

export function AuditScreen() {
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const audit = useAuditPages(filters);
  const loaded = audit.entries?.length ?? 0;

  const filtered = filters.actor !== '' || filters.action !== '' || filters.fromDay !== '' || filters.toDay !== '';
  return (
    <Stack gap="md" data-testid="audit-screen">
      <PageHeader
        title="Audit log"
        description="Every change and sign-in, newest first. Entries are hash-chained: editing or removing one breaks the chain."
        actions={<VerifyChain />}
      />
      <DataTable
        columns={AUDIT_COLUMNS}
        rows={audit.entries}
        rowKey={(r) => String(r.seq)}
        loading={audit.loading}
        error={audit.error}
        onRetry={audit.reload}
        emptyTitle={filtered ? 'No entries match these filters' : 'The audit log is empty'}
        emptyDescription={filtered ? 'Actor matches exactly, action by its start, days in your time zone; clear the filters to see everything.' : undefined}
        initialSort={{ id: 'seq', desc: true }}
        csvName="audit-log"
        toolbar={
          <Group gap="sm" align="flex-end">
            <AuditFiltersBar value={filters} onChange={setFilters} />
            <Button size="xs" variant="subtle" leftSection={<IconRefresh size={14} />} onClick={audit.reload} loading={audit.loading && loaded > 0}>
              Refresh
            </Button>
          </Group>
        }
        maxHeight="calc(100vh - 270px)"
        rowTestId="audit-row"
        testId="audit-table"
        caption="Audit log entries"
        footer={
          audit.entries && audit.entries.length > 0 ? (
            <Group justify="space-between" px="sm" py={6} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <Text size="xs" c="dimmed" data-testid="audit-count">
                Showing {formatCount(loaded)} of {formatCount(audit.total)} entries
              </Text>
              {audit.hasMore && (
                <Button size="xs" variant="default" leftSection={<IconHistory size={14} />} onClick={audit.loadOlder} loading={audit.loadingMore} data-testid="audit-load-older">
                  Load older
                </Button>
              )}
            </Group>
          ) : null
        }
      />
    </Stack>
  );
}
