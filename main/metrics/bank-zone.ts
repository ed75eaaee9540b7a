import { isTimeZoneName } from '../../shared/bank-time';
import type { Bank } from '../source';

const zones = new WeakMap<Bank, Promise<string>>();

/**
 * The bank's IANA zone from bank_meta (the demo and Berka banks say Europe/Prague). A bank that
 * names none, or names an unknown one, is read in UTC rather than in the workstation's own zone:
 * periods must not change with the desktop they are looked at from.
 */
export function bankZone(bank: Bank): Promise<string> {
  let z = zones.get(bank);
  if (!z) {
    z = bank.db
      .selectFrom('bank_meta')
      .select('value')
      .where('key', '=', 'timezone')
      .executeTakeFirst()
      .then((r) => (r && isTimeZoneName(r.value) ? r.value : 'UTC'));
    // A failed read (bank unreachable) is not remembered: the next question asks again.
    z.catch(() => zones.delete(bank));
    zones.set(bank, z);
  }
  return z;
}
