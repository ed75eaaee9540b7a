import { basename, join } from 'node:path';
import type { z } from 'zod';
import type { BadRows } from '../bad-rows';
import { readDelimited } from '../read-delimited';

export interface Lined<T> {
  line: number;
  row: T;
}

/** Good rows, and the ids (first column) of rows already reported bad, so references to them are not reported twice. */
export type Table<T> = Array<Lined<T>> & { rejected: Set<number> };

export interface TableSpec<S extends z.ZodType> {
  columns: readonly string[];
  schema: S;
}

/**
 * One Berka file (';'-separated, quoted text, one header row): checks the header, then reads
 * every row through the file's schema. Rows that fail are recorded as bad rows (the file's own
 * column names) and left out; the caller decides nothing is written if any were bad.
 */
export async function readTable<S extends z.ZodType>(
  dir: string,
  file: string,
  spec: TableSpec<S>,
  bad: BadRows,
  onBytes?: (done: number, total: number) => void,
): Promise<Table<z.output<S>>> {
  const out: Table<z.output<S>> = Object.assign([], { rejected: new Set<number>() });
  const name = basename(file);
  let header = true;
  for await (const rec of readDelimited(join(dir, file), ';', onBytes)) {
    if (header) {
      header = false;
      if (rec.fields.join(';') !== spec.columns.join(';')) {
        bad.add(name, rec.line, '(header)', `expected the columns ${spec.columns.join(';')}, found ${rec.fields.join(';')}`);
      }
      continue;
    }
    if (rec.error || rec.fields.length !== spec.columns.length) {
      out.rejected.add(Number(rec.fields[0]));
      bad.add(name, rec.line, '(row)', rec.error ?? `has ${rec.fields.length} fields, expected ${spec.columns.length}`);
      continue;
    }
    const raw: Record<string, string> = {};
    spec.columns.forEach((c, i) => (raw[c] = rec.fields[i] ?? ''));
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) {
      out.push({ line: rec.line, row: parsed.data });
      continue;
    }
    out.rejected.add(Number(rec.fields[0]));
    for (const issue of parsed.error.issues) bad.add(name, rec.line, String(issue.path[0] ?? '(row)'), issue.message);
  }
  if (header) bad.add(name, 1, '(header)', 'the file is empty');
  return out;
}
