import { Alert, Button, CloseButton, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabase, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { ConnectionProfile, ConnectionTestResult } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { tableState, useApiMutation, useApiQuery } from '../../api/use-api-query';
import { Screen } from '../../components/Screen';
import { DataTable } from '../../components/table/DataTable';
import { connectionColumns } from './connection-columns';
import { ConnectionForm } from './ConnectionForm';
import { DeleteConnectionModal } from './DeleteConnectionModal';
import { TestResultView } from './TestResultView';

type Editing = { mode: 'new' } | { mode: 'edit'; profile: ConnectionProfile } | null;

/** Settings → Connections: MySQL profiles, their test, and which one is the source of truth. */
export function ConnectionsScreen() {
  const list = useApiQuery('connections.list', {});
  // Switching the source refetches everything shown (MUTATION_WRITES: '*').
  const activateSource = useApiMutation('connections.activate');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<ConnectionProfile | null>(null);
  const [testingId, setTestingId] = useState<string | null>(null);
  const [activatingId, setActivatingId] = useState<string | null>(null);
  const [rowTest, setRowTest] = useState<{ name: string; result: ConnectionTestResult } | null>(null);
  const activeId = list.data?.activeId ?? null;
  const active = list.data?.profiles.find((p) => p.id === activeId) ?? null;

  const test = async (p: ConnectionProfile) => {
    setTestingId(p.id);
    setRowTest(null);
    try {
      setRowTest({ name: p.name, result: await call('connections.test', { id: p.id }) });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not test', message: errorMessage(e) });
    } finally {
      setTestingId(null);
    }
  };

  const activate = async (p: ConnectionProfile | null) => {
    setActivatingId(p?.id ?? 'demo');
    try {
      const res = await activateSource.mutateAsync({ id: p?.id ?? null });
      const target = p ? `“${p.name}”` : 'the embedded demo bank';
      notifications.show({
        color: 'teal',
        title: res.appliesOn === 'now' ? 'Source switched' : 'Source chosen',
        message: res.appliesOn === 'now' ? `The workstation now uses ${target}.` : `The workstation will use ${target} from its next start.`,
      });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Source not switched', message: errorMessage(e), autoClose: false });
    } finally {
      setActivatingId(null);
    }
  };

  const columns = useMemo(
    () =>
      connectionColumns({
        activeId,
        testingId,
        activatingId,
        onTest: (p) => void test(p),
        onEdit: (p) => setEditing({ mode: 'edit', profile: p }),
        onDelete: setDeleting,
        onActivate: (p) => void activate(p),
      }),
    [activeId, testingId, activatingId],
  );

  return (
    <Screen
      testId="connections-screen"
      title="Connections"
      description="MySQL databases this workstation can use as its source of truth: always over TLS, with passwords kept encrypted on this computer."
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ mode: 'new' })} data-testid="new-connection">
          New connection
        </Button>
      }
    >
      {list.data && (
        <Paper withBorder p="sm" radius="sm" data-testid="active-source">
          <Group justify="space-between">
            <Group gap="xs">
              <IconDatabase size={18} />
              <Text size="sm">
                Source of truth: <b data-testid="active-source-name">{active ? active.name : 'the embedded demo bank'}</b>
              </Text>
            </Group>
            {active && (
              <Button size="xs" variant="default" loading={activatingId === 'demo'} onClick={() => void activate(null)} data-testid="use-demo-bank">
                Use the embedded demo bank
              </Button>
            )}
          </Group>
        </Paper>
      )}
      <DataTable
        columns={columns}
        rows={list.data?.profiles}
        rowKey={(p) => p.id}
        {...tableState(list)}
        emptyTitle="No connections yet"
        emptyDescription="Add the MySQL or Amazon RDS database this workstation should use. Until then it works on the embedded demo bank."
        initialSort={{ id: 'name', desc: false }}
        csvName="connections"
        rowTestId="connection-row"
        testId="connections-table"
        caption="MySQL connection profiles"
      />
      {rowTest && (
        <Stack gap={4} data-testid="connection-row-test">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              Test of {rowTest.name}
            </Text>
            <CloseButton aria-label="Close the test result" onClick={() => setRowTest(null)} />
          </Group>
          <TestResultView result={rowTest.result} />
        </Stack>
      )}
      {list.data && list.data.profiles.some((p) => p.tls.mode === 'insecure-no-verify') && (
        <Alert color="red" variant="light" title="Unverified server certificates" data-testid="insecure-profiles-warning">
          At least one connection does not verify its server. Switch it to a verifying mode as soon as the server has a proper certificate.
        </Alert>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? `Edit ${editing.profile.name}` : 'New connection'}
        size="lg"
        closeOnClickOutside={false}
      >
        {editing && (
          <ConnectionForm
            profile={editing.mode === 'edit' ? editing.profile : undefined}
            onCancel={() => setEditing(null)}
            onSaved={(p) => {
              setEditing(null);
              notifications.show({ color: 'teal', title: 'Connection saved', message: `${p.name} is saved. Test it, then use it as the source.` });
            }}
          />
        )}
      </Modal>
      <DeleteConnectionModal
        profile={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(p) => {
          setDeleting(null);
          notifications.show({ color: 'teal', title: 'Connection deleted', message: `${p.name} and its saved password are gone.` });
        }}
      />
    </Screen>
  );
}
