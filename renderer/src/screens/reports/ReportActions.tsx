import { Alert, Button, Group, Select, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCloudUpload, IconFileSpreadsheet, IconFileTypePdf, IconFileZip, IconJson, IconLink } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReportEntry, ReportFormat } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { DownloadButton } from '../../components/DownloadButton';
import { useFileDownload } from '../../components/use-file-download';

const EXPIRY = [
  { value: '3600', label: '1 hour' },
  { value: '86400', label: '1 day' },
  { value: '259200', label: '3 days' },
  { value: '604800', label: '7 days (longest)' },
];

/** What can be done with a generated report: export it, store it in S3, share a link to its PDF. */
export function ReportActions({ entry, canBuild, storageSet, onEntry }: { entry: ReportEntry; canBuild: boolean; storageSet: boolean; onEntry: (e: ReportEntry) => void }) {
  const [expiry, setExpiry] = useState('86400');
  const [link, setLink] = useState<string | null>(null);
  const upload = useApiMutation('reports.s3.upload', {
    onSuccess: (e) => {
      onEntry(e);
      notifications.show({ color: 'teal', message: `Stored in s3://${e.s3?.bucket ?? ''} (PDF, XLSX, CSV zip, JSON).` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Could not store the report', message: errorMessage(e) }),
  });
  const share = useApiMutation('reports.s3.share', {
    onSuccess: async (r) => {
      setLink(r.url);
      try {
        await navigator.clipboard.writeText(r.url);
        notifications.show({ color: 'teal', message: `Share link copied; it works until ${new Date(r.expiresAt).toLocaleString()}.` });
      } catch {
        notifications.show({ color: 'yellow', message: 'The link is below: copy it by hand (the clipboard was not available).' });
      }
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Could not make a share link', message: errorMessage(e) }),
  });
  const { busy, download: exportAs } = useFileDownload(
    (format: ReportFormat) => call('reports.export', { id: entry.id, format }),
    () => 'Export failed',
  );
  const pdfKey = entry.s3?.keys.pdf;
  return (
    <div data-testid="report-actions">
      <Group gap="xs" wrap="wrap">
        <DownloadButton size="xs" format="pdf" busy={busy} onDownload={exportAs} icon={<IconFileTypePdf size={16} />} testId="report-export-pdf">
          PDF
        </DownloadButton>
        <DownloadButton size="xs" format="xlsx" busy={busy} onDownload={exportAs} icon={<IconFileSpreadsheet size={16} />} testId="report-export-xlsx">
          XLSX
        </DownloadButton>
        <DownloadButton size="xs" format="csv" busy={busy} onDownload={exportAs} icon={<IconFileZip size={16} />}>
          CSV (zip)
        </DownloadButton>
        <DownloadButton size="xs" format="json" busy={busy} onDownload={exportAs} icon={<IconJson size={16} />}>
          JSON
        </DownloadButton>
        {canBuild && (
          <Tooltip label={storageSet ? 'Upload PDF, XLSX, CSV and JSON, encrypted' : 'Set up report storage first'}>
            <Button
              size="xs"
              leftSection={<IconCloudUpload size={16} />}
              disabled={!storageSet}
              loading={upload.isPending}
              onClick={() => upload.mutate({ id: entry.id })}
              data-testid="report-store-s3"
            >
              {entry.upload === 'uploaded' ? 'Stored in S3' : entry.upload === 'pending' ? 'Waiting in outbox — retry' : 'Store in S3'}
            </Button>
          </Tooltip>
        )}
        {canBuild && pdfKey && (
          <Group gap={4} wrap="nowrap">
            <Select
              size="xs"
              w={150}
              data={EXPIRY}
              value={expiry}
              onChange={(v) => setExpiry(v ?? '86400')}
              allowDeselect={false}
              aria-label="Link expires after"
              data-testid="report-share-expiry"
            />
            <Button
              size="xs"
              variant="light"
              leftSection={<IconLink size={16} />}
              loading={share.isPending}
              onClick={() => share.mutate({ key: pdfKey, expiresInSeconds: Number(expiry) })}
              data-testid="report-share"
            >
              Copy share link
            </Button>
          </Group>
        )}
      </Group>
      {entry.upload === 'failed' && entry.uploadError && (
        <Alert color="red" variant="light" mt="xs" title="Upload failed">
          {entry.uploadError}
        </Alert>
      )}
      {entry.upload === 'pending' && (
        <Text size="xs" c="orange" mt={4}>
          S3 could not be reached: the report waits in the outbox and is uploaded when the connection is back.
        </Text>
      )}
      {link && (
        <Text size="xs" mt={4} style={{ wordBreak: 'break-all' }} data-testid="report-share-link">
          {link}
        </Text>
      )}
    </div>
  );
}
