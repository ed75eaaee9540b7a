import { Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { downloadBase64 } from '../../components/download';
import { DownloadButton } from '../../components/DownloadButton';
import { toMetricQuery, type ExploreState } from './explore-state';

/**
 * The current view as a file, made by the metric layer (the same figures, the filters and period written
 * above them); in the rows view the rows go with it.
 */
export function ExportButtons({ state }: { state: ExploreState }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      const file = await call('metrics.export', { query: toMetricQuery(state), format, includeRows: state.view === 'rows' });
      downloadBase64(file.filename, file.mimeType, file.base64);
    } catch (e) {
      notifications.show({ color: 'red', title: `Could not export ${format.toUpperCase()}`, message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <DownloadButton size="xs" format="csv" busy={busy} onDownload={run} icon={<IconFileTypeCsv size={14} />} testId="explore-export-csv">
        CSV
      </DownloadButton>
      <DownloadButton size="xs" format="xlsx" busy={busy} onDownload={run} icon={<IconFileSpreadsheet size={14} />} testId="explore-export-xlsx">
        XLSX
      </DownloadButton>
    </Group>
  );
}
