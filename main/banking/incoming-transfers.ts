import type { Kysely, Transaction } from 'kysely';
import type { BankDatabase } from '../source';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

/** One account's side of a journal: what a statement, the customer 360 or an investigation shows. */
export interface SideLine {
  journalId: number;
  accountId: number;
  amount: number;
  description: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
}

/** IN lists stay well under SQLite's and MySQL's parameter limits. */
const CHUNK = 500;

const compact = (s: string): string => s.replace(/\s+/g, '').toUpperCase();

/**
 * A journal records one counterparty: the payee, as the payer entered it. Seen from the payee's own
 * account, that names the account holder themself ("Transfer to Hana / Hana"); the counterparty of an
 * incoming transfer is the payer. For credits whose recorded counterparty is the viewing account, this
 * names the debited account's holder instead, and turns the default "Transfer to <payee>" wording into
 * "Transfer from <payer>". A description the payer typed is theirs and stays as written.
 */
export async function asSeenByPayee<T extends SideLine>(db: Db, lines: T[]): Promise<T[]> {
  const candidates = lines.filter((l) => l.amount > 0 && l.counterpartyAccount !== null);
  if (candidates.length === 0) return lines;
  const journalIds = [...new Set(candidates.map((l) => l.journalId))];
  const legs: { journal_id: number; account_id: number; amount: number; account_no: string; holder: string }[] = [];
  for (let i = 0; i < journalIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('entries as e')
      .innerJoin('accounts as a', 'a.id', 'e.account_id')
      .leftJoin('customers as c', 'c.id', 'a.customer_id')
      .select(['e.journal_id', 'e.account_id', 'e.amount', 'a.account_no', 'a.customer_id', 'c.legal_name', 'a.name'])
      .where('e.journal_id', 'in', journalIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      legs.push({ journal_id: Number(r.journal_id), account_id: Number(r.account_id), amount: Number(r.amount), account_no: r.account_no, holder: r.legal_name ?? r.name });
    }
  }
  const byJournal = new Map<number, typeof legs>();
  for (const l of legs) byJournal.set(l.journal_id, [...(byJournal.get(l.journal_id) ?? []), l]);

  return lines.map((line) => {
    if (line.amount <= 0 || line.counterpartyAccount === null) return line;
    const journal = byJournal.get(line.journalId) ?? [];
    const own = journal.find((l) => l.account_id === line.accountId);
    if (!own || compact(own.account_no) !== compact(line.counterpartyAccount)) return line;
    // The payer: the debited leg (a transfer has exactly one; take the largest debit if ever more).
    const payer = journal.filter((l) => l.amount < 0).sort((a, b) => a.amount - b.amount)[0];
    if (!payer) return line;
    const defaultWording = line.counterpartyName !== null && line.description === `Transfer to ${line.counterpartyName}`;
    return {
      ...line,
      counterpartyName: payer.holder,
      counterpartyAccount: payer.account_no,
      description: defaultWording || line.description === '' ? `Transfer from ${payer.holder}` : line.description,
    };
  });
}
