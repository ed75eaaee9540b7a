import { Alert, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { FraudRule, RuleChange } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { bindText } from '../../components/form/bind-text';
import { FormActions } from '../../components/form/FormActions';
import { formatDateTime } from '../../format/date';
import { useCan, useSession } from '../../state/session';
import { RuleChangesList } from './RuleChangesList';

/**
 * A rule change waiting for a second person: what it changes, who proposed it and why. Another person
 * with the fraud-rules right approves (it is in force from then on) or rejects it with a reason; its
 * maker only sees that it waits (the server refuses them too).
 */
export function RulePendingChange({ rule, change }: { rule: FraudRule; change: RuleChange }) {
  const me = useSession((s) => s.session?.user.username ?? '');
  const canDecide = useCan('fraud.rules') && change.requestedBy !== me;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const approve = useApiMutation('fraud.rules.changes.approve', {
    onSuccess: (r) =>
      notifications.show({ color: 'teal', title: `Approved: ${r.ruleTitle} v${r.appliedVersion ?? ''} in force`, message: 'Scans and the live monitor use it from now on.' }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not approved', message: errorMessage(e) }),
  });
  const reject = useApiMutation('fraud.rules.changes.reject', {
    onSuccess: (r) => notifications.show({ color: 'gray', title: `Rejected: ${r.ruleTitle}`, message: r.rejectReason ?? '' }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not rejected', message: errorMessage(e) }),
  });
  return (
    <Alert
      color="blue"
      variant="light"
      p="sm"
      data-testid="rule-pending-change"
      data-change-id={change.id}
      title={change.restoreOf === null ? `Change ${change.id} waits for a second person` : `Restoring version ${change.restoreOf} waits for a second person`}
    >
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          Proposed by {change.requestedBy}, {formatDateTime(change.requestedAt)}, over version {change.baseVersion}. Until it is approved the rule runs as version {rule.version}.
        </Text>
        <Text size="sm">{change.note}</Text>
        <RuleChangesList changes={change.changes} enabled={change.enabled} enabledBefore={change.enabledBefore} currency={rule.currency} testId="pending-changes-table" />
        {canDecide ? (
          rejecting ? (
            <Stack gap={4}>
              <Textarea label="Why reject it" {...bindText(reason, setReason)} autosize minRows={1} maxLength={400} size="xs" data-testid="reject-reason" />
              <FormActions
                size="xs"
                submitLabel="Reject"
                color="red"
                busy={reject.isPending}
                disabled={reason.trim().length < 5}
                onConfirm={() => reject.mutate({ id: change.id, reason: reason.trim() })}
                onCancel={() => setRejecting(false)}
                submitTestId="reject-rule-change"
              />
            </Stack>
          ) : (
            <Group gap="xs" justify="flex-end">
              <Button size="xs" variant="default" onClick={() => setRejecting(true)} data-testid="start-reject-rule-change">
                Reject…
              </Button>
              <Button size="xs" color="teal" loading={approve.isPending} onClick={() => approve.mutate({ id: change.id })} data-testid="approve-rule-change">
                Approve
              </Button>
            </Group>
          )
        ) : (
          <Badge variant="light" color="blue" data-testid="rule-change-own">
            {change.requestedBy === me ? 'Yours: another person with the fraud-rules right approves it' : 'Waiting for an approver with the fraud-rules right'}
          </Badge>
        )}
      </Stack>
    </Alert>
  );
}
