import type { Bank } from '../source';

/** The bank's own name as it recorded it (bank_meta.bank_name), printed on every page of a report. */
export async function bankNameOf(bank: Bank, fallback = 'CloudBank'): Promise<string> {
  const row = await bank.db.selectFrom('bank_meta').select('value').where('key', '=', 'bank_name').executeTakeFirst();
  return row?.value?.trim() || fallback;
}
