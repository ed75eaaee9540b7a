import type Database from 'better-sqlite3-multiple-ciphers';
import { ROLLUP_VERSION } from '../cache';
import { CUSTOMER_SHOWN_COLUMNS, type CustomerShownRow } from './records';
import { RECENT, type MovementRow } from './recent-movements';
import type { AccountRow, AlertRow, CustomerParts, LoanRow } from './customer360';

/**
 * The customer 360 on a SQLite bank (the workstation's cache, the embedded demo bank), read with
 * statements prepared once per connection and run synchronously: the same questions, in the same
 * order, as the Kysely path in ./customer360.ts (which MySQL uses), so both give the same rows. On the
 * cache the SQL itself takes a fraction of a millisecond; building each query with Kysely and awaiting
 * its driver cost more than the reads, and that is what this path leaves out.
 */

const MOVEMENT_COLUMNS = 'id, account_id, amount, balance_after, booked_at, journal_id, reference, type, channel, description, counterparty_name, counterparty_account, currency';
/** A movement as better-sqlite3's raw array, in MOVEMENT_COLUMNS order. */
type MovementCells = [number, number, number, number, number, number, string, string, string, string, string | null, string | null, string];

/**
 * Movements are read as arrays and made into objects here: better-sqlite3 builds a row object key by
 * key, which for fifty thirteen-column rows costs about as much again as the read itself.
 */
const toMovement = (r: MovementCells): MovementRow => ({
  id: r[0],
  account_id: r[1],
  amount: r[2],
  balance_after: r[3],
  booked_at: r[4],
  journal_id: r[5],
  reference: r[6],
  type: r[7],
  channel: r[8],
  description: r[9],
  counterparty_name: r[10],
  counterparty_account: r[11],
  currency: r[12],
});

interface Statements {
  customer: Database.Statement<[number], CustomerShownRow>;
  accounts: Database.Statement<[number], AccountRow>;
  loans: Database.Statement<[number], LoanRow>;
  /** All the customer's accounts in one statement (their ids as a JSON list), as the Kysely path's IN list. */
  alerts: Database.Statement<[string], AlertRow>;
  /** Newest RECENT postings of one account from the ledger: a bank, or a cache whose history copy is not built. */
  ledgerMovements: Database.Statement<[number], MovementCells>;
  hasCacheInfo: Database.Statement<[], { n: number }>;
  /** Made once the connection is known to be a cache (cache_info never goes away once made). */
  rollupVersion: Database.Statement<[], { v: string }> | null;
  /** Made once the history copy is first seen built (SQLite re-prepares it by itself when a rebuild recreates the table). */
  historyMovements: Database.Statement<[number], MovementCells> | null;
  /** All reads in one read transaction: one consistent 360 even while the sync worker commits. */
  read: (id: number, withAlerts: boolean) => CustomerParts | null;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statementsFor(db: Database.Database): Statements {
  const kept = prepared.get(db);
  if (kept) return kept;
  const s: Statements = {
    // Named columns, not c.*: that would compute the customer's generated lookup keys (national id, phone digits) too.
    customer: db.prepare(
      `select ${CUSTOMER_SHOWN_COLUMNS.map((c) => `c.${c}`).join(', ')}, b.name as branch_name
       from customers c join branches b on b.id = c.branch_id where c.id = ?`,
    ),
    accounts: db.prepare(
      `select a.id, a.account_no, a.name, p.name as product_name, a.currency, a.balance, a.status, a.status_reason, a.opened_at
       from accounts a left join products p on p.id = a.product_id
       where a.customer_id = ? order by a.opened_at, a.id`,
    ),
    loans: db.prepare(
      `select l.id, p.name as product_name, l.principal, l.currency, l.monthly_payment, l.term_months, l.start_date, l.status,
              (select count(*) from loan_repayments r where r.loan_id = l.id and r.status in ('on_time', 'late')) as paid,
              (select count(*) from loan_repayments r where r.loan_id = l.id and r.status in ('late', 'missed')) as late
       from loans l join products p on p.id = l.product_id
       where l.customer_id = ? order by l.start_date desc, l.id desc`,
    ),
    alerts: db.prepare(
      `select id, rule_id, risk_score, status, detected_at, account_id from fraud_alerts
       where account_id in (select value from json_each(?)) order by detected_at desc, id desc limit ${RECENT}`,
    ),
    ledgerMovements: db
      .prepare<[number], MovementCells>(
        `select e.id, e.account_id, e.amount, e.balance_after, e.booked_at, j.id as journal_id, j.reference, j.type, j.channel, j.description,
              j.counterparty_name, j.counterparty_account, j.currency
       from entries e join journal j on j.id = e.journal_id
       where e.account_id = ? order by e.booked_at desc, e.id desc limit ${RECENT}`,
      )
      .raw(true),
    hasCacheInfo: db.prepare(`select count(*) as n from sqlite_master where type = 'table' and name = 'cache_info'`),
    rollupVersion: null,
    historyMovements: null,
    read: () => null,
  };
  s.read = db.transaction((id: number, withAlerts: boolean) => readAll(db, s, id, withAlerts));
  prepared.set(db, s);
  return s;
}

/** The history copy's statement when the connection is a cache whose rollups (and so that copy) are built at this code's version; else null. */
function historyStatement(db: Database.Database, s: Statements): Database.Statement<[number], MovementCells> | null {
  if (!s.rollupVersion) {
    if (Number(s.hasCacheInfo.get()?.n ?? 0) === 0) return null;
    s.rollupVersion = db.prepare(`select value as v from cache_info where key = 'rollup_version'`);
  }
  if (s.rollupVersion.get()?.v !== ROLLUP_VERSION) return null;
  s.historyMovements ??= db
    .prepare<[number], MovementCells>(`select ${MOVEMENT_COLUMNS} from cache_history where account_id = ? order by booked_at desc, id desc limit ${RECENT}`)
    .raw(true);
  return s.historyMovements;
}

/**
 * Each account's newest RECENT, newest first across them (ties by id): the rows and order of one
 * `order by booked_at desc, id desc limit RECENT` over all of them, each read walking its account's index backwards.
 */
function newestAcross(accountIds: readonly number[], read: (accountId: number) => MovementRow[]): MovementRow[] {
  if (accountIds.length === 1) return read(accountIds[0] as number);
  return accountIds
    .flatMap(read)
    .sort((a, b) => b.booked_at - a.booked_at || b.id - a.id)
    .slice(0, RECENT);
}

function readAll(db: Database.Database, s: Statements, id: number, withAlerts: boolean): CustomerParts | null {
  const row = s.customer.get(id);
  if (!row) return null;
  const accounts = s.accounts.all(id);
  const ids = accounts.map((a) => a.id);
  const history = ids.length === 0 ? null : historyStatement(db, s);
  const movementsOf = history ?? s.ledgerMovements;
  return {
    row,
    accounts,
    movements: ids.length === 0 ? [] : newestAcross(ids, (a) => movementsOf.all(a).map(toMovement)),
    loans: s.loans.all(id),
    alerts: withAlerts && ids.length > 0 ? s.alerts.all(JSON.stringify(ids)) : [],
  };
}

/** The parts of customer `id`'s 360, or null when there is no such customer. */
export function readCustomerOnSqlite(db: Database.Database, id: number, withAlerts: boolean): CustomerParts | null {
  return statementsFor(db).read(id, withAlerts);
}
