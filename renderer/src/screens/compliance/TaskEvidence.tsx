import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { EVIDENCE_MAX_BYTES, type ComplianceTask } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { newIdempotencyKey } from '../../api/use-intent-key';
import { downloadBase64 } from '../../components/download';
import { formatDateTime } from '../../format/date';

const ACCEPT = '.pdf,.csv,.xlsx,.png,.jpg,.jpeg,application/pdf,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,image/png,image/jpeg';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A task's evidence: the files attached (name, size, who, when; downloadable from the bank), and
 * attaching more — the monitor's drill-down rows as the app exports them (CSV) or a file picked here.
 * Offline, an attachment waits in the outbox with the task's other changes.
 */
export function TaskEvidence({ task, canAct }: { task: ComplianceTask; canAct: boolean }) {
  const [busy, setBusy] = useState(false);
  const attach = useApiMutation('compliance.tasks.evidence.attach');
  const send = (filename: string, source: 'export' | 'file', contentBase64: string) =>
    attach
      .mutateAsync({ taskId: task.id, filename, source, contentBase64, idempotencyKey: newIdempotencyKey('evidence-') })
      .then((r) =>
        notifications.show({
          color: r.status === 'queued' ? 'yellow' : 'teal',
          title: r.status === 'queued' ? 'Saved on this workstation' : 'Evidence attached',
          message: r.message,
        }),
      );
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not attached', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const attachRows = () =>
    run(async () => {
      const detail = await call('compliance.monitor', { id: task.monitorId });
      if (!detail.query) throw new Error('This monitor has no drill-down rows to export.');
      const file = await call('metrics.export', { query: { ...detail.query }, format: 'csv', includeRows: true });
      await send(file.filename, 'export', file.base64);
    });
  const attachFile = (file: File | null) =>
    file &&
    run(async () => {
      if (file.size > EVIDENCE_MAX_BYTES) throw new Error(`${file.name} is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`);
      await send(file.name, 'file', await fileBase64(file));
    });
  const download = (evidenceId: number) =>
    call('compliance.tasks.evidence.download', { taskId: task.id, evidenceId })
      .then((f) => downloadBase64(f.filename, f.mimeType, f.base64))
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Not downloaded', message: errorMessage(e) }));
  return (
    <Stack gap={4} data-testid="task-evidence">
      <Text size="xs" fw={600}>
        Evidence
      </Text>
      {task.evidence.length === 0 && (
        <Text size="xs" c="dimmed">
          No evidence attached.
        </Text>
      )}
      {task.evidence.map((e) => (
        <Text key={`${e.sha256}-${e.at}`} size="xs" data-testid="evidence-item">
          {e.id !== null ? (
            <Anchor size="xs" component="button" onClick={() => e.id !== null && void download(e.id)}>
              {e.filename}
            </Anchor>
          ) : (
            e.filename
          )}{' '}
          · {sizeText(e.bytes)} · {e.source === 'export' ? 'exported rows' : 'file'} · <b>{e.attachedBy}</b> · {formatDateTime(e.at)}
        </Text>
      ))}
      {canAct && task.id > 0 && (
        <Group gap="xs">
          <Button size="compact-xs" variant="light" loading={busy} onClick={() => void attachRows()} data-testid="attach-rows">
            Attach drill-down rows (CSV)
          </Button>
          <FileButton onChange={(f) => void attachFile(f)} accept={ACCEPT}>
            {(props) => (
              <Button {...props} size="compact-xs" variant="light" loading={busy} data-testid="attach-file">
                Attach a file…
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            PDF, CSV, XLSX, PNG or JPEG, up to {EVIDENCE_MAX_BYTES / 1024 / 1024} MB
          </Text>
        </Group>
      )}
    </Stack>
  );
}
