import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { columnarStatement, transferableStatement } from '../../main/source';

/**
 * The column-wise read (the fraud scan's pages and account directory) gives the values a row-wise read
 * gives: nulls, large integers, and texts with quotes, backslashes, line breaks and non-ASCII letters.
 */
describe('columnar pages', () => {
  const db = new Database(':memory:');
  db.exec('create table t (id integer primary key, n bigint, name text)');
  const rows: [number, number | null, string | null][] = [
    [1, 0, 'plain'],
    [2, null, 'quote " and \\ backslash'],
    [5, -9_007_199_254_740_991, 'line\nbreak\ttab'],
    [9, 9_007_199_254_740_991, null],
    [12, 42, 'Žďár nad Sázavou 😀 \u202e'],
  ];
  const insert = db.prepare('insert into t values (?, ?, ?)');
  for (const r of rows) insert.run(...r);
  const read = columnarStatement(db, 'select id, n, name from t where id > ? order by id limit ?', ['id', 'n'], ['name']);

  it('returns every value as the row-wise read does, in order', () => {
    const page = read(0, 100);
    expect(page.rows).toBe(rows.length);
    expect(page.numbers).toEqual(rows.flatMap((r) => [r[0], r[1]]));
    expect(page.texts).toEqual([rows.map((r) => r[2])]);
  });

  it('pages by the first column and answers an empty page', () => {
    expect(read(2, 2).numbers).toEqual([5, -9_007_199_254_740_991, 9, 9_007_199_254_740_991]);
    expect(read(12, 10)).toEqual({ rows: 0, numbers: [], texts: [[]] });
  });

  it('refuses rows that do not come in the order column ascending', () => {
    const backwards = columnarStatement(db, 'select id, n, name from t order by id desc', ['id', 'n'], ['name']);
    expect(() => backwards()).toThrow(/out of id order/);
  });

  it('a transferable page holds the same values, null as NaN, and crosses to another thread without a copy', () => {
    const page = transferableStatement(db, 'select id, n, name from t where id > ? order by id limit ?', ['id', 'n'], ['name'])(0, 100);
    expect(page.rows).toBe(rows.length);
    expect([...page.numbers]).toEqual(rows.flatMap((r) => [r[0], r[1] ?? NaN]));
    expect(JSON.parse(page.texts[0] as string)).toEqual(rows.map((r) => r[2]));
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(page, [page.numbers.buffer]);
    expect(page.numbers.length).toBe(0);
    port1.close();
    port2.close();
  });
});
