import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Switch, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { ComplianceCase } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import { PlainTable } from '../../components/table/PlainTable';
import { formatDateTime, formatDayKey } from '../../format/date';
import { useCan, useSession } from '../../state/session';
import { navigate } from '../../state/route';

const SAR_COLOR: Record<ComplianceCase['sarStatus'], string> = { due: 'orange', overdue: 'red', filed: 'teal' };

/** Cases escalated from fraud review, with their SAR deadline. */
export function CasesList() {
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const cases = useApiQuery('compliance.cases.list', { status });
  return (
    <Stack gap="sm">
      <SegmentedControl
        w={300}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        data={[
          { value: 'open', label: 'Open' },
          { value: 'closed', label: 'Closed' },
          { value: 'all', label: 'All' },
        ]}
      />
      <QueryView
        query={cases}
        isEmpty={(list) => list.length === 0}
        empty={<EmptyView title="No cases" description="Fraud analysts escalate alerts to compliance; each becomes a case here." />}
      >
        {(list) => (
          <Paper withBorder radius="md" p="xs">
            <PlainTable verticalSpacing="xs" highlightOnHover data-testid="cases-table" headers={['Case', 'Customer', 'Escalated', 'Owner', 'SAR']}>
              {list.map((c) => (
                <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`compliance/cases/${c.id}`)} data-testid={`case-${c.id}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      #{c.id} {c.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>{c.customerName ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.escalatedAt)}</Table.Td>
                  <Table.Td>
                    {c.owner ?? (
                      <Text c="dimmed" size="sm">
                        unassigned
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={SAR_COLOR[c.sarStatus]} variant="light">
                      {c.sarStatus === 'filed' ? `filed ${c.sarReference ?? ''}` : `${c.sarStatus} ${formatDayKey(c.sarDueDay)}`}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </PlainTable>
          </Paper>
        )}
      </QueryView>
    </Stack>
  );
}

/** One case: owner, status, linked alert and accounts, notes, the SAR draft saved as versions, filing and closing. */
export function CasePage({ id }: { id: number }) {
  const kase = useApiQuery('compliance.cases.get', { id });
  const canAct = useCan('compliance.act');
  const me = useSession((s) => s.session?.user.username ?? '');
  const [draft, setDraft] = useState('');
  const [note, setNote] = useState('');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const latest = kase.data?.drafts[0];
  useEffect(() => setDraft(latest?.text ?? ''), [latest?.version, latest?.text]);
  const fail = (title: string) => (e: Error) => notifications.show({ color: 'red', title, message: errorMessage(e) });
  const update = useApiMutation('compliance.cases.update', { onError: fail('Not saved') });
  const save = useApiMutation('compliance.cases.saveSar', {
    onSuccess: (c) => notifications.show({ color: 'teal', message: `SAR draft saved as version ${c.drafts[0]?.version ?? ''}.` }),
    onError: fail('Draft not saved'),
  });
  const fileSar = useApiMutation('compliance.cases.fileSar', { onError: fail('Not filed') });
  const close = useApiMutation('compliance.cases.close', { onError: fail('Not closed') });
  if (kase.isPending) return <LoadingView />;
  if (kase.error) return <ErrorView message={errorMessage(kase.error)} onRetry={() => void kase.refetch()} />;
  const c = kase.data;
  const closed = c.closedReason !== null;
  return (
    <Stack gap="md" data-testid="case-page">
      <PageHeader
        back={{ to: 'compliance/cases', label: 'All cases' }}
        title={`Case #${c.id}: ${c.title}`}
        aside={
          <>
            <Badge color={closed ? 'gray' : 'blue'}>{closed ? 'closed' : c.status}</Badge>
            <Badge color={SAR_COLOR[c.sarStatus]}>{c.sarStatus === 'filed' ? `SAR filed ${c.sarReference ?? ''}` : `SAR ${c.sarStatus} ${formatDayKey(c.sarDueDay)}`}</Badge>
          </>
        }
        description={
          <>
            Escalated {formatDateTime(c.escalatedAt)} · owner {c.owner ?? 'unassigned'} ·{' '}
            {c.customerName ? (
              <Anchor size="xs" onClick={() => c.customerId && navigate(`customers/${c.customerId}`)}>
                {c.customerName}
              </Anchor>
            ) : (
              'no customer'
            )}{' '}
            · accounts {c.accounts.join(', ') || '—'}
            {c.alertId !== null && (
              <>
                {' '}
                ·{' '}
                <Anchor size="xs" onClick={() => navigate(`fraud/${c.alertId}`)}>
                  alert #{c.alertId}
                </Anchor>
              </>
            )}
          </>
        }
      />
      {canAct && !closed && (
        <Group gap="md">
          <Button size="xs" variant="default" onClick={() => update.mutate({ id, owner: me })} disabled={c.owner === me}>
            Take the case
          </Button>
          <Switch
            label="Suspect identified (SAR due in 30 days, else 60)"
            checked={c.suspectKnown}
            disabled={c.sarStatus === 'filed'}
            onChange={(e) => update.mutate({ id, suspectKnown: e.currentTarget.checked })}
          />
        </Group>
      )}
      <Paper withBorder p="sm" radius="md">
        <Title order={5}>SAR narrative</Title>
        <Text size="xs" c="dimmed" mb={4}>
          {latest ? `Version ${latest.version} by ${latest.author}, ${formatDateTime(latest.at)}; ${c.drafts.length} version(s) kept.` : 'No draft saved yet.'}
        </Text>
        <Textarea
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          autosize
          minRows={6}
          maxRows={20}
          readOnly={!canAct || c.sarStatus === 'filed'}
          aria-label="SAR narrative"
          data-testid="sar-draft"
        />
        {canAct && c.sarStatus !== 'filed' && (
          <Group mt="xs" justify="space-between">
            <Button
              size="xs"
              loading={save.isPending}
              disabled={!draft.trim() || draft === latest?.text}
              onClick={() => save.mutate({ id, text: draft, baseVersion: latest?.version ?? 0 })}
              data-testid="save-sar"
            >
              Save draft
            </Button>
            <Group gap="xs" align="flex-end">
              <TextInput size="xs" placeholder="Regulator’s reference" value={reference} onChange={(e) => setReference(e.currentTarget.value)} aria-label="SAR filing reference" />
              <Button size="xs" color="teal" disabled={reference.trim().length < 3} loading={fileSar.isPending} onClick={() => fileSar.mutate({ id, reference: reference.trim() })}>
                Mark SAR filed
              </Button>
            </Group>
          </Group>
        )}
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Title order={5}>Notes</Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {c.notes || '—'}
        </Text>
        {canAct && !closed && (
          <Group mt="xs" align="flex-end">
            <Textarea aria-label="New case note" placeholder="Add a note" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} style={{ flex: 1 }} />
            <Button size="xs" disabled={!note.trim()} onClick={() => update.mutate({ id, note: note.trim() }, { onSuccess: () => setNote('') })}>
              Add note
            </Button>
          </Group>
        )}
      </Paper>
      {canAct && !closed && (
        <Group align="flex-end">
          <TextInput label="Close with a reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={400} maxLength={400} />
          <Button variant="default" color="red" disabled={reason.trim().length < 5} loading={close.isPending} onClick={() => close.mutate({ id, reason: reason.trim() })}>
            Close case
          </Button>
        </Group>
      )}
      {closed && <Text size="sm">Closed: {c.closedReason}</Text>}
    </Stack>
  );
}
