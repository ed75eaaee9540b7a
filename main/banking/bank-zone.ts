import type { Kysely, Transaction } from 'kysely';
import { bankDayOf, bankDayStart, bankZoneOrDefault } from '../../shared/bank-time';
import type { BankDatabase } from '../source';

type Db = Kysely<BankDatabase> | Transaction<BankDatabase>;

/** The bank's IANA zone (bank_meta.timezone): daily limits and statements cut days there, like rollups and metrics. */
export async function bankZone(db: Db): Promise<string> {
  const row = await db.selectFrom('bank_meta').select('value').where('key', '=', 'timezone').executeTakeFirst();
  return bankZoneOrDefault(row?.value);
}

/** The instant today's bank day began: the start of the period a daily cash limit counts. */
export async function cashDayStart(db: Db, now: number): Promise<number> {
  const zone = await bankZone(db);
  return bankDayStart(bankDayOf(now, zone), zone);
}
