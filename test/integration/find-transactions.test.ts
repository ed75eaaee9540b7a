import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTransactions } from '../../main/banking';
import { generateDemoBank } from '../../main/demo';
import { type Bank } from '../../main/source';
import { freshBank, TINY_DEMO, type Engine } from '../support/banks';
import { alertNumberOf } from '../../renderer/src/shell/palette-patterns';

const ENGINES: { name: string; engine: Engine }[] = [
  { name: 'embedded SQLite', engine: 'sqlite' },
  { name: 'MariaDB', engine: 'mysql' },
];

/** Issue 16, command palette: transactions by bank or external reference, alerts by number. */
describe.each(ENGINES)('transactions.find on $name', (engine) => {
  let bank: Bank;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ bank, dispose } = await freshBank(engine.engine, 'cbfind'));
    await generateDemoBank(bank, { ...TINY_DEMO, end: Date.UTC(2026, 10, 20, 12, 0, 0) });
  }, 120_000);
  afterAll(async () => dispose());

  it('finds a transaction by its bank reference and names the paying customer account', async () => {
    const j = await bank.db
      .selectFrom('journal')
      .innerJoin('entries', 'entries.journal_id', 'journal.id')
      .innerJoin('accounts', 'accounts.id', 'entries.account_id')
      .select(['journal.id', 'journal.reference', 'accounts.id as accountId'])
      .where('accounts.kind', '=', 'customer')
      .where('entries.amount', '<', 0)
      .where('journal.type', '=', 'withdrawal')
      .orderBy('journal.id')
      .executeTakeFirstOrThrow();
    const hits = await findTransactions(bank.db, ` ${j.reference} `, 5);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ journalId: Number(j.id), reference: j.reference, accountId: Number(j.accountId) });
  });

  it('finds one by its external reference, exactly, and nothing for a fragment', async () => {
    const j = await bank.db.selectFrom('journal').select(['id', 'external_ref']).where('external_ref', 'is not', null).orderBy('id').executeTakeFirst();
    if (!j?.external_ref) {
      // The generator gives card payments and wires external references; a bank without them has nothing to find.
      expect(await findTransactions(bank.db, 'NO-SUCH-REF', 5)).toEqual([]);
      return;
    }
    const hits = await findTransactions(bank.db, j.external_ref, 5);
    expect(hits.map((h) => h.journalId)).toContain(Number(j.id));
    expect(await findTransactions(bank.db, j.external_ref.slice(0, -1), 5)).not.toContainEqual(expect.objectContaining({ journalId: Number(j.id) }));
  });
});

describe('palette alert numbers', () => {
  it('reads #22, alert 22 and Alert #22; not account numbers or plain words', () => {
    expect(alertNumberOf('#22')).toBe(22);
    expect(alertNumberOf('alert 22')).toBe(22);
    expect(alertNumberOf('Alert #22')).toBe(22);
    expect(alertNumberOf('22')).toBeNull();
    expect(alertNumberOf('alerts')).toBeNull();
  });
});
