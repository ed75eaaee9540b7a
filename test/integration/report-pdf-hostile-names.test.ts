import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportResult } from '../../shared/contract';
import { reportDefinitionSchema } from '../../shared/report-definition';
import { QUARTERLY_BOARD_PACK } from '../../shared/report-templates';
import { generateDemoBank } from '../../main/demo';
import { queryMetric, type MetricStore } from '../../main/metrics';
import { renderReport, runReport } from '../../main/reports';
import { printable } from '../../main/pdf-fonts';
import type { Bank } from '../../main/source';
import { freshBank } from '../support/banks';
import { INJECTION_CORPUS } from '../support/injection-corpus';
import { tempDir } from '../support/temp';

/** Without whitespace and invisible format characters: a table cell may wrap a long name; text extraction drops what is not drawn. */
const squeeze = (s: string): string => s.replace(/[\s\p{Cf}]+/gu, '');

/**
 * Issue 14 part B: hostile names printed in the board pack PDF. Branch names from the injection corpus
 * (HTML/script, spreadsheet formulas, look-alike and right-to-left Unicode) are given to the branches
 * holding the most deposits, the quarterly board pack is built and rendered, and the PDF's text as
 * poppler's pdftotext extracts it (an independent reader, not the renderer's own) holds every name the
 * report's tables carry, literally: no markup dropped, no formula character eaten, no name lost.
 */
describe('report PDF with hostile branch names', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  const dir = tempDir('cbreportpdf-');
  let result: ReportResult;
  let text = '';
  const names = INJECTION_CORPUS.filter((c) => c.family !== 'sql').map((c) => c.text.slice(0, 80));

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'cbreportpdf'));
    const end = Date.UTC(2026, 9, 20, 12);
    await generateDemoBank(bank, { customers: 120, months: 6, seed: 11, end });
    const ranked = await sql<{ branch_id: number }>`select branch_id from accounts where kind = 'customer' group by branch_id order by sum(balance) desc`.execute(bank.db);
    for (const [i, r] of ranked.rows.entries()) {
      const name = names[i];
      if (name === undefined) break;
      await bank.db.updateTable('branches').set({ name }).where('id', '=', Number(r.branch_id)).execute();
    }
    const store: MetricStore = { bank, source: 'bank', rollups: false, timeZone: 'Europe/Prague', asOf: end };
    const definition = reportDefinitionSchema.parse({ ...QUARTERLY_BOARD_PACK.definition, period: { kind: 'quarter', year: 2026, quarter: 3 } });
    result = await runReport(definition, { store, ask: (q) => queryMetric(store, q), bankName: '<b>Bank</b> =1+1', author: '<script>alert(1)</script>' });
    const pdf = await renderReport(result, 'pdf');
    const file = join(dir.path, 'board-pack.pdf');
    writeFileSync(file, pdf.bytes);
    text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }, 180_000);
  afterAll(async () => {
    await dispose?.();
    dir.remove();
  });

  it('prints every hostile name the tables hold, literally (HTML, formulas, Unicode)', () => {
    const cells = new Set<string>();
    for (const s of result.sections) {
      if (s.kind !== 'table') continue;
      for (const row of s.rows) for (const v of Object.values(row.cells)) if (typeof v === 'string') cells.add(v);
    }
    const shown = names.filter((n) => cells.has(n));
    // The branches with the most deposits carry the HTML names: the deposits-by-branch table lists them.
    for (const html of INJECTION_CORPUS.filter((c) => c.family === 'html')) expect(shown, `the report lists ${html.text}`).toContain(html.text.slice(0, 80));
    const flat = squeeze(text);
    for (const n of shown) {
      // A narrow cell ends a long name with "…": the part shown must be the name's own beginning.
      const want = squeeze(printable(n));
      const whole = flat.includes(want);
      const cut = [...want].some((_, i) => i >= 4 && flat.includes(`${want.slice(0, i)}…`));
      expect(whole || cut, `the PDF prints ${n} (as ${want})`).toBe(true);
    }
    expect(flat).toContain(squeeze('<script>alert(1)</script>'));
  });

  it('never drops a character the font lacks: a full-width ＝ prints as =, full-width letters as letters', () => {
    expect(printable('\uFF1DHYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(printable('Ｊａｎ Ｎｏｖáｋ')).toBe('Jan Novák');
    expect(printable('Jan \u202eluaP')).toBe('Jan \u202eluaP');
    // No glyph and no compatibility form: shown as the replacement character, not as nothing.
    expect(printable('中')).toBe('\uFFFD');
    const flat = squeeze(text);
    expect(flat).toContain(squeeze('=HYPERLINK("http://evil.example")'));
    expect(flat).toContain('JanNovák');
    expect(flat).not.toMatch(/(^|[^=＝])HYPERLINK\("http:\/\/evil\.example"\)/);
  });
});
