import { Group } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { call } from '../../api/client';
import { DownloadButton } from '../../components/DownloadButton';
import { useFileDownload } from '../../components/use-file-download';
import { toMetricQuery, type ExploreState } from './explore-state';

/**
 * The current view as a file, made by the metric layer (the same figures, the filters and period written
 * above them); in the rows view the rows go with it.
 */
export function ExportButtons({ state }: { state: ExploreState }) {
  const { busy, download: run } = useFileDownload(
    (format: 'csv' | 'xlsx') => call('metrics.export', { query: toMetricQuery(state), format, includeRows: state.view === 'rows' }),
    (format) => `Could not export ${format.toUpperCase()}`,
  );
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
