import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { csvFileName, toCsv } from '../../format/csv';
import { downloadText } from '../download';
import type { ColumnSpec } from './columns';

/** Exports exactly the rows on screen, in their current sort order. */
export function ExportCsvButton<T>({ name, specs, rows }: { name: string; specs: ColumnSpec<T>[]; rows: T[] }) {
  const exportCsv = () => {
    const header = specs.map((s) => s.header);
    const body = rows.map((row) => specs.map((s) => (s.csv ? s.csv(row) : s.value(row))));
    downloadText(csvFileName(name), toCsv(header, body));
  };
  return (
    <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={exportCsv} disabled={rows.length === 0} data-testid="export-csv">
      Export CSV
    </Button>
  );
}
