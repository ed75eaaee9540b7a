/**
 * Rows an import refuses. An import is all or nothing: it collects what is wrong (file, line,
 * column, reason), stops after MAX_BAD_ROWS so a wholly wrong file does not print 10^6 lines,
 * and writes nothing.
 */
export interface BadRow {
  /** File name, for imports that read several files (Berka). */
  file: string | null;
  line: number;
  column: string;
  reason: string;
}

export const MAX_BAD_ROWS = 100;

export function formatBadRow(b: BadRow): string {
  return `${b.file ? `${b.file} ` : ''}line ${b.line}, column ${b.column}: ${b.reason}`;
}

/** Thrown when an import found bad rows; nothing was written. */
export class ImportRejected extends Error {
  constructor(
    readonly badRows: readonly BadRow[],
    /** True when checking stopped at MAX_BAD_ROWS: more rows may be wrong. */
    readonly truncated: boolean,
  ) {
    super(`${truncated ? `At least ${badRows.length}` : badRows.length} bad row${badRows.length === 1 ? '' : 's'}: nothing was imported.`);
    this.name = 'ImportRejected';
  }
}

export class BadRows {
  private readonly rows: BadRow[] = [];

  get count(): number {
    return this.rows.length;
  }

  /** Records a bad row; throws ImportRejected once the limit is reached. */
  add(file: string | null, line: number, column: string, reason: string): void {
    this.rows.push({ file, line, column, reason });
    if (this.rows.length >= MAX_BAD_ROWS) throw new ImportRejected([...this.rows], true);
  }

  /** Throws ImportRejected if any row was bad. */
  throwIfAny(): void {
    if (this.rows.length > 0) throw new ImportRejected([...this.rows].sort(byPosition), false);
  }
}

function byPosition(a: BadRow, b: BadRow): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line;
}
