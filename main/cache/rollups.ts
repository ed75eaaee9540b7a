import type Database from 'better-sqlite3-multiple-ciphers';
import { zoneClock } from '../../shared/bank-time';
import { buildDeferredIndexes } from './deferred-indexes';
import { HISTORY_DDL, HISTORY_REBUILD_SQL, HISTORY_TRIGGER_SQL } from './history';
import { LOAN_STATE_TRIGGERS, LOAN_STATE_TRIGGERS_SQL, LOAN_STATES_DDL, rebuildLoanStates } from './loan-states';

/**
 * The cache's rollups, per BANK day (the local date in the bank's zone as an epoch-day number, see
 * shared/bank-time.ts): flows by branch × product × channel × type × currency, customer accounts
 * opened and closed, new customers. Built in one pass after a first copy, then kept by triggers as
 * the sync adds, upserts and deletes rows.
 *
 * Version 1 cut UTC days; version 2 cuts bank days and adds the accounts and customers rollups;
 * version 3 adds cache_postings, version 4 its journal's reference and description, version 5 the
 * per-customer cash rollup (rollup_cash_daily), version 6 each account's newest postings for the
 * customer 360 (cache_history, ./history.ts), version 7 loan and instalment states per day
 * (rollup_loans_daily, ./loan-states.ts), version 8 an index of those states by day (large exposures
 * read a few days of them), version 9 the postings that woke a dormant account (cache_reactivations),
 * version 10 update triggers that act only when a row's placement moved (the sync now updates a
 * changed row in place rather than deleting and inserting it) and an entries trigger that runs for
 * customer accounts only (nearly half the postings are the bank's side, which nothing here summarises;
 * their histories are no longer kept), version 12 the amount index cut in 30-day slices (11 was a
 * per-batch apply, reverted).
 * A cache whose recorded version or zone differs is rebuilt once.
 */
export const ROLLUP_VERSION = '12';

/**
 * `bank_day(ms)`: the bank day of an instant, for triggers and rebuilds. Registered on each cache
 * connection with the zone the rollups are cut in; offsets are memoised per hour so a rebuild over
 * millions of bookings costs a map lookup per row, not a time-zone computation.
 */
export function registerBankDay(db: Database.Database, timeZone: string): void {
  const clock = zoneClock(timeZone);
  db.function('bank_day', { deterministic: true }, (ms: unknown) => (typeof ms === 'number' || typeof ms === 'bigint' ? clock.dayOf(Number(ms)) : null));
}

/** Cash: deposits and withdrawals over the counter or at an ATM on a customer's account (as CASH_POSTINGS in main/metrics). */
const CASH_WHERE = "a.kind = 'customer' and a.customer_id is not null and j.type in ('deposit', 'withdrawal') and j.channel in ('branch', 'atm')";

/** 180 days: a customer account without a posting for this long is dormant (days are bank days, compared in ms). */
export const DORMANT_MS = 180 * 86_400_000;

/**
 * The instants at which a posting woke a dormant customer account (as REACTIVATIONS in main/metrics):
 * the account's previous posting is more than 180 days older. Kept by the entries trigger in any
 * order of arrival: a posting is added when its predecessor is that old, and the account's next
 * posting after it is added or taken back as the new posting, now its predecessor, is that old or
 * not. Not a rollup, but kept and rebuilt with them.
 */
const REACTIVATIONS_DDL = `
create table if not exists cache_reactivations (
  account_id integer not null,
  booked_at integer not null,
  primary key (account_id, booked_at)
) without rowid;
create index if not exists cache_reactivations_booked on cache_reactivations (booked_at);`;

const REACTIVATION_TRIGGER_SQL = `
  insert or ignore into cache_reactivations (account_id, booked_at)
  select new.account_id, new.booked_at from accounts a
  where a.id = new.account_id and a.kind = 'customer'
    and (select max(p.booked_at) from entries p where p.account_id = new.account_id and p.booked_at < new.booked_at) < new.booked_at - ${DORMANT_MS};
  insert or ignore into cache_reactivations (account_id, booked_at)
  select new.account_id, n.t from accounts a,
    (select min(p.booked_at) as t from entries p where p.account_id = new.account_id and p.booked_at > new.booked_at) n
  where a.id = new.account_id and a.kind = 'customer' and n.t > new.booked_at + ${DORMANT_MS};
  delete from cache_reactivations where account_id = new.account_id
    and booked_at = (select min(p.booked_at) from entries p where p.account_id = new.account_id and p.booked_at > new.booked_at)
    and booked_at <= new.booked_at + ${DORMANT_MS};`;

const TRIGGERS = [
  'entries_rollup',
  'accounts_rollup_insert',
  'accounts_rollup_delete',
  'accounts_rollup_update',
  'customers_rollup_insert',
  'customers_rollup_delete',
  'customers_rollup_update',
  ...LOAN_STATE_TRIGGERS,
] as const;

/**
 * A customer account's contribution (`sign` +1 adds, -1 removes) to its opened and closed days.
 * `INSERT … SELECT … WHERE` rather than VALUES so the update trigger can guard each half by kind.
 */
const accountDelta = (row: 'new' | 'old', sign: 1 | -1): string => `
  insert into rollup_accounts_daily (day, branch_id, product_id, currency, opened, closed)
  select bank_day(${row}.opened_at), ${row}.branch_id, coalesce(${row}.product_id, 0), ${row}.currency, ${sign}, 0
  where ${row}.kind = 'customer'
  on conflict (day, branch_id, product_id, currency) do update set opened = opened + excluded.opened;
  insert into rollup_accounts_daily (day, branch_id, product_id, currency, opened, closed)
  select bank_day(${row}.closed_at), ${row}.branch_id, coalesce(${row}.product_id, 0), ${row}.currency, 0, ${sign}
  where ${row}.kind = 'customer' and ${row}.closed_at is not null
  on conflict (day, branch_id, product_id, currency) do update set closed = closed + excluded.closed;
  ${sign < 0 ? emptied(row) : ''}`;

/** Rows a removal brought to zero go, so the rollup stays equal to a recount (keyed: never a scan). */
const emptied = (row: 'new' | 'old'): string => `
  delete from rollup_accounts_daily where opened = 0 and closed = 0 and branch_id = ${row}.branch_id
    and product_id = coalesce(${row}.product_id, 0) and currency = ${row}.currency
    and day in (bank_day(${row}.opened_at), bank_day(${row}.closed_at));`;

const customerDelta = (row: 'new' | 'old', sign: 1 | -1): string => `
  insert into rollup_customers_daily (day, branch_id, n) values (bank_day(${row}.created_at), ${row}.branch_id, ${sign})
  on conflict (day, branch_id) do update set n = n + excluded.n;
  ${sign < 0 ? `delete from rollup_customers_daily where day = bank_day(${row}.created_at) and branch_id = ${row}.branch_id and n = 0;` : ''}`;

/** `<table>_rollup_insert`, `_delete` and `_update` (of the columns that place a row): the row that goes is taken out, the row that comes added. */
function deltaTriggers(table: 'accounts' | 'customers', placing: string, delta: (row: 'new' | 'old', sign: 1 | -1) => string): string {
  const moved = placing
    .split(', ')
    .map((c) => `old.${c} is not new.${c}`)
    .join(' or ');
  return `create trigger if not exists ${table}_rollup_insert after insert on ${table}
begin ${delta('new', 1)}
end;
create trigger if not exists ${table}_rollup_delete after delete on ${table}
begin ${delta('old', -1)}
end;
create trigger if not exists ${table}_rollup_update after update of ${placing} on ${table}
when ${moved}
begin ${delta('old', -1)} ${delta('new', 1)}
end;`;
}

/**
 * Entries are append-only: insert only, and only a customer account's posting is summarised (the
 * trigger's WHEN skips the bank's own postings before any statement runs). Accounts and customers are
 * upserted by the sync (updated in place when the row exists; a REPLACE that clears a stale row
 * fires the delete triggers too because the sync connection turns recursive triggers on) and
 * deleted by tombstones; an UPDATE that changes the columns that place a row moves it, and any
 * other update (a balance) costs no rollup work.
 */
const ROLLUP_TRIGGERS = `
create trigger if not exists entries_rollup after insert on entries
when (select kind from accounts where id = new.account_id) = 'customer'
begin
  insert into rollup_daily (day, branch_id, product_id, channel, type, currency, n, credits, debits)
  select bank_day(new.booked_at), a.branch_id, coalesce(a.product_id, 0), j.channel, j.type, a.currency, 1,
         case when new.amount > 0 then new.amount else 0 end, case when new.amount < 0 then -new.amount else 0 end
  from accounts a join journal j on j.id = new.journal_id
  where a.id = new.account_id and a.kind = 'customer'
  on conflict (day, branch_id, product_id, channel, type, currency) do update set
    n = n + excluded.n, credits = credits + excluded.credits, debits = debits + excluded.debits;
  insert into cache_postings (booked_at, id, amount, account_id, channel, type, reference, description)
  select new.booked_at, new.id, new.amount, new.account_id, j.channel, j.type, j.reference, j.description
  from accounts a join journal j on j.id = new.journal_id
  where a.id = new.account_id and a.kind = 'customer';
  insert into rollup_cash_daily (day, customer_id, branch_id, currency, n, cash_in, cash_out)
  select bank_day(new.booked_at), a.customer_id, a.branch_id, a.currency, 1,
         case when new.amount > 0 then new.amount else 0 end, case when new.amount < 0 then -new.amount else 0 end
  from accounts a join journal j on j.id = new.journal_id
  where a.id = new.account_id and ${CASH_WHERE}
  on conflict (day, customer_id, branch_id, currency) do update set
    n = n + excluded.n, cash_in = cash_in + excluded.cash_in, cash_out = cash_out + excluded.cash_out;
  ${REACTIVATION_TRIGGER_SQL}
  ${HISTORY_TRIGGER_SQL}
end;
${deltaTriggers('accounts', 'kind, opened_at, closed_at, branch_id, product_id, currency', accountDelta)}
${deltaTriggers('customers', 'created_at, branch_id', customerDelta)}
${LOAN_STATE_TRIGGERS_SQL}`;

/**
 * Each posting on a customer account in time order, with what the explorer's rows show of its journal
 * (channel, type, reference, description): a page of transactions is picked and read here, in one
 * narrow table, instead of joining entries and journal for every posting in the window. Not a rollup,
 * but kept the same way (the entries trigger) and rebuilt with them, table and all (its shape is
 * part of the rollup version).
 */
/**
 * Postings by amount within each 30-day slice of time (ms since the epoch divided by this), for the
 * explorer's "largest first" (main/metrics/amount-slices.ts). Cut by time so that new postings, all
 * in the latest slice, land in one small part of the index: a single index by amount over the whole
 * ledger took a page at a random place per posting, a third of a live round's time.
 */
export const AMOUNT_SLICE_MS = 2_592_000_000;
const POSTINGS_AMOUNT_INDEX = `create index if not exists cache_postings_amount on cache_postings (booked_at / ${AMOUNT_SLICE_MS}, amount, id);`;
const POSTINGS_DDL = `
create table if not exists cache_postings (
  booked_at integer not null,
  id integer not null,
  amount integer not null,
  account_id integer not null,
  channel text not null,
  type text not null,
  reference text not null,
  description text not null,
  primary key (booked_at, id)
) without rowid;
${POSTINGS_AMOUNT_INDEX}`;

/** The rebuild, step by step: each is one pass over the copied rows, named for the progress shown meanwhile. */
const ROLLUP_REBUILD_STEPS: readonly { name: string; sql: string }[] = [
  {
    name: 'daily flows',
    sql: `
delete from rollup_daily;
insert into rollup_daily (day, branch_id, product_id, channel, type, currency, n, credits, debits)
select bank_day(e.booked_at), a.branch_id, coalesce(a.product_id, 0), j.channel, j.type, a.currency, count(*),
       sum(case when e.amount > 0 then e.amount else 0 end), sum(case when e.amount < 0 then -e.amount else 0 end)
from entries e join accounts a on a.id = e.account_id join journal j on j.id = e.journal_id
where a.kind = 'customer'
group by 1, 2, 3, 4, 5, 6;`,
  },
  {
    name: 'postings by time',
    sql: `
drop table if exists cache_postings;
${POSTINGS_DDL}
drop index cache_postings_amount;
insert into cache_postings (booked_at, id, amount, account_id, channel, type, reference, description)
select e.booked_at, e.id, e.amount, e.account_id, j.channel, j.type, j.reference, j.description
from entries e join accounts a on a.id = e.account_id join journal j on j.id = e.journal_id
where a.kind = 'customer'
order by e.booked_at, e.id;
-- Built after the rows (one sorted pass) rather than kept row by row at random places.
${POSTINGS_AMOUNT_INDEX}`,
  },
  {
    name: 'cash per customer',
    sql: `
delete from rollup_cash_daily;
insert into rollup_cash_daily (day, customer_id, branch_id, currency, n, cash_in, cash_out)
select bank_day(e.booked_at), a.customer_id, a.branch_id, a.currency, count(*),
       sum(case when e.amount > 0 then e.amount else 0 end), sum(case when e.amount < 0 then -e.amount else 0 end)
from entries e join accounts a on a.id = e.account_id join journal j on j.id = e.journal_id
where ${CASH_WHERE}
group by 1, 2, 3, 4;`,
  },
  {
    name: 'accounts and customers',
    sql: `
delete from rollup_accounts_daily;
insert into rollup_accounts_daily (day, branch_id, product_id, currency, opened, closed)
select day, branch_id, product_id, currency, sum(opened), sum(closed) from (
  select bank_day(opened_at) as day, branch_id, coalesce(product_id, 0) as product_id, currency, 1 as opened, 0 as closed
  from accounts where kind = 'customer'
  union all
  select bank_day(closed_at), branch_id, coalesce(product_id, 0), currency, 0, 1
  from accounts where kind = 'customer' and closed_at is not null
) group by 1, 2, 3, 4;
delete from rollup_customers_daily;
insert into rollup_customers_daily (day, branch_id, n)
select bank_day(created_at), branch_id, count(*) from customers group by 1, 2;`,
  },
  {
    name: 'dormant accounts woken',
    sql: `
drop table if exists cache_reactivations;
${REACTIVATIONS_DDL}
insert into cache_reactivations (account_id, booked_at)
select account_id, booked_at from (
  select account_id, booked_at, lag(booked_at) over (partition by account_id order by booked_at) as prev
  from (select distinct e.account_id, e.booked_at from entries e join accounts a on a.id = e.account_id where a.kind = 'customer')
) where prev < booked_at - ${DORMANT_MS};`,
  },
  { name: 'account histories', sql: HISTORY_REBUILD_SQL },
];

/** Before a bulk copy (rebuilt after it) or before emptying the cache: no per-row rollup work. */
export function dropRollupTriggers(db: Database.Database): void {
  for (const t of TRIGGERS) db.exec(`drop trigger if exists ${t}`);
}

/** What the rollups were last built as: their version and zone, or nulls before the first build. */
export function recordedRollups(db: Database.Database): { version: string | null; zone: string | null } {
  const has = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'cache_info'").get();
  if (!has) return { version: null, zone: null };
  const get = db.prepare('select value from cache_info where key = ?').pluck();
  return { version: (get.get('rollup_version') as string | undefined) ?? null, zone: (get.get('rollup_zone') as string | undefined) ?? null };
}

/** A rebuild step has begun: `done` of `total` steps are finished. */
export type RebuildStep = (step: { name: string; done: number; total: number }) => void;

/**
 * Rebuilds every rollup from the rows, in `timeZone`'s bank days, then keeps them by trigger. Call
 * inside a transaction. `onStep` hears each step begin: on a large bank the whole rebuild takes
 * minutes, and a progress bar standing still that long looks like a hang.
 */
export function rebuildRollups(db: Database.Database, timeZone: string, onStep?: RebuildStep): void {
  registerBankDay(db, timeZone);
  dropRollupTriggers(db);
  const total = ROLLUP_REBUILD_STEPS.length + 2;
  // A first copy left the ledger's plain indexes for now (./deferred-indexes.ts); the steps read through them.
  onStep?.({ name: 'ledger indexes', done: 0, total });
  buildDeferredIndexes(db);
  ROLLUP_REBUILD_STEPS.forEach((step, done) => {
    onStep?.({ name: step.name, done: done + 1, total });
    db.exec(step.sql);
  });
  onStep?.({ name: 'loan states', done: total - 1, total });
  rebuildLoanStates(db, timeZone);
  db.exec(ROLLUP_TRIGGERS);
  const put = db.prepare('insert into cache_info (key, value) values (?, ?) on conflict (key) do update set value = excluded.value');
  put.run('rollup_version', ROLLUP_VERSION);
  put.run('rollup_zone', timeZone);
}

/** Forgets the rollups (the cache is being emptied for another bank). */
export function clearRollups(db: Database.Database): void {
  dropRollupTriggers(db);
  db.exec(POSTINGS_DDL);
  db.exec(REACTIVATIONS_DDL);
  db.exec(HISTORY_DDL);
  db.exec(LOAN_STATES_DDL);
  for (const t of [
    'rollup_daily',
    'rollup_cash_daily',
    'rollup_accounts_daily',
    'rollup_customers_daily',
    'cache_postings',
    'cache_reactivations',
    'cache_history',
    'cache_loan_states',
    'rollup_loans_daily',
    'cache_loans_dirty',
  ])
    db.exec(`delete from ${t}`);
  db.prepare("delete from cache_info where key in ('rollup_version', 'rollup_zone')").run();
}
