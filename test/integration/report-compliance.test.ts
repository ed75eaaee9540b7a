import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompliance } from '../../main/compliance';
import type { CallContext } from '../../main/dispatch';
import { IN_THREAD, metricStore } from '../../main/metrics';
import { renderReport, runReport } from '../../main/reports';
import type { Bank } from '../../main/source';
import { reportResultSchema, type ComplianceSectionResult, type ReportResult } from '../../shared/contract';
import { reportDefinitionSchema } from '../../shared/report-definition';
import { QUARTERLY_BOARD_PACK } from '../../shared/report-templates';
import { freshBank } from '../support/banks';
import { loadComplianceFixture } from '../support/compliance-fixture';
import { pdfText } from '../support/pdf-text';

/**
 * The board pack's compliance monitor summary on the small compliance bank (test/support/compliance-fixture.ts),
 * on the embedded bank and on MariaDB. Hand-computed, no exchange rate or bank input entered:
 * - as of 2024-11-20 (the data's last day; November is not over): customer 1's cash of 1,000,001 on
 *   2024-10-27 (a 25-hour day) is reportable and due 2024-11-11, unfiled → 9 days overdue, a breach;
 *   customer 3's 2024-11-06 cash is 5,000.00 EUR plus USD with no rate → not reportable. Customer 4's
 *   9,500.00 and 9,900.00 EUR cash on 11-12 and 11-14 → 1 structuring candidate, above the warning
 *   edge 0 → warning. KYC reviews overdue: customers 2 (2024-11-10, high risk) and 3 (2024-11-01) → 2
 *   of all, 1 high-risk. No case → SARs fine; no CET1 / RWA entered → capital ratio not computable.
 * - as of 2024-10-31 (October's last day): the same CTR is due in 11 days (≥ the 5-day warning
 *   edge) → ok; no structuring yet; no review overdue yet.
 */
const NOW = Date.parse('2024-11-20T12:00:00Z');

const ctx: CallContext = { session: { token: 't', userId: 1, username: 'olga', role: 'compliance_officer' }, transport: 'test', origin: 'test' };

function complianceOf(r: ReportResult): ComplianceSectionResult {
  const s = r.sections.find((x) => x.kind === 'compliance');
  if (!s || s.kind !== 'compliance') throw new Error('no compliance section');
  return s;
}

describe.each(['sqlite', 'mysql'] as const)('compliance monitor summary in a report (%s)', (engine) => {
  let bank: Bank;
  let dispose: () => Promise<void>;

  const run = async (period: unknown, extra: Record<string, unknown> = {}): Promise<ReportResult> => {
    const store = await metricStore(bank, null, NOW);
    const definition = reportDefinitionSchema.parse({
      title: 'Compliance pack',
      period,
      sections: [{ kind: 'compliance', id: 'compliance', title: 'Compliance monitors' }],
      ...extra,
    });
    return runReport(definition, { store, ask: (q) => IN_THREAD.query(store, q), bankName: 'Česká spořitelna test', author: 'Jiří', now: NOW });
  };

  beforeAll(async () => {
    const fresh = await freshBank(engine, 'report_compliance');
    bank = fresh.bank;
    dispose = fresh.dispose;
    await loadComplianceFixture(bank);
  });
  afterAll(async () => dispose());

  it('states each monitor as of the period’s last day (or the data’s last day), with the figures the Compliance screen shows', async () => {
    const r = await run({ kind: 'month', year: 2024, month: 11 });
    const s = complianceOf(r);
    expect(s.at).toBe('2024-11-20');
    expect(s.reportingCurrency).toBe('EUR');
    expect(s.notes.join(' ')).toContain('not over');
    expect(s.monitors).toHaveLength(12);
    const get = (id: string) => s.monitors.find((m) => m.id === id);
    expect(get('ctr_large_cash')).toMatchObject({ value: -9, status: 'breach', unit: 'days', limit: 0, warning: 5 });
    expect(get('structuring')).toMatchObject({ value: 1, status: 'warning' });
    expect(get('sar_deadlines')).toMatchObject({ value: null, status: 'ok' });
    expect(get('capital_ratio')).toMatchObject({ value: null, status: 'unknown' });
    expect(get('kyc_overdue_all')).toMatchObject({ value: 2, status: 'ok' });
    expect(get('kyc_overdue_high_risk')).toMatchObject({ value: 1, status: 'ok' });
    expect(get('fraud_alert_backlog')).toMatchObject({ value: 0, status: 'ok' });
    // Most urgent first; the counts add up.
    expect(s.monitors[0]?.id).toBe('ctr_large_cash');
    expect(s.counts.breach + s.counts.warning + s.counts.ok + s.counts.unknown).toBe(12);
    expect(s.counts).toMatchObject({ breach: s.monitors.filter((m) => m.status === 'breach').length, unknown: s.monitors.filter((m) => m.status === 'unknown').length });

    // The same monitors, the same figures as compliance.evaluate for that day.
    const c = createCompliance({
      bank,
      store: () => metricStore(bank, null, NOW),
      runner: IN_THREAD,
      readSide: () => ({ bank, asOf: null }),
      offline: () => false,
      clock: () => NOW,
    });
    const ev = await c.handlers['compliance.evaluate']({ at: '2024-11-20' }, ctx);
    // The section computes only the trend days its projection needs; its figures equal the full 90-day evaluation's.
    for (const m of ev.monitors)
      expect(get(m.id), m.id).toMatchObject({ value: m.value, status: m.status, limit: m.limit, warning: m.warning, note: m.note, projectedCrossing: m.projectedCrossing });

    // Round trip through the contract (the JSON renderer writes the model itself).
    const json = await renderReport(r, 'json');
    expect(reportResultSchema.parse(JSON.parse(json.bytes.toString('utf8')))).toEqual(r);
  });

  it('a closed period is evaluated on its own last day, not today', async () => {
    const s = complianceOf(await run({ kind: 'month', year: 2024, month: 10 }));
    expect(s.at).toBe('2024-10-31');
    // Not "not over"; the USD deposited on 2024-10-20 has no rate entered: said, not summed.
    expect(s.notes).toEqual(['Some money has no exchange rate into EUR that day and is left out of the ratios: USD.']);
    const get = (id: string) => s.monitors.find((m) => m.id === id);
    expect(get('ctr_large_cash')).toMatchObject({ value: 11, status: 'ok' });
    expect(get('structuring')).toMatchObject({ value: 0, status: 'ok' });
    expect(get('kyc_overdue_all')).toMatchObject({ value: 0, status: 'ok' });
  });

  it('a chosen subset, and a filtered report says the monitors are bank-wide', async () => {
    const s = complianceOf(
      await run(
        { kind: 'month', year: 2024, month: 11 },
        { filters: [{ dimension: 'branch', value: '1' }], sections: [{ kind: 'compliance', id: 'c', title: 'Cash', monitors: ['structuring', 'ctr_large_cash'] }] },
      ),
    );
    expect(s.monitors.map((m) => m.id)).toEqual(['ctr_large_cash', 'structuring']);
    expect(s.counts).toEqual({ breach: 1, warning: 1, ok: 0, unknown: 0 });
    expect(s.notes.join(' ')).toContain('whole bank');
    expect(
      reportDefinitionSchema.safeParse({
        title: 't',
        period: { kind: 'year', year: 2024 },
        sections: [{ kind: 'compliance', id: 'c', title: 'x', monitors: ['npl_ratio', 'npl_ratio'] }],
      }).success,
    ).toBe(false);
  });

  it('the built-in board pack carries it, printed in the PDF, the XLSX and the CSV zip', async () => {
    const r = await run({ kind: 'quarter', year: 2024, quarter: 4 }, { ...QUARTERLY_BOARD_PACK.definition, title: 'Quarterly board pack' });
    const s = complianceOf(r);
    expect(s.id).toBe('compliance-monitors');
    expect(s.at).toBe('2024-11-20');
    expect(s.monitors.find((m) => m.id === 'ctr_large_cash')).toMatchObject({ value: -9, status: 'breach' });

    const text = await pdfText((await renderReport(r, 'pdf')).bytes);
    expect(text).toContain('Compliance monitors at quarter end');
    expect(text).toContain('Large cash reports (CTR)');
    expect(text).toContain('9 days overdue');
    expect(text).toMatch(/1 breach, 1 warning, \d+ within limits, \d+ not computable/);

    const wb = new ExcelJS.Workbook();
    const bytes = (await renderReport(r, 'xlsx')).bytes;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = wb.getWorksheet('Compliance monitors at quart');
    expect(sheet).toBeDefined();
    const rows: ExcelJS.Row[] = [];
    sheet?.eachRow((row) => rows.push(row));
    const ctr = rows.find((row) => row.getCell(1).value === 'Large cash reports (CTR)');
    expect(ctr?.getCell(2).value).toBe('Breach');
    expect(ctr?.getCell(3).value).toBe(-9);
    expect(ctr?.getCell(6).value).toBe('days');
    const structuring = rows.find((row) => row.getCell(1).value === 'Structuring candidates');
    expect(structuring?.getCell(2).value).toBe('Warning');
    expect(structuring?.getCell(3).value).toBe(1);
    expect(structuring?.getCell(3).numFmt).toBe('#,##0');

    const zip = unzipSync((await renderReport(r, 'csv')).bytes);
    const name = Object.keys(zip).find((n) => n.endsWith('-compliance-monitors.csv'));
    expect(name).toBeDefined();
    const csv = strFromU8(zip[name ?? ''] ?? new Uint8Array());
    expect(csv).toContain('Large cash reports (CTR),Breach,-9,0,5,days,,2024-11-20');
    expect(strFromU8(zip['README.txt'] ?? new Uint8Array())).toContain('Compliance monitors at quarter end');
  });
});
