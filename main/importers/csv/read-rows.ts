import { basename } from 'node:path';
import type { BadRows } from '../bad-rows';
import type { ProgressMeter } from '../progress';
import { readDelimited } from '../read-delimited';
import { CSV_COLUMNS, csvRowSchema, type CsvTxn } from './row-schema';

/**
 * Reads a canonical transactions CSV: the header must name every canonical column once (any
 * order; no others, so no data is silently dropped); each row is checked with the row schema;
 * a txn_id may appear once per file (compared without regard to case, as MySQL compares them).
 */
export async function readCsvRows(file: string, bad: BadRows, meter: ProgressMeter): Promise<CsvTxn[]> {
  const rows: CsvTxn[] = [];
  const seen = new Map<string, number>();
  let header: string[] | null = null;
  for await (const rec of readDelimited(file, ',', (done, total) => meter.report('reading', done, total, 'bytes'))) {
    if (!header) {
      header = rec.fields.map((f) => f.trim());
      const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
      for (const h of unknown) bad.add(null, rec.line, h || '(empty)', `is not a canonical column (expected ${CSV_COLUMNS.join(', ')})`);
      for (const c of CSV_COLUMNS) {
        const n = header.filter((h) => h === c).length;
        if (n !== 1) bad.add(null, rec.line, c, n === 0 ? 'is missing from the header' : 'appears more than once in the header');
      }
      bad.throwIfAny();
      continue;
    }
    if (rec.error) {
      bad.add(null, rec.line, '(row)', rec.error);
      continue;
    }
    if (rec.fields.length !== header.length) {
      bad.add(null, rec.line, '(row)', `has ${rec.fields.length} fields, the header has ${header.length}`);
      continue;
    }
    const raw: Record<string, string> = {};
    header.forEach((h, i) => (raw[h] = rec.fields[i] ?? ''));
    const parsed = csvRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) bad.add(null, rec.line, String(issue.path[0] ?? '(row)'), issue.message);
      continue;
    }
    const key = parsed.data.txnId.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      bad.add(null, rec.line, 'txn_id', `${parsed.data.txnId} repeats line ${first}`);
      continue;
    }
    seen.set(key, rec.line);
    rows.push({ line: rec.line, ...parsed.data });
  }
  if (!header) throw new Error(`${basename(file)} is empty: expected a header line (${CSV_COLUMNS.join(',')}).`);
  return rows;
}
