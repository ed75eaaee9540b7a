import type { ReportFormat, ReportResult } from '../../shared/contract';
import { reportCsvZip } from './csv-zip';
import { reportPdf } from './pdf';
import { printableDeep } from '../pdf-fonts';
import { reportXlsx } from './xlsx';

export interface RenderedFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

export const MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'application/zip',
  json: 'application/json',
};

/** "quarterly-board-pack-1997-Q4": the title and period, safe in any file system and S3 key. */
export function baseName(r: ReportResult): string {
  const slug = (t: string): string =>
    t
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'report';
  return `${slug(r.title)}-${slug(r.period.key.replace('..', '-to-'))}`;
}

/** Every renderer starts from the one result model. */
export async function renderReport(r: ReportResult, format: ReportFormat): Promise<RenderedFile> {
  const base = baseName(r);
  switch (format) {
    case 'pdf':
      // Only what the font can print: a missing glyph would drop a character silently (see pdf-fonts/printable.ts).
      return { filename: `${base}.pdf`, mimeType: MIME.pdf, bytes: await reportPdf(printableDeep(r)) };
    case 'xlsx':
      return { filename: `${base}.xlsx`, mimeType: MIME.xlsx, bytes: await reportXlsx(r) };
    case 'csv':
      return { filename: `${base}-tables.zip`, mimeType: MIME.csv, bytes: reportCsvZip(r) };
    case 'json':
      return { filename: `${base}.json`, mimeType: MIME.json, bytes: Buffer.from(`${JSON.stringify(r, null, 2)}\n`) };
  }
}
