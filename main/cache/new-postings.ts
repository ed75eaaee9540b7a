import type Database from 'better-sqlite3-multiple-ciphers';
import { HISTORY_PER_ACCOUNT, HISTORY_COLUMNS } from './history';

/**
 * What the sync's new postings add to the rollups, applied per batch instead of per row.
 *
 * The entries trigger only notes each new posting's id in `cache_new_postings`; once a batch of
 * entries is written, `applyNewPostings` (in the batch's own transaction, so the rollups commit with
 * the rows) adds them with one statement per summary: grouped into the daily flows and the cash per
 * customer, copied to the postings by time and the account histories, and the dormancy wake-ups of
 * the accounts they touch worked out again. A per-row trigger ran six statements for every posting
 * and cost three times the copy itself on a live round; grouped, the same work is a few joins over
 * the batch. The result is the same in any order of arrival (the rollup test's recount checks it).
 */
export const NEW_POSTINGS_DDL = `
create table if not exists cache_new_postings (id integer primary key);`;

/** Inside `after insert on entries`: note the posting (the bank's own side is filtered out when applied). */
export const NEW_POSTING_TRIGGER_SQL = `insert into cache_new_postings (id) values (new.id);`;

/**
 * The noted postings on customer accounts, with their account and journal. CROSS JOIN keeps the few
 * noted rows the outer loop: the planner knows nothing of their number and would otherwise walk a
 * large table (the journal by type for the cash rollup) and probe the notes from it.
 */
const NEW = `cache_new_postings n cross join entries e on e.id = n.id cross join accounts a on a.id = e.account_id and a.kind = 'customer'`;
const WITH_JOURNAL = `${NEW} cross join journal j on j.id = e.journal_id`;

/**
 * The (account, time) pairs whose wake-up may have changed: each new posting's own time, and the
 * next time after it on its account (whose predecessor it may now be). A pair is a wake-up when the
 * account's previous posting is more than `dormantMs` older, as the rebuild defines it.
 */
const touchedTimes = `touched (account_id, t) as (
  select e.account_id, e.booked_at from ${NEW}
  union
  select e.account_id, (select min(p.booked_at) from entries p where p.account_id = e.account_id and p.booked_at > e.booked_at) from ${NEW})`;

function applySql(cashWhere: string, dormantMs: number): string {
  return `
insert into rollup_daily (day, branch_id, product_id, channel, type, currency, n, credits, debits)
select bank_day(e.booked_at), a.branch_id, coalesce(a.product_id, 0), j.channel, j.type, a.currency, count(*),
       sum(case when e.amount > 0 then e.amount else 0 end), sum(case when e.amount < 0 then -e.amount else 0 end)
from ${WITH_JOURNAL} where true
group by 1, 2, 3, 4, 5, 6
on conflict (day, branch_id, product_id, channel, type, currency) do update set
  n = n + excluded.n, credits = credits + excluded.credits, debits = debits + excluded.debits;
insert into cache_postings (booked_at, id, amount, account_id, channel, type, reference, description)
select e.booked_at, e.id, e.amount, e.account_id, j.channel, j.type, j.reference, j.description from ${WITH_JOURNAL};
insert into rollup_cash_daily (day, customer_id, branch_id, currency, n, cash_in, cash_out)
select bank_day(e.booked_at), a.customer_id, a.branch_id, a.currency, count(*),
       sum(case when e.amount > 0 then e.amount else 0 end), sum(case when e.amount < 0 then -e.amount else 0 end)
from ${WITH_JOURNAL} where ${cashWhere}
group by 1, 2, 3, 4
on conflict (day, customer_id, branch_id, currency) do update set
  n = n + excluded.n, cash_in = cash_in + excluded.cash_in, cash_out = cash_out + excluded.cash_out;
with ${touchedTimes}
delete from cache_reactivations where (account_id, booked_at) in (select account_id, t from touched);
with ${touchedTimes}
insert into cache_reactivations (account_id, booked_at)
select x.account_id, x.t from touched x
where x.t is not null
  and (select max(p.booked_at) from entries p where p.account_id = x.account_id and p.booked_at < x.t) < x.t - ${dormantMs};
insert into cache_history (${HISTORY_COLUMNS})
select e.account_id, e.booked_at, e.id, e.amount, e.balance_after, e.journal_id, j.reference, j.type, j.channel,
       j.description, j.counterparty_name, j.counterparty_account, j.currency
from ${WITH_JOURNAL};
delete from cache_history where (account_id, booked_at, id) in (
  select account_id, booked_at, id from (
    select h.account_id, h.booked_at, h.id, row_number() over (partition by h.account_id order by h.booked_at desc, h.id desc) as k
    from cache_history h where h.account_id in (select e.account_id from ${NEW}))
  where k > ${HISTORY_PER_ACCOUNT});
delete from cache_new_postings;`;
}

/**
 * `apply(db)` adds the postings noted since its last call to every summary, then forgets them. Call
 * it inside the transaction that wrote them. `cashWhere` and `dormantMs` are the rollups' own
 * definitions (./rollups.ts); the statements are compiled once per connection.
 */
export function newPostingsApplier(cashWhere: string, dormantMs: number): (db: Database.Database) => void {
  const script = splitStatements(applySql(cashWhere, dormantMs));
  // Compiled on first use: before the first rebuild (a first copy, whose triggers are off) the summaries' tables do not exist yet.
  const noted = new WeakMap<Database.Database, Database.Statement>();
  const compiled = new WeakMap<Database.Database, Database.Statement[]>();
  return (db) => {
    let any = noted.get(db);
    if (!any) noted.set(db, (any = db.prepare('select 1 from cache_new_postings limit 1')));
    if (any.get() === undefined) return;
    let apply = compiled.get(db);
    if (!apply) compiled.set(db, (apply = script.map((s) => db.prepare(s))));
    for (const s of apply) s.run();
  };
}

/** The statements of a script (none of these contain a semicolon inside a literal). */
const splitStatements = (script: string): string[] =>
  script
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
