import { sql, type RawBuilder } from 'kysely';
import type { CustomerHit } from '../../shared/contract/customers';
import type { Bank } from '../source';
import { nameTokens, queryTokens } from './fold';

type Matched = CustomerHit['matched'];
type HitRow = Omit<CustomerHit, 'matched' | 'matchedAccountNo'>;
interface Found {
  hit: HitRow;
  /** 0 exact, 1 prefix (in order), 2 anywhere else (suffix, words in another order). */
  rank: number;
  matched: Matched;
  matchedAccountNo: string | null;
}

/** Kinds in the order a tie is reported: the more specific key wins. */
const KIND_ORDER: readonly Matched[] = ['customer_no', 'account_no', 'national_id', 'phone', 'name'];
const MAX_NAME_TOKENS = 6;

/**
 * An index-friendly "starts with". `prefix` holds only letters, digits, "/" and "-" (callers make
 * sure), so it needs no escaping: MySQL's LIKE uses the index; on SQLite LIKE cannot (the columns
 * are BINARY), GLOB can.
 */
function startsWith(bank: Bank, column: RawBuilder<unknown>, prefix: string): RawBuilder<unknown> {
  return bank.dialect === 'mysql' ? sql`${column} like ${`${prefix}%`}` : sql`${column} glob ${`${prefix}*`}`;
}

const HIT_COLUMNS = sql`c.id, c.customer_no, c.legal_name, c.date_of_birth, c.city, c.phone, c.kyc_status, c.risk_rating`;

interface RawHit {
  id: number;
  customer_no: string;
  legal_name: string;
  date_of_birth: string;
  city: string;
  phone: string;
  kyc_status: CustomerHit['kycStatus'];
  risk_rating: CustomerHit['riskRating'];
  rnk?: number;
  account_no?: string;
  national_id?: string;
}

const toHit = (r: RawHit): HitRow => ({
  id: Number(r.id),
  customerNo: r.customer_no,
  legalName: r.legal_name,
  dateOfBirth: r.date_of_birth,
  city: r.city,
  phone: r.phone,
  kycStatus: r.kyc_status,
  riskRating: r.risk_rating,
});

const reverse = (s: string): string => [...s].reverse().join('');

async function rows(bank: Bank, q: RawBuilder<RawHit>): Promise<RawHit[]> {
  return (await q.execute(bank.db)).rows;
}

/** What the teller typed, read as each kind of key it could be; every lookup is an index seek. */
export async function searchCustomers(bank: Bank, query: string, limit: number): Promise<CustomerHit[]> {
  const text = query.trim();
  const compact = text.replace(/\s+/g, '').toUpperCase();
  const lookups: Array<Promise<Array<Omit<Found, 'hit'> & { raw: RawHit }>>> = [];
  const add = (p: Promise<RawHit[]>, matched: Matched, rank: (r: RawHit) => number) =>
    lookups.push(p.then((rs) => rs.map((raw) => ({ raw, matched, rank: rank(raw), matchedAccountNo: raw.account_no ?? null }))));

  // Customer number: "CB0000123", "cb123" or just "123".
  const cn = /^(?:CB)?0*(\d{1,7})$/.exec(compact);
  if (cn?.[1]) {
    const no = `CB${cn[1].padStart(7, '0')}`;
    add(rows(bank, sql<RawHit>`select ${HIT_COLUMNS} from customers c where c.customer_no = ${no}`), 'customer_no', () => 0);
  } else if (/^CB\d{1,6}$/.test(compact)) {
    add(
      rows(bank, sql<RawHit>`select ${HIT_COLUMNS} from customers c where ${startsWith(bank, sql`c.customer_no`, compact)} order by c.customer_no limit ${limit}`),
      'customer_no',
      () => 1,
    );
  }

  // Account number: the full IBAN (or its start), or its last digits.
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{0,30}$/.test(compact)) {
    add(
      rows(
        bank,
        sql<RawHit>`select ${HIT_COLUMNS}, a.account_no from accounts a join customers c on c.id = a.customer_id where ${startsWith(bank, sql`a.account_no`, compact)} order by a.account_no limit ${limit}`,
      ),
      'account_no',
      (r) => (r.account_no === compact ? 0 : 1),
    );
  } else if (/^\d{4,34}$/.test(compact)) {
    add(
      rows(
        bank,
        sql<RawHit>`select ${HIT_COLUMNS}, a.account_no from accounts a join customers c on c.id = a.customer_id where ${startsWith(bank, sql`a.account_no_rev`, reverse(compact))} order by a.account_no limit ${limit}`,
      ),
      'account_no',
      () => 2,
    );
  }

  // Phone: digits, ignoring spaces, "+", "-", brackets; with or without the country code.
  const phone = text.replace(/[\s+()./-]/g, '');
  if (/^\+?[\d\s()./-]+$/.test(text) && /^\d{4,20}$/.test(phone)) {
    add(
      rows(bank, sql<RawHit>`select ${HIT_COLUMNS} from customers c where ${startsWith(bank, sql`c.phone_digits`, phone)} order by c.phone_digits, c.id limit ${limit}`),
      'phone',
      (r) => (r.phone.replace(/[\s+()./-]/g, '') === phone ? 0 : 1),
    );
    add(
      rows(bank, sql<RawHit>`select ${HIT_COLUMNS} from customers c where ${startsWith(bank, sql`c.phone_rev`, reverse(phone))} order by c.phone_rev, c.id limit ${limit}`),
      'phone',
      () => 2,
    );
  }

  // National id: stored in capitals (register and update normalise it).
  if (/^[A-Z0-9/-]{4,40}$/.test(compact) && /\d/.test(compact)) {
    add(
      rows(bank, sql<RawHit>`select ${HIT_COLUMNS}, c.national_id from customers c where ${startsWith(bank, sql`c.national_id`, compact)} order by c.national_id limit ${limit}`),
      'national_id',
      (r) => (r.national_id === compact ? 0 : 1),
    );
  }

  // Name: every typed word is the start of some word of the name, in any order.
  const tokens = /\p{L}/u.test(text) ? [...new Set(queryTokens(text))].slice(0, MAX_NAME_TOKENS) : [];
  if (tokens.length > 0) add(nameLookup(bank, tokens, limit), 'name', (r) => Number(r.rnk));

  const best = new Map<number, Found>();
  for (const list of await Promise.all(lookups)) {
    for (const f of list) {
      const id = Number(f.raw.id);
      const prev = best.get(id);
      const found: Found = { hit: toHit(f.raw), rank: f.rank, matched: f.matched, matchedAccountNo: f.matchedAccountNo };
      if (!prev || f.rank < prev.rank || (f.rank === prev.rank && KIND_ORDER.indexOf(f.matched) < KIND_ORDER.indexOf(prev.matched))) best.set(id, found);
    }
  }
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || a.hit.legalName.localeCompare(b.hit.legalName) || a.hit.id - b.hit.id)
    .slice(0, limit)
    .map((f) => ({ ...f.hit, matched: f.matched, matchedAccountNo: f.matched === 'account_no' ? f.matchedAccountNo : null }));
}

/**
 * Customers whose name has a word starting with each typed word, found by the database's own text
 * search (migration 012) and ranked here: all words typed in full (0), the first typed word starts
 * the name (1), anything else (2). At most a few times `limit` candidates are read: two letters of a
 * common name match thousands, and none of them is sorted or even read.
 */
async function nameLookup(bank: Bank, tokens: string[], limit: number): Promise<RawHit[]> {
  const unique = bank.dialect === 'sqlite' ? await textIndexIds(bank, tokens, limit * 5) : await tokenIndexIds(bank, tokens, limit * 5);
  if (unique.length === 0) return [];
  const found = await rows(bank, sql<RawHit>`select ${HIT_COLUMNS} from customers c where c.id in (${sql.join(unique)})`);
  for (const r of found) {
    const words = nameTokens(r.legal_name);
    r.rnk = tokens.every((t) => words.includes(t)) ? 0 : words[0]?.startsWith(tokens[0] as string) ? 1 : 2;
  }
  return found;
}

/**
 * SQLite: FTS5 (`unicode61 remove_diacritics 2`), best matches asked for first — every word exact,
 * then the name starting with the first typed word (`^`), then prefixes in any order — so exact
 * names are among the candidates however many customers share a prefix. Typed words hold only
 * letters and digits (queryTokens splits on anything else), so quoting them is enough.
 */
async function textIndexIds(bank: Bank, tokens: string[], cap: number): Promise<number[]> {
  const word = (t: string, prefix: boolean): string => `"${t}"${prefix ? '*' : ''}`;
  const [first, ...rest] = tokens;
  const tiers = [
    tokens.map((t) => word(t, false)).join(' AND '),
    [`^${word(first as string, true)}`, ...rest.map((t) => word(t, true))].join(' AND '),
    tokens.map((t) => word(t, true)).join(' AND '),
  ];
  const ids = new Set<number>();
  for (const match of tiers) {
    if (ids.size >= cap) break;
    const r = await sql<{ id: number }>`select rowid as id from customer_name_index where customer_name_index match ${match} limit ${cap}`.execute(bank.db);
    for (const row of r.rows) if (ids.size < cap) ids.add(Number(row.id));
  }
  return [...ids];
}

/**
 * MySQL / MariaDB: walks `customer_name_tokens` (accent- and case-insensitive collation) from the
 * most selective typed word (the longest) in index order, keeping customers whose name also has a
 * word starting with each other typed word. Index order puts a word equal to what was typed before
 * longer ones ("nov" before "novak"), so exact words come first.
 */
async function tokenIndexIds(bank: Bank, tokens: string[], cap: number): Promise<number[]> {
  const driver = [...tokens].sort((a, b) => b.length - a.length)[0] as string;
  const others = tokens.filter((t) => t !== driver);
  const also = others.map((t) => sql` and exists (select 1 from customer_name_tokens x where x.customer_id = t.customer_id and ${startsWith(bank, sql`x.token`, t)})`);
  const ids = await sql<{ customer_id: number }>`select t.customer_id from customer_name_tokens t
      where ${startsWith(bank, sql`t.token`, driver)}${sql.join(also, sql``)}
      order by t.token, t.customer_id limit ${cap}`.execute(bank.db);
  return [...new Set(ids.rows.map((r) => Number(r.customer_id)))];
}
