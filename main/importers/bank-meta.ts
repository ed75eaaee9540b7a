import type { Transaction } from 'kysely';
import type { BankDatabase, Row } from '../source';

/** bank_meta rows to add only where the key is not set yet (an import never renames an existing bank). */
export async function missingMeta(trx: Transaction<BankDatabase>, wanted: ReadonlyArray<Row<'bank_meta'>>): Promise<Row<'bank_meta'>[]> {
  if (wanted.length === 0) return [];
  const have = await trx
    .selectFrom('bank_meta')
    .select('key')
    .where(
      'key',
      'in',
      wanted.map((w) => w.key),
    )
    .execute();
  const present = new Set(have.map((h) => h.key));
  return wanted.filter((w) => !present.has(w.key));
}
