import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanLegalName } from '../../main/customers/identity-keys';
import { searchCustomers } from '../../main/customers';
import { importTransactionsCsv } from '../../main/importers';
import { checkLedger, type LedgerReport } from '../../main/ledger';
import type { Runtime } from '../../main/runtime';
import type { Bank } from '../../main/source';
import { dispatcherClient, demoRuntime } from '../support/demo-runtime';
import { INJECTION_CORPUS } from '../support/injection-corpus';
import { pdfText } from '../support/pdf-text';
import { tempDir } from '../support/temp';

/**
 * Issue 14, the injection corpus (test/support/injection-corpus.ts: SQL, spreadsheet formulas, HTML,
 * look-alike and bidirectional Unicode) sent through every free-text field a user or a file fills —
 * customer names, addresses, occupations, payment descriptions, case notes, beneficiary names, the
 * search box, explorer filters and sort keys, the CSV importer's counterparty — on the real MariaDB
 * bank and the SQLite cache. It must stay data: stored and read back as typed (names cleaned of
 * invisible format characters), no extra rows found, no table touched; the CSV and XLSX exports
 * start formula text with an apostrophe; the statement PDF prints markup as text.
 */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;
const DAY = 86_400_000;

describe('the injection corpus stays data (MariaDB bank, SQLite cache)', () => {
  const dir = tempDir('cbinject-');
  let bank: Bank;
  let dispose: () => Promise<void>;
  let runtime: Runtime;
  const tokens = new Map<string, string>();
  const { call, ok, signInAs } = dispatcherClient(() => runtime, tokens);
  const registered: Array<{ id: number; sent: string }> = [];
  let account: { id: number; currency: string; accountNo: string };

  type Counts = Record<'customers' | 'staff_users' | 'accounts' | 'journal' | 'entries' | 'audit_log', number>;
  const tableCounts = async (): Promise<Counts> => {
    const out: Counts = { customers: 0, staff_users: 0, accounts: 0, journal: 0, entries: 0, audit_log: 0 };
    for (const t of Object.keys(out) as Array<keyof Counts>) out[t] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(bank.db)).rows[0]?.n);
    return out;
  };

  beforeAll(async () => {
    ({ bank, dispose, runtime } = await demoRuntime('mysql', 'cbinject', dir.path));
    await signInAs('teller', 'manager', 'analyst');
    const a = await bank.db
      .selectFrom('accounts')
      .select(['id', 'currency', 'account_no'])
      .where('kind', '=', 'customer')
      .where('status', '=', 'open')
      .orderBy('balance', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    account = { id: Number(a.id), currency: a.currency, accountNo: a.account_no };
  }, 180_000);
  afterAll(async () => {
    await runtime?.close();
    await dispose?.();
    dir.remove();
  });

  it('customer fields: every entry is stored and read back as typed, no table is dropped, no staff row leaks', async () => {
    const before = await tableCounts();
    let i = 0;
    for (const c of INJECTION_CORPUS) {
      i++;
      // The legal name needs two words and a letter; the rest of the entry rides along as typed.
      const legalName = `Ana ${c.text}`.slice(0, 160);
      const r = await call('teller', 'customers.register', {
        legalName,
        dateOfBirth: `1970-01-${String(i).padStart(2, '0')}`,
        gender: 'F',
        nationalId: `INJ${1000 + i}`,
        address: c.text,
        city: `City ${c.text}`.slice(0, 80),
        phone: `+420 700 ${String(100000 + i)}`,
        email: `inj${i}@example.com`,
        occupation: c.text.slice(0, 80),
        riskRating: 'low',
        kycStatus: 'pending',
        kycNextReview: '2027-01-01',
        preferredChannel: 'email',
        branchId: 1,
        confirmDuplicate: true,
      });
      expect(r.ok, `${c.family} ${JSON.stringify(c.text)}: ${r.ok ? '' : r.error.code + ' ' + r.error.message}`).toBe(true);
      if (!r.ok) continue;
      const { id } = r.result as { id: number };
      registered.push({ id, sent: c.text });
      const row = await bank.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.legal_name).toBe(cleanLegalName(legalName));
      expect(row.address).toBe(c.text.trim());
      expect(row.occupation).toBe(c.text.slice(0, 80).trim());
    }
    const after = await tableCounts();
    expect(after.customers).toBe(before.customers + INJECTION_CORPUS.length);
    expect(after.staff_users).toBe(before.staff_users);
    // A right-to-left override or zero-width character never reaches a stored name (display spoofing).
    const names = await bank.db.selectFrom('customers').select('legal_name').where('national_id', 'like', 'INJ%').execute();
    for (const n of names) expect(n.legal_name).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u);
  });

  it('search: the corpus finds only what it names, on the bank (MariaDB) and through the dispatcher (cache)', async () => {
    const all = await tableCounts();
    for (const c of INJECTION_CORPUS) {
      const query = c.text.slice(0, 80);
      const onBank = await searchCustomers(bank, query, 50);
      // Never the whole book: an injected OR 1=1 or a LIKE wildcard would answer with (nearly) everyone.
      expect(onBank.length, `${JSON.stringify(query)} on MariaDB`).toBeLessThan(Math.min(all.customers, 50));
      const viaApi = await call('teller', 'customers.search', { query, limit: 50 });
      if (viaApi.ok) expect((viaApi.result as unknown[]).length).toBeLessThan(Math.min(all.customers, 50));
      else expect(viaApi.error.code).toBe('VALIDATION');
    }
    expect(await searchCustomers(bank, '%%', 50)).toEqual([]);
    expect(await searchCustomers(bank, '__', 50)).toEqual([]);
    expect(await tableCounts()).toEqual(all);
  });

  it('payment descriptions and beneficiary names: stored as typed; the statement CSV defuses formulas, the PDF prints markup as text', async () => {
    const from = Date.now() - DAY;
    let n = 0;
    for (const c of INJECTION_CORPUS) {
      const description = c.text.slice(0, 140);
      const r = await ok<{ reference: string }>('teller', 'ops.submit', {
        operation: { kind: 'deposit', accountId: account.id, amount: '1.00', currency: account.currency, description },
        idempotencyKey: `inject-dep-${String(++n).padStart(4, '0')}-${Date.now()}`,
      });
      const j = await bank.db.selectFrom('journal').select('description').where('reference', '=', r.reference).executeTakeFirstOrThrow();
      expect(j.description).toBe(description.trim());
    }
    const ext = await call('teller', 'ops.submit', {
      operation: {
        kind: 'external_transfer',
        fromAccountId: account.id,
        beneficiaryIban: 'CZ8527000000001234567899',
        beneficiaryName: '=HYPERLINK("http://x") \'; DROP TABLE journal; --',
        amount: '1.00',
        currency: account.currency,
        description: '<script>window.__pwned=1</script>',
      },
      idempotencyKey: `inject-ext-${Date.now()}`,
    });
    // Posted, or refused for a banking reason — never a server error.
    if (!ext.ok) expect(ext.error.code).not.toBe('INTERNAL');
    expect(ledgerHolds(await checkLedger(bank))).toBe(true);

    const span = { accountId: account.id, from, to: Date.now() + DAY, timeZone: 'UTC' };
    const csv = Buffer.from((await ok<{ base64: string }>('teller', 'statements.export', { ...span, format: 'csv' })).base64, 'base64').toString('utf8');
    const cells = csvCells(csv);
    for (const c of INJECTION_CORPUS.filter((x) => x.family === 'formula')) {
      const cell = cells.find((v) => v.includes(c.text.slice(1, 20)));
      expect(cell, `the statement CSV lists ${c.text}`).toBeDefined();
      expect(cell?.startsWith("'"), `formula defused: ${cell}`).toBe(true);
    }
    for (const v of cells) expect(FORMULA_START.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v), `a live formula: ${v}`).toBe(false);

    const pdf = Buffer.from((await ok<{ base64: string }>('teller', 'statements.export', { ...span, format: 'pdf' })).base64, 'base64');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('<img src=x');
    expect(text).toContain('<script>');
  });

  it('case notes keep markup and SQL as text', async () => {
    const alert = await bank.db.selectFrom('fraud_alerts').select('id').limit(1).executeTakeFirstOrThrow();
    let n = 0;
    for (const c of INJECTION_CORPUS)
      await ok('analyst', 'alerts.addNote', { id: Number(alert.id), text: c.text, idempotencyKey: `inject-note-${String(++n).padStart(4, '0')}-${Date.now()}` });
    const notes = await bank.db.selectFrom('fraud_alert_notes').select('text').where('alert_id', '=', alert.id).execute();
    for (const c of INJECTION_CORPUS) expect(notes.map((x) => x.text)).toContain(c.text.trim());
  });

  it('explorer filters and sort keys: refused or matched as values, never run; exports defuse the filter text', async () => {
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 120 * DAY).toISOString().slice(0, 10);
    const before = await tableCounts();
    for (const c of INJECTION_CORPUS) {
      const value = c.text.slice(0, 100);
      for (const dimension of ['branch', 'channel', 'product'] as const) {
        const q = await call('manager', 'metrics.query', { metric: 'transactions_count', from, to, filters: [{ dimension, value }] });
        if (q.ok) {
          const total = (q.result as { series: Array<{ value: number | null }> }).series?.reduce((s, p) => s + (p.value ?? 0), 0) ?? 0;
          expect(total, `${dimension} = ${JSON.stringify(value)} matched rows`).toBe(0);
        } else expect(q.error.code, q.error.message).toBe('VALIDATION');
      }
      const rows = await call('manager', 'metrics.rows', { metric: 'transactions_volume', from, to, sort: c.text.slice(0, 40), limit: 5 });
      if (!rows.ok) expect(rows.error.code, rows.error.message).toBe('VALIDATION');
    }
    // The audit sealer seals earlier writes in the background; the data tables must not move.
    expect({ ...(await tableCounts()), audit_log: 0 }).toEqual({ ...before, audit_log: 0 });

    const formula = '=HYPERLINK("http://evil.example","x")';
    const query = { metric: 'transactions_count', from, to, filters: [{ dimension: 'channel', value: formula }] };
    const csvFile = await ok<{ base64: string }>('manager', 'metrics.export', { query, format: 'csv' });
    {
      const text = Buffer.from(csvFile.base64, 'base64').toString('utf8');
      // The filter is echoed (inside the Filters line), never at the start of a cell.
      expect(csvCells(text).some((v) => v.includes('HYPERLINK'))).toBe(true);
      for (const v of csvCells(text)) expect(FORMULA_START.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v), `a live formula: ${v}`).toBe(false);
      const xlsx = await ok<{ base64: string }>('manager', 'metrics.export', { query, format: 'xlsx' });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.formula ?? null).toBeNull();
            if (typeof cell.value === 'string') expect(FORMULA_START.test(cell.value), `live formula text in XLSX: ${cell.value}`).toBe(false);
          }),
        ),
      );
    }
  });

  it('the CSV importer keeps a hostile counterparty as text', async () => {
    const header = 'txn_id,timestamp,account,counterparty,type,channel,amount,currency,balance_after,label';
    const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
    // The ledger only appends: the rows come after the account's last entry.
    const last = await bank.db
      .selectFrom('entries')
      .select((eb) => eb.fn.max('booked_at').as('at'))
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    const start = Number(last?.at ?? Date.now()) + 1000;
    const lines = INJECTION_CORPUS.map(
      (c, i) => `inject:${i},${new Date(start + i * 1000).toISOString()},${account.accountNo},${quote(c.text.slice(0, 120))},card,,0.01,${account.currency},,`,
    );
    const path = join(dir.path, 'inject.csv');
    writeFileSync(path, [header, ...lines].join('\r\n') + '\r\n');
    const before = await tableCounts();
    await importTransactionsCsv(bank, path).catch((e: unknown) => {
      throw new Error(`${String(e)} ${JSON.stringify((e as { badRows?: unknown }).badRows)}`);
    });
    const js = await bank.db.selectFrom('journal').select(['external_ref', 'counterparty_name']).where('external_ref', 'like', 'inject:%').execute();
    expect(js).toHaveLength(INJECTION_CORPUS.length);
    for (const [i, c] of INJECTION_CORPUS.entries()) expect(js.find((j) => j.external_ref === `inject:${i}`)?.counterparty_name).toBe(c.text.slice(0, 120).trim());
    expect((await tableCounts()).staff_users).toBe(before.staff_users);
    expect(ledgerHolds(await checkLedger(bank))).toBe(true);
  });
});

/** Every journal balanced, every balance the sum of its entries. */
const ledgerHolds = (r: LedgerReport): boolean => r.unbalancedJournals === 0 && r.journalsWithoutEntries === 0 && r.amountMismatches === 0 && r.balanceMismatches === 0;

/** The fields of an RFC 4180 CSV (quoted fields with "" and line breaks), after a byte-order mark. */
function csvCells(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n' || ch === '\r') {
      if (ch !== '\n' || s[i - 1] !== '\r') out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
