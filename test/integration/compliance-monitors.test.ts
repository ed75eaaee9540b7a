import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankDayOf, parseDayIso } from '../../shared/bank-time';
import type { CallContext } from '../../main/dispatch';
import { createCompliance, computeCtr } from '../../main/compliance';
import { IN_THREAD, metricStore } from '../../main/metrics';
import type { Bank } from '../../main/source';
import { freshBank } from '../support/banks';
import { loadComplianceFixture } from '../support/compliance-fixture';
import { refused } from '../support/refused';

/**
 * The compliance capability over the real metric layer, on the embedded bank and on MariaDB, against
 * the hand-computed fixture in test/support/compliance-fixture.ts.
 */
const NOW = Date.parse('2024-11-20T12:00:00Z');
const ctx = (username: string): CallContext => ({ session: { token: 't', userId: 1, username, role: 'compliance_officer' }, transport: 'test', origin: 'test' });

describe.each(['sqlite', 'mysql'] as const)('compliance on %s', (engine) => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  const deps = () => ({ bank, store: () => metricStore(bank, null, NOW), runner: IN_THREAD, readSide: () => ({ bank, asOf: null }), offline: () => false, clock: () => NOW });

  beforeAll(async () => {
    const fresh = await freshBank(engine, 'compliance');
    bank = fresh.bank;
    dispose = fresh.dispose;
    await loadComplianceFixture(bank);
  });
  afterAll(async () => dispose());

  it('rates wait for a second person; the same person cannot approve their own change', async () => {
    const c = createCompliance(deps());
    const p = await c.handlers['compliance.changes.propose'](
      { proposal: { kind: 'rate', currency: 'USD', day: '2024-11-01', rate: '0.9' }, reason: 'ECB reference rate' },
      ctx('clara'),
    );
    expect(p.status).toBe('pending');
    const none = await computeCtr(await metricStore(bank, null, NOW), IN_THREAD, '2024-11-06', '2024-11-07');
    expect(none).toEqual([]); // no rate yet: the USD cash is listed apart, nothing reportable
    expect((await refused(c.handlers['compliance.changes.approve']({ id: p.id }, ctx('clara')))).code).toBe('FORBIDDEN');
    const again = await refused(
      c.handlers['compliance.changes.propose']({ proposal: { kind: 'rate', currency: 'USD', day: '2024-11-01', rate: '0.95' }, reason: 'second try' }, ctx('olga')),
    );
    expect(again.code).toBe('CONFLICT');
    const approved = await c.handlers['compliance.changes.approve']({ id: p.id }, ctx('olga'));
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'olga', requestedBy: 'clara' });
    expect((await refused(c.handlers['compliance.changes.approve']({ id: p.id }, ctx('petr')))).code).toBe('CONFLICT');
    const audit = await bank.db.selectFrom('audit_log').select(['action', 'actor']).where('entity', '=', 'pending_change').orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'compliance.change_proposed', actor: 'clara' },
      { action: 'compliance.change_approved', actor: 'olga' },
    ]);
  });

  it('reports a customer-day over the threshold in the bank zone (25-hour day), at the day’s rate, one per customer and day', async () => {
    const store = await metricStore(bank, null, NOW);
    const rows = await computeCtr(store, IN_THREAD, '2024-10-01', '2024-11-20');
    expect(rows.map((r) => ({ customer: r.customerId, day: r.day, cashIn: r.cashIn, cashOut: r.cashOut, due: r.dueDay, refs: r.transactions.map((t) => t.reference) }))).toEqual([
      { customer: 1, day: parseDayIso('2024-10-27'), cashIn: 1_000_001, cashOut: 0, due: parseDayIso('2024-11-11'), refs: ['TX1', 'TX2'] },
      { customer: 3, day: parseDayIso('2024-11-06'), cashIn: 1_040_000, cashOut: 0, due: parseDayIso('2024-11-21'), refs: ['TX7', 'TX8'] },
    ]);
    expect(rows[0]?.transactions.map((t) => t.externalRef)).toEqual(['EXT1', 'EXT2']);
    expect(rows[1]?.transactions.find((t) => t.currency === 'USD')?.converted).toBe(540_000);
  });

  it('generates, lists, files and exports the reports; evaluates CTR and structuring monitors', async () => {
    const c = createCompliance(deps());
    const gen = await c.handlers['compliance.ctr.generate']({ from: '2024-10-01', to: '2024-11-20' }, ctx('clara'));
    expect(gen).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await c.handlers['compliance.ctr.generate']({ from: '2024-10-01', to: '2024-11-20' }, ctx('clara'))).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const list = await c.handlers['compliance.ctr.list']({ from: '2024-10-01', to: '2024-11-20' }, ctx('clara'));
    expect(list.reports.map((r) => [r.customerNo, r.day, r.status])).toEqual([
      ['C1', '2024-10-27', 'overdue'],
      ['C3', '2024-11-06', 'due'],
    ]);
    const ev = await c.handlers['compliance.evaluate']({ at: '2024-11-20' }, ctx('clara'));
    const ctr = ev.monitors.find((m) => m.id === 'ctr_large_cash');
    // 2024-11-11 was due 9 days before 2024-11-20: −9, a breach.
    expect(ctr).toMatchObject({ value: -9, status: 'breach' });
    const structuring = ev.monitors.find((m) => m.id === 'structuring');
    expect(structuring).toMatchObject({ value: 1, status: 'warning' });
    expect(ev.monitors[0]?.status).toBe('breach'); // sorted by urgency
    expect(ev.monitors.find((m) => m.id === 'capital_ratio')).toMatchObject({ status: 'unknown', value: null });
    const overdue = list.reports[0];
    if (!overdue) throw new Error('no report');
    await c.handlers['compliance.ctr.file']({ ids: [overdue.id], reference: 'BSA-2024-0001' }, ctx('clara'));
    expect((await refused(c.handlers['compliance.ctr.file']({ ids: [overdue.id], reference: 'BSA-2024-0002' }, ctx('clara')))).code).toBe('CONFLICT');
    const after = await c.handlers['compliance.evaluate']({ at: '2024-11-20' }, ctx('clara'));
    expect(after.monitors.find((m) => m.id === 'ctr_large_cash')).toMatchObject({ value: 1, status: 'warning' }); // 2024-11-21 tomorrow
    const csv = Buffer.from((await c.handlers['compliance.ctr.export']({ from: '2024-10-01', to: '2024-11-20', format: 'csv' }, ctx('clara'))).base64, 'base64').toString('utf8');
    expect(csv.split('\r\n')[1]).toContain(
      'C1,Customer 1,1980-01-01,N1,"Street 1, Brno",2024-10-27,EUR,10000.01,0.00,10000.01,ACC1,TX1 TX2,EXT1 EXT2,,2024-11-11,filed,BSA-2024-0001',
    );
    const json = JSON.parse(
      Buffer.from((await c.handlers['compliance.ctr.export']({ from: '2024-10-01', to: '2024-11-20', format: 'json' }, ctx('clara'))).base64, 'base64').toString('utf8'),
    ) as { threshold: unknown; reports: { cashIn: unknown }[] };
    expect(json.threshold).toEqual({ amount: '10000.00', currency: 'EUR', rule: 'more than' });
    expect(json.reports[1]?.cashIn).toEqual({ amount: '10400.00', currency: 'EUR' });
  });

  it('limits change only after approval and apply to the evaluation', async () => {
    const c = createCompliance(deps());
    const before = (await c.handlers['compliance.evaluate']({ at: '2024-11-20' }, ctx('clara'))).monitors.find((m) => m.id === 'kyc_overdue_all');
    // Customers 2 (review 2024-11-10) and 3 (2024-11-01) are overdue on 2024-11-20.
    expect(before).toMatchObject({ value: 2, status: 'ok', limit: 200, limitVersion: 0 });
    const p = await c.handlers['compliance.changes.propose'](
      { proposal: { kind: 'limit', monitor: 'kyc_overdue_all', limit: '2', warning: '1' }, reason: 'Tighter after the audit' },
      ctx('clara'),
    );
    expect((await c.handlers['compliance.evaluate']({ at: '2024-11-20' }, ctx('clara'))).monitors.find((m) => m.id === 'kyc_overdue_all')?.limit).toBe(200);
    await c.handlers['compliance.changes.approve']({ id: p.id }, ctx('olga'));
    expect((await c.handlers['compliance.evaluate']({ at: '2024-11-20' }, ctx('clara'))).monitors.find((m) => m.id === 'kyc_overdue_all')).toMatchObject({
      limit: 2,
      warning: 1,
      limitVersion: 1,
      status: 'warning',
    });
    const bad = await refused(
      c.handlers['compliance.changes.propose']({ proposal: { kind: 'limit', monitor: 'kyc_overdue_all', limit: '2', warning: '5' }, reason: 'warning above limit' }, ctx('clara')),
    );
    expect(bad.code).toBe('VALIDATION');
  });

  it('bank-input monitors: capital ratio, liquidity coverage, alert backlog — hand-computed', async () => {
    const c = createCompliance(deps());
    for (const [key, value] of [
      ['cet1_capital', '45000.00'],
      ['risk_weighted_assets', '500000.00'],
      ['liquid_assets', '100000.00'],
      ['liquid_assets_haircut', '0.1'],
    ] as const) {
      const p = await c.handlers['compliance.changes.propose']({ proposal: { kind: 'input', key, value, effectiveDay: '2024-08-01' }, reason: 'Quarterly figures' }, ctx('clara'));
      await c.handlers['compliance.changes.approve']({ id: p.id }, ctx('olga'));
    }
    // Alerts: one undecided for more than 72 h at the end of 2024-11-20 (Prague), one younger, one decided.
    const alert = (id: number, detected: string, disposed: string | null) => ({
      id,
      alert_key: `k${id}`,
      rule_id: 'r',
      rule_version: 1,
      account_id: 1,
      customer_id: 1,
      risk_score: 50,
      status: disposed ? ('dismissed' as const) : ('new' as const),
      assignee: null,
      explanation: '{}',
      detected_at: Date.parse(detected),
      updated_at: NOW,
      amount: 0,
      currency: 'EUR',
      txn_count: 0,
      branch_id: 1,
      disposed_by: null,
      disposed_at: disposed ? Date.parse(disposed) : null,
      dismiss_reason: null,
      disposition_comment: null,
    });
    await bank.db
      .insertInto('fraud_alerts')
      .values([alert(1, '2024-11-16T10:00:00Z', null), alert(2, '2024-11-18T12:00:00Z', null), alert(3, '2024-11-10T10:00:00Z', '2024-11-15T10:00:00Z')])
      .execute();
    const ev = await c.handlers['compliance.evaluate']({ at: '2024-11-20' }, ctx('clara'));
    const get = (id: string) => ev.monitors.find((m) => m.id === id);
    // 45,000.00 / 500,000.00 = 9 %: above the 8.5 % warning edge, ok.
    expect(get('capital_ratio')).toMatchObject({ value: 0.09, status: 'ok' });
    expect(get('fraud_alert_backlog')).toMatchObject({ value: 1, status: 'ok' });
    // Deposits at the end of 2024-11-20: EUR −9,999.99 + 23,000.00 + 5,000.00 + 19,400.00 = 37,400.01 and
    // USD 26,000.00 at 0.9 = 23,400.00 → 60,800.01 EUR. Run-off 10 % = 6,080.001; the last 30 days brought
    // more cash in than out, so that is the outflow. LCR = 100,000.00 × 0.9 / 6,080.001.
    expect(get('liquidity_coverage')?.value).toBeCloseTo(9_000_000 / 608_000.1, 6);
    expect(get('liquidity_coverage')?.status).toBe('ok');
  });

  it('tasks and their changes apply once per idempotency key', async () => {
    const c = createCompliance(deps());
    const key = 'task-key-0000000001';
    const a = await c.handlers['compliance.tasks.create'](
      {
        monitorId: 'structuring',
        title: 'Call customer 4',
        owner: 'clara',
        dueDay: '2024-11-25',
        links: { customers: [4], accounts: [5], transactions: ['TX10', 'TX11'] },
        note: 'Two deposits just under',
        idempotencyKey: key,
      },
      ctx('clara'),
    );
    const b = await c.handlers['compliance.tasks.create'](
      {
        monitorId: 'structuring',
        title: 'Call customer 4',
        owner: 'clara',
        dueDay: '2024-11-25',
        links: { customers: [4], accounts: [5], transactions: ['TX10', 'TX11'] },
        note: 'Two deposits just under',
        idempotencyKey: key,
      },
      ctx('clara'),
    );
    expect(a.taskId).toBe(b.taskId);
    const id = a.taskId as number;
    await c.handlers['compliance.tasks.update']({ id, status: 'in_progress', note: 'Called, no answer', idempotencyKey: 'task-key-0000000002' }, ctx('clara'));
    await c.handlers['compliance.tasks.update']({ id, status: 'in_progress', note: 'Called, no answer', idempotencyKey: 'task-key-0000000002' }, ctx('clara'));
    const { tasks } = await c.handlers['compliance.tasks.list']({}, ctx('clara'));
    expect(tasks.find((t) => t.id === id)).toMatchObject({ status: 'in_progress', notes: [{ text: 'Two deposits just under' }, { text: 'Called, no answer' }] });
  });
});

it('bank day of the fixture’s DST deposits', () => {
  expect(bankDayOf(Date.parse('2024-10-26T22:30:00Z'), 'Europe/Prague')).toBe(parseDayIso('2024-10-27'));
  expect(bankDayOf(Date.parse('2024-10-27T22:59:00Z'), 'Europe/Prague')).toBe(parseDayIso('2024-10-27'));
});
