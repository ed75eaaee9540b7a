/**
 * `cache_history`: each customer account's newest postings with what a customer's 360 shows of their
 * journal (reference, type, channel, description, counterparty, currency), keyed by (account, time, id). The
 * 360 reads a customer's accounts' latest movements here from one or two pages per account instead of
 * one scattered journal page per movement. Only the newest HISTORY_PER_ACCOUNT postings per account
 * are kept: the 360 shows that many across all of a customer's accounts, so the newest of each account
 * always hold the answer, and the copy stays small however long the ledger grows.
 *
 * Kept by the entries trigger (./rollups.ts, customer accounts only: the bank's own accounts have no
 * 360) and rebuilt with the rollups: its shape is part of the rollup version. Entries are
 * append-only, so an insert is the only change to follow; a posting that arrives older than an
 * account's kept ones is added and trimmed away again at once.
 */
export const HISTORY_PER_ACCOUNT = 50;

const COLUMNS = 'account_id, booked_at, id, amount, balance_after, journal_id, reference, type, channel, description, counterparty_name, counterparty_account, currency';

export const HISTORY_DDL = `
create table if not exists cache_history (
  account_id integer not null,
  booked_at integer not null,
  id integer not null,
  amount integer not null,
  balance_after integer not null,
  journal_id integer not null,
  reference text not null,
  type text not null,
  channel text not null,
  description text not null,
  counterparty_name text,
  counterparty_account text,
  currency text not null,
  primary key (account_id, booked_at, id)
) without rowid;`;

/** Trigger body (inside `after insert on entries`): add the posting, then drop what fell out of the account's newest. */
export const HISTORY_TRIGGER_SQL = `
  insert into cache_history (${COLUMNS})
  select new.account_id, new.booked_at, new.id, new.amount, new.balance_after, new.journal_id, j.reference, j.type, j.channel,
         j.description, j.counterparty_name, j.counterparty_account, j.currency
  from journal j where j.id = new.journal_id;
  delete from cache_history where account_id = new.account_id and (booked_at, id) < (
    select booked_at, id from cache_history where account_id = new.account_id
    order by booked_at desc, id desc limit 1 offset ${HISTORY_PER_ACCOUNT - 1});`;

/**
 * Rebuild: each customer account's newest postings straight from the (account_id, booked_at, id)
 * index read backwards, joined to their journal rows only (never a sort of the whole ledger). CROSS
 * JOIN keeps accounts the outer loop: with the kind filter the planner would otherwise scan every
 * posting and run the per-account subquery for each.
 */
export const HISTORY_REBUILD_SQL = `
drop table if exists cache_history;
${HISTORY_DDL}
insert into cache_history (${COLUMNS})
select e.account_id, e.booked_at, e.id, e.amount, e.balance_after, e.journal_id, j.reference, j.type, j.channel,
       j.description, j.counterparty_name, j.counterparty_account, j.currency
from accounts a
cross join entries e on e.id in (
  select x.id from entries x where x.account_id = a.id order by x.booked_at desc, x.id desc limit ${HISTORY_PER_ACCOUNT})
join journal j on j.id = e.journal_id
where a.kind = 'customer';`;
