import { Badge, Button, Group, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHistory, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import type { FraudRule, RuleVersion } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { errorText, useApiMutation, useApiQuery } from '../../api/use-api-query';
import { bindText } from '../../components/form/bind-text';
import { FormActions } from '../../components/form/FormActions';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { formatDateTime } from '../../format/date';
import { useCan } from '../../state/session';
import { RuleChangesList } from './RuleChangesList';

function RestoreForm({ rule, version, onDone }: { rule: FraudRule; version: number; onDone: () => void }) {
  const [note, setNote] = useState('');
  const restore = useApiMutation('fraud.rules.changes.restore', {
    onSuccess: (c) => {
      notifications.show({ color: 'blue', title: `Restoring version ${version} proposed`, message: `Change ${c.id} takes effect when another person approves it.` });
      onDone();
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not proposed', message: errorMessage(e) }),
  });
  return (
    <Stack gap={4} mt={4}>
      <Textarea label={`Why bring back version ${version}`} {...bindText(note, setNote)} autosize minRows={1} maxLength={1000} size="xs" data-testid="restore-note" />
      <FormActions
        size="xs"
        submitLabel={`Propose restoring version ${version}`}
        busy={restore.isPending}
        disabled={note.trim().length < 5}
        onConfirm={() => restore.mutate({ ruleId: rule.id, version, note: note.trim() })}
        onCancel={onDone}
        submitTestId="propose-restore"
      />
    </Stack>
  );
}

function VersionItem({
  rule,
  v,
  canRestore,
  restoring,
  setRestoring,
}: {
  rule: FraudRule;
  v: RuleVersion;
  canRestore: boolean;
  restoring: boolean;
  setRestoring: (on: boolean) => void;
}) {
  return (
    <Stack gap={4} data-testid="rule-version" data-version={v.version}>
      <Group gap={6}>
        {v.active && (
          <Badge size="xs" color="teal" variant="light">
            in force
          </Badge>
        )}
        {v.builtIn && (
          <Badge size="xs" color="gray" variant="light">
            shipped
          </Badge>
        )}
        {v.restoredFrom !== null && (
          <Badge size="xs" color="blue" variant="light">
            restores v{v.restoredFrom}
          </Badge>
        )}
        {!v.enabled && (
          <Badge size="xs" color="gray" variant="outline">
            disabled
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {v.builtIn
          ? 'The defaults the application ships with.'
          : `${v.createdBy}${v.approvedBy ? `, approved by ${v.approvedBy}` : ' (saved before approval was needed)'}${v.createdAt !== null ? ` · ${formatDateTime(v.createdAt)}` : ''}`}
      </Text>
      {!v.builtIn && <Text size="sm">{v.note}</Text>}
      {!v.builtIn && <RuleChangesList changes={v.changes} enabled={v.enabled} enabledBefore={v.enabledBefore} currency={rule.currency} />}
      {canRestore && !v.active && !restoring && (
        <Group>
          <Button size="compact-xs" variant="subtle" leftSection={<IconRestore size={12} />} onClick={() => setRestoring(true)} data-testid="restore-version">
            Restore version {v.version}…
          </Button>
        </Group>
      )}
      {restoring && <RestoreForm rule={rule} version={v.version} onDone={() => setRestoring(false)} />}
    </Stack>
  );
}

/** Every version of the rule, newest first, the shipped one included: who made and approved it, what changed, and restore. */
export function RuleHistory({ rule, changePending }: { rule: FraudRule; changePending: boolean }) {
  const history = useApiQuery('fraud.rules.history', { ruleId: rule.id });
  const canEdit = useCan('fraud.rules');
  const [restoring, setRestoring] = useState<number | null>(null);
  if (history.isPending) return <LoadingView />;
  if (history.error) return <ErrorView message={errorText(history.error) ?? ''} onRetry={() => void history.refetch()} />;
  return (
    <Timeline bulletSize={18} lineWidth={2} data-testid="rule-history" active={0}>
      {history.data.map((v) => (
        <Timeline.Item key={v.version} bullet={<IconHistory size={11} />} title={`Version ${v.version}`}>
          <VersionItem rule={rule} v={v} canRestore={canEdit && !changePending} restoring={restoring === v.version} setRestoring={(on) => setRestoring(on ? v.version : null)} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
