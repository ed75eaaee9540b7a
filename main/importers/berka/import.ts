import { performance } from 'node:perf_hooks';
import { basename, resolve } from 'node:path';
import { appendAudit } from '../../audit';
import { BulkWriter, type WriteRow, type WriteTable } from '../../ledger';
import type { Kysely } from 'kysely';
import type { Bank, BankDatabase, Row } from '../../source';
import { BadRows } from '../bad-rows';
import { missingMeta } from '../bank-meta';
import { IdAllocator, nextIds } from '../next-ids';
import { ProgressMeter, type ProgressListener } from '../progress';
import type { ImportSummary } from '../summary';
import { buildAccounts, buildCards } from './accounts';
import { postBerkaLedger } from './ledger';
import { loadBerkaFiles } from './load';
import { buildLoans, STATUS_AS_OF } from './loans';
import { BERKA_IMPORT_KEY, berkaMetaRows } from './meta';
import { buildParties } from './parties';
import { indexBerka } from './references';

async function refuseSecondImport(bank: Bank, db: Kysely<BankDatabase>): Promise<void> {
  const done = await db.selectFrom('bank_meta').select('value').where('key', '=', BERKA_IMPORT_KEY).executeTakeFirst();
  if (done)
    throw new Error(`${bank.describe} already holds the Berka data set (imported ${/"imported_at":"([^"]+)"/.exec(done.value)?.[1] ?? 'before'}); importing it twice is refused.`);
}

export interface BerkaImportOptions {
  /** Refuse Berka's ±0.10 CZK balance rounding too, instead of booking rounding adjustments. */
  strictBalances?: boolean;
  onProgress?: ProgressListener;
  /** The import's own instant (updated_at of every row, so workstation caches pick the rows up). */
  now?: number;
}

/**
 * Loads the Berka data set (district, account, client, disp, order, loan, card and one trans*.asc
 * file) into the bank, all or nothing: files are read and checked first, then everything is
 * posted in memory and written in one transaction with its audit entry. Throws ImportRejected
 * listing bad rows, or an Error when the folder or the bank is not fit for it.
 */
export async function importBerka(bank: Bank, dir: string, opts: BerkaImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const now = opts.now ?? Date.now();
  const bad = new BadRows();
  const meter = new ProgressMeter(opts.onProgress);
  await refuseSecondImport(bank, bank.db); // early, to spare reading the files; checked again in the transaction
  const files = await loadBerkaFiles(dir, bad, meter);
  const index = indexBerka(files, bad);

  // Bad rows so far do not stop here: posting the ledger (in memory) finds the balance problems
  // too, so one run reports everything; nothing is written while any row is bad.
  const writer = await BulkWriter.begin(bank);
  try {
    await refuseSecondImport(bank, writer.trx);
    meter.report('checking', 0, files.trans.length);
    const ids = new IdAllocator(await nextIds(writer.trx, bank.dialect));
    const parties = buildParties(files, index, ids, now);
    const accounts = buildAccounts(index, parties, ids, now);
    const cards = buildCards(files, index, parties, accounts, ids, now);
    const { ledger, book } = postBerkaLedger(files, accounts, { journal: ids.peek('journal'), entry: ids.peek('entries') }, bad, opts.strictBalances ?? false);
    bad.throwIfAny();
    meter.report('checking', files.trans.length, files.trans.length);
    const { loans, repayments } = buildLoans(files, index, parties, accounts, ledger, ids, now);
    for (const a of accounts.rows) a.balance = book.balanceOf(a.id);

    const summary = {
      source: resolve(dir),
      trans_file: files.transFile,
      imported_at: new Date(now).toISOString(),
      loan_status_as_of: STATUS_AS_OF,
      window: ledger.window && { from: new Date(ledger.window.from).toISOString().slice(0, 10), to: new Date(ledger.window.to).toISOString().slice(0, 10) },
      rounding_adjustments: ledger.roundingAdjustments,
      counts: {
        districts: files.districts.length,
        accounts: files.accounts.length,
        clients: files.clients.length,
        dispositions: files.disps.length,
        orders: files.orders.length,
        loans: files.loans.length,
        cards: files.cards.length,
        transactions: files.trans.length,
      },
    };
    const meta: Row<'bank_meta'>[] = [
      ...(await missingMeta(writer.trx, [
        { key: 'bank_name', value: 'CloudBank (Berka data set)' },
        { key: 'base_currency', value: 'CZK' },
        { key: 'timezone', value: 'Europe/Prague' },
      ])),
      ...berkaMetaRows(files, index, accounts),
      { key: BERKA_IMPORT_KEY, value: JSON.stringify(summary) },
    ];

    const total =
      parties.branches.length +
      parties.products.length +
      parties.customers.length +
      accounts.rows.length +
      ledger.journals.length +
      ledger.entries.length +
      cards.length +
      loans.length +
      repayments.length +
      meta.length;
    let written = 0;
    const write = async <T extends WriteTable>(table: T, rows: ReadonlyArray<WriteRow<T>>): Promise<void> => {
      for (const r of rows) {
        writer.insert(table, r);
        if (++written % 2_000 === 0) {
          meter.report('writing', written, total);
          await writer.maybeFlush();
        }
      }
    };
    await write('branches', parties.branches);
    await write('products', parties.products);
    await write('customers', parties.customers);
    await write('accounts', accounts.rows);
    await write('journal', ledger.journals);
    await write('entries', ledger.entries);
    await write('cards', cards);
    await write('loans', loans);
    await write('loan_repayments', repayments);
    await write('bank_meta', meta);
    await writer.flush();
    meter.report('writing', total, total);
    await appendAudit(writer.trx, bank.dialect, { actor: 'import:berka', action: 'import.berka', entity: 'bank', details: { ...summary, rows: writer.counts } }, now);
    await writer.commit();
    meter.report('done', total, total);
    return {
      source: basename(resolve(dir)),
      seconds: Math.round(performance.now() - started) / 1000,
      rows: { ...writer.counts },
      notes: [
        ...(ledger.roundingAdjustments
          ? [
              `${ledger.roundingAdjustments.toLocaleString('en')} balances in the file differ from the running balance by 0.10 CZK (the source's own rounding): each is booked as a rounding adjustment (external_ref berka-rounding:<trans_id>) against "Berka rounding differences", so every balance matches the file.`,
            ]
          : []),
        ...(ledger.zeroAmounts
          ? [`${ledger.zeroAmounts.toLocaleString('en')} transactions of 0 CZK move no money: no journal is booked for them (their balances were checked).`]
          : []),
        `Standing orders and DISPONENT dispositions are in bank_meta (keys berka:account:<Berka account id>); the schema has no tables for them.`,
        `Loan statuses are as of ${STATUS_AS_OF}; instalments are derived from the status and the loan payments in the transaction file (see main/importers/berka/loans.ts).`,
      ],
    };
  } catch (e) {
    await writer.rollback();
    throw e;
  }
}
