import type Database from 'better-sqlite3-multiple-ciphers';

/** One page of rows read column-wise: numbers row-major, each text column as its own array. */
export interface ColumnarPage {
  rows: number;
  /** `numeric.length` values per row, in the order the columns were named; null where the column is. */
  numbers: (number | null)[];
  /** One array per text column, in the order they were named. */
  texts: (string | null)[][];
}

/**
 * Reads a SQLite query's rows as one JSON text per kind of column instead of one JS array per row.
 * better-sqlite3 builds each row through V8's object API, about 1.5 µs a row; a scan of a million
 * imported transactions (and a directory of 640,000 accounts) spent more time there than in SQLite.
 * JSON.parse builds the same values from one string per page several times faster.
 *
 * `source` is a query whose result columns include `numeric` (integers or null) and `text` (any
 * value, strings expected), ordered by the first numeric column ascending; its parameters are the
 * statement's. Every aggregate steps through the same rows in one pass, so numbers and texts line up
 * row for row. They come in the source's order in practice; an ORDER BY inside each aggregate would
 * guarantee it but sorts every page once per column (a third slower), so the order is checked instead.
 */
export function columnarStatement(db: Database.Database, source: string, numeric: readonly string[], text: readonly string[]): (...params: unknown[]) => ColumnarPage {
  const raw = rawColumnarStatement(db, source, numeric, text);
  return (...params) => {
    const page = raw(...params);
    return { rows: page.rows, numbers: parseColumnarNumbers(page, numeric), texts: page.texts.map((t) => JSON.parse(t) as (string | null)[]) };
  };
}

/** A page as SQLite answers it: the numbers as one JSON array (row-major), each text column as its own. */
interface RawColumnarPage {
  rows: number;
  numbers: string;
  texts: string[];
}

/** The statement behind both reads, unparsed. */
function rawColumnarStatement(db: Database.Database, source: string, numeric: readonly string[], text: readonly string[]): (...params: unknown[]) => RawColumnarPage {
  if (numeric.length === 0) throw new Error('columnarStatement needs at least one numeric column');
  const row = numeric.map((c) => `coalesce(${c}, 'null')`).join(` || ',' || `);
  const texts = text.map((c) => `, json_group_array(${c})`).join('');
  const stmt = db.prepare(`select count(*), '[' || coalesce(group_concat(${row}, ','), '') || ']'${texts} from (${source})`).raw(true);
  return (...params) => {
    const [rows, numbers, ...textJson] = stmt.get(...params) as [number, string, ...string[]];
    return { rows, numbers, texts: textJson };
  };
}

/** A raw page's numbers, checked to come in the first column's ascending order (see columnarStatement). */
function parseColumnarNumbers(page: RawColumnarPage, numeric: readonly string[]): (number | null)[] {
  const values = JSON.parse(page.numbers) as (number | null)[];
  for (let o = numeric.length; o < values.length; o += numeric.length) {
    if ((values[o] as number) <= (values[o - numeric.length] as number)) throw new Error(`columnar read: rows out of ${numeric[0]} order`);
  }
  return values;
}

/**
 * A page another thread can be handed without a copy: the numbers row-major in a Float64Array (NaN
 * where null; safe integers are exact in it), the text columns still as SQLite's JSON arrays.
 */
export interface TransferablePage {
  rows: number;
  numbers: Float64Array<ArrayBuffer>;
  texts: string[];
}

/** columnarStatement's read as a TransferablePage: what a worker thread reads ahead for another. */
export function transferableStatement(db: Database.Database, source: string, numeric: readonly string[], text: readonly string[]): (...params: unknown[]) => TransferablePage {
  const raw = rawColumnarStatement(db, source, numeric, text);
  return (...params) => {
    const page = raw(...params);
    const values = parseColumnarNumbers(page, numeric);
    const numbers = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) numbers[i] = values[i] ?? NaN;
    return { rows: page.rows, numbers, texts: page.texts };
  };
}
