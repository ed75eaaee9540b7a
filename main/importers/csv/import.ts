import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { appendAudit } from '../../audit';
import { BulkWriter, PostingBook, writeInto, type Channel, type JournalType, type WriteTable } from '../../ledger';
import type { Bank, Row } from '../../source';
import { importInternalAccount } from '../new-rows';
import { BadRows } from '../bad-rows';
import { IdAllocator, nextIds } from '../next-ids';
import { ProgressMeter, type ProgressListener } from '../progress';
import type { ImportSummary } from '../summary';
import { checkRows, signedAmount } from './check-rows';
import { alreadyImported, knownAccounts } from './known-state';
import { newAccountRows } from './new-accounts';
import { readCsvRows } from './read-rows';
import type { TransactionType } from './row-schema';

export interface CsvImportOptions {
  /** Open accounts (and a customer each) for account numbers the bank has not seen. */
  createMissingAccounts?: boolean;
  onProgress?: ProgressListener;
  now?: number;
}

const JOURNAL: Record<TransactionType, { type: JournalType; channel: Channel; description: string }> = {
  deposit: { type: 'deposit', channel: 'branch', description: 'Deposit (imported)' },
  withdrawal: { type: 'withdrawal', channel: 'branch', description: 'Withdrawal (imported)' },
  transfer_out: { type: 'transfer', channel: 'online', description: 'Outgoing transfer (imported)' },
  transfer_in: { type: 'transfer', channel: 'online', description: 'Incoming transfer (imported)' },
  payment: { type: 'payment', channel: 'online', description: 'Payment (imported)' },
  card: { type: 'card', channel: 'card', description: 'Card payment (imported)' },
  fee: { type: 'fee', channel: 'system', description: 'Fee (imported)' },
  interest: { type: 'interest', channel: 'system', description: 'Interest (imported)' },
};

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Imports a canonical transactions CSV (docs/canonical-transactions-csv.md), all or nothing:
 * rows are read and checked against the bank inside one transaction, and only if none is bad
 * are they posted — each row one journal (external_ref = txn_id) between the customer account
 * and this import's own clearing account per currency — with labels, balances and an audit
 * entry, then committed. Throws ImportRejected listing the bad rows otherwise.
 */
export async function importTransactionsCsv(bank: Bank, file: string, opts: CsvImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const now = opts.now ?? Date.now();
  const bad = new BadRows();
  const meter = new ProgressMeter(opts.onProgress);
  const rows = await readCsvRows(file, bad, meter);
  const digest = await sha256(file);
  const batch = `csv-${new Date(now).toISOString().replace(/[-:]|\.\d+/g, '')}-${randomBytes(2).toString('hex')}`;

  const writer = await BulkWriter.begin(bank);
  try {
    meter.report('checking', 0, rows.length);
    const known = await knownAccounts(writer.trx, bank.dialect, [...new Set(rows.map((r) => r.account))]);
    const imported = await alreadyImported(
      writer.trx,
      rows.map((r) => r.txnId),
    );
    const { ordered, newAccounts } = checkRows(rows, known, imported, opts.createMissingAccounts ?? false, bad, now);
    bad.throwIfAny();
    if (ordered.length === 0) throw new Error(`${basename(file)} has a header but no transactions.`);
    meter.report('checking', rows.length, rows.length);

    const ids = new IdAllocator(await nextIds(writer.trx, bank.dialect));
    const created = await newAccountRows(writer.trx, newAccounts, ids, now);
    const branch = created.branches[0]?.id ?? (await writer.trx.selectFrom('branches').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const clearing = new Map<string, number>();
    const firstAt = ordered[0]?.at ?? now;
    for (const c of [...new Set(ordered.map((r) => r.currency))].sort()) {
      const id = ids.take('accounts');
      clearing.set(c, id);
      created.accounts.push(importInternalAccount(id, `Import clearing ${c} (${batch})`, c, Number(branch), firstAt, now));
    }
    const accountId = (account: string): number => known.get(account.toLowerCase())?.id ?? created.idOf.get(account.toLowerCase()) ?? 0;
    // The book writes journals and entries straight into the writer.
    const book = new PostingBook({ journal: ids.peek('journal'), entry: ids.peek('entries') }, (id) => `IM${String(id).padStart(10, '0')}`, writeInto(writer));
    for (const a of known.values()) book.open(a.id, a.balance);
    for (const a of created.accounts) book.open(a.id);

    // New accounts are inserted before their entries (foreign keys), and get their balance at the end.
    for (const r of created.branches) writer.insert('branches', r);
    for (const r of created.products) writer.insert('products', r);
    for (const r of created.customers) writer.insert('customers', r);
    for (const r of created.accounts) writer.insert('accounts', r);
    const labels: Row<'fraud_labels'>[] = [];
    let done = 0;
    for (const t of ordered) {
      const kind = JOURNAL[t.type];
      const account = accountId(t.account);
      const signed = signedAmount(t);
      const journalId = book.post(
        {
          type: kind.type,
          channel: t.channel ?? kind.channel,
          amount: Math.abs(signed),
          currency: t.currency,
          description: kind.description,
          counterpartyName: t.counterpartyName,
          counterpartyAccount: t.counterpartyAccount,
          externalRef: t.txnId,
          idempotencyKey: `import:csv:${t.txnId}`,
          status: 'posted',
          createdBy: 'import:csv',
          legs: [
            { account, amount: signed },
            { account: clearing.get(t.currency) ?? 0, amount: -signed },
          ],
        },
        t.at,
      );
      if (t.label) labels.push({ journal_id: journalId, pattern: t.label, scenario: 0 });
      if (++done % 2_000 === 0) {
        meter.report('writing', done, ordered.length);
        await writer.maybeFlush();
      }
    }
    for (const l of labels) writer.insert('fraud_labels', l);
    await writer.flush();
    const balances = book.finalBalances();
    await writer.setBalances([...known.values(), ...created.accounts].map((a) => ({ id: a.id, balance: balances.get(a.id) ?? 0, updated_at: now })));
    const summary = {
      file: basename(file),
      sha256: digest,
      batch,
      rows: ordered.length,
      accounts_created: newAccounts.length,
      labels: labels.length,
      from: new Date(firstAt).toISOString(),
      to: new Date(ordered.at(-1)?.at ?? firstAt).toISOString(),
      imported_at: new Date(now).toISOString(),
    };
    writer.insert('bank_meta', { key: `import:${batch}`, value: JSON.stringify(summary) });
    await writer.flush();
    await appendAudit(writer.trx, bank.dialect, { actor: 'import:csv', action: 'import.transactions', entity: 'journal', entityId: batch, details: summary }, now);
    const rowsWritten: Partial<Record<WriteTable, number>> = { ...writer.counts };
    await writer.commit();
    meter.report('done', ordered.length, ordered.length);
    return {
      source: basename(file),
      seconds: Math.round(performance.now() - started) / 1000,
      rows: rowsWritten,
      notes: [
        `Batch ${batch}: counter-entries are on "Import clearing <currency> (${batch})"; bank_meta import:${batch} records the file (sha256 ${digest.slice(0, 12)}…).`,
        ...(newAccounts.length ? [`${newAccounts.length} account(s) opened, each for a placeholder customer (KYC pending).`] : []),
      ],
    };
  } catch (e) {
    await writer.rollback();
    throw e;
  }
}
