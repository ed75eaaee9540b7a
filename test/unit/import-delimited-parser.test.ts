import { describe, expect, it } from 'vitest';
import { DelimitedParser, type DelimitedRecord } from '../../main/importers/delimited-parser';

function parse(text: string, delimiter = ',', chunk = Infinity): DelimitedRecord[] {
  const p = new DelimitedParser(delimiter);
  const out: DelimitedRecord[] = [];
  const size = Number.isFinite(chunk) ? chunk : text.length || 1;
  for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
  out.push(...p.end());
  return out;
}

const fields = (rs: DelimitedRecord[]) => rs.map((r) => r.fields);

describe('RFC 4180 parser', () => {
  it('reads quoted fields with embedded delimiters, quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nlast,,\r\n';
    expect(fields(parse(text))).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['last', '', ''],
    ]);
  });

  it('gives the physical line each record starts on', () => {
    const rs = parse('h\n"multi\nline"\nnext\r\n\r\nafter-blank\r\n');
    expect(rs.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h'],
      [2, 'multi\nline'],
      [4, 'next'],
      [6, 'after-blank'],
    ]);
  });

  it('gives the same records whatever the chunk boundaries (CRLF and "" split across chunks)', () => {
    const text = '\ufeffid;name\r\n1;"a ""quoted""; name"\r\n2;"line\r\nbreak"\r\n3;plain';
    const whole = parse(text, ';');
    for (const size of [1, 2, 3, 7]) expect(parse(text, ';', size)).toEqual(whole);
    expect(fields(whole)).toEqual([
      ['id', 'name'],
      ['1', 'a "quoted"; name'],
      ['2', 'line\r\nbreak'],
      ['3', 'plain'],
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends and a last line without one', () => {
    expect(fields(parse('a\nb\r\nc\rd'))).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('keeps an empty quoted field distinct from a blank line', () => {
    expect(fields(parse('""\n\n"",""\n'))).toEqual([[''], ['', '']]);
  });

  it('flags broken quoting on the record instead of guessing', () => {
    const rs = parse('ok,1\nbad"quote,2\n"closed"junk,3\n"never closed,4\n');
    expect(rs.map((r) => r.error === null)).toEqual([true, false, false, false]);
    expect(rs[1]?.error).toMatch(/quote inside an unquoted field/);
    expect(rs[2]?.error).toMatch(/text after a closing quote/);
    expect(rs[3]?.error).toMatch(/starting on line 4 is never closed/);
  });
});
