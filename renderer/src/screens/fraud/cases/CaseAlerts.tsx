import { Anchor, Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AlertRow } from '../../../../../shared/contract';
import { useApiMutation } from '../../../api/use-api-query';
import { newIdempotencyKey } from '../../../api/use-intent-key';
import { shortAccountNo } from '../../../format/account';
import { formatMoney } from '../../../format/money';
import { navigate } from '../../../state/route';
import { AlertStatusBadge, RiskBadge } from '../badges';
import { ruleTitle } from '../fraud-values';
import { TableSection } from '../../../components/table/TableSection';
import { ReasonModal } from './ReasonModal';

/** The case's alerts: open one to investigate it; a dismissed one can be reopened with a reason. */
export function CaseAlerts({ alerts, titles, canAct }: { alerts: readonly AlertRow[]; titles: ReadonlyMap<string, string> | undefined; canAct: boolean }) {
  const reopen = useApiMutation('alerts.reopen');
  const [target, setTarget] = useState<AlertRow | null>(null);
  return (
    <>
      <TableSection title="Alerts" testId="case-alerts">
        {alerts.map((a) => (
          <Table.Tr key={a.id} data-testid="case-alert" data-alert-id={a.id} data-status={a.status}>
            <Table.Td w={40}>
              <RiskBadge score={a.riskScore} size="xs" />
            </Table.Td>
            <Table.Td>
              <Anchor size="sm" onClick={() => navigate(`fraud/${a.id}`)} data-testid="case-alert-open">
                #{a.id} {ruleTitle(a.ruleId, titles)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {shortAccountNo(a.accountNo)} · {a.customerName ?? '—'} · {a.assignee ?? 'unassigned'}
              </Text>
            </Table.Td>
            <Table.Td ta="right" className="num">
              {formatMoney(a.amount, a.currency)}
            </Table.Td>
            <Table.Td>
              <AlertStatusBadge status={a.status} />
            </Table.Td>
            <Table.Td ta="right">
              {canAct && a.status === 'dismissed' && (
                <Button size="compact-xs" variant="default" onClick={() => setTarget(a)} data-testid="reopen-alert">
                  Reopen…
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </TableSection>
      <ReasonModal
        opened={target !== null}
        title={target ? `Reopen alert #${target.id}` : 'Reopen alert'}
        intro="The alert returns to review; its dismissal stays in the audit log and a note records your reason."
        label="Why reopen it"
        submitLabel="Reopen"
        testId="reopen-modal"
        onClose={() => setTarget(null)}
        onSubmit={async (reason) => {
          if (!target) return;
          const r = await reopen.mutateAsync({ id: target.id, reason, idempotencyKey: newIdempotencyKey() });
          notifications.show({ color: 'yellow', title: 'Reopened', message: r.message });
        }}
      />
    </>
  );
}
