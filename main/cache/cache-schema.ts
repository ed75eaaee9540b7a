/**
 * Cache-only tables. `sync_state` holds one watermark per source table and is written in the same
 * transaction as the rows it covers, so a crash can neither lose nor duplicate a batch.
 * `rollup_daily` keeps dashboard and drill-down queries off the raw entries.
 */
export const CACHE_DDL = `
create table if not exists cache_info (
  key text primary key,
  value text not null
);
create table if not exists sync_state (
  table_name text primary key,
  wm_updated integer not null default 0,
  wm_id integer not null default 0,
  rows_total integer not null default 0,
  last_synced_at integer,
  initial_done integer not null default 0
);
create table if not exists rollup_daily (
  day integer not null,
  branch_id integer not null,
  product_id integer not null,
  channel text not null,
  type text not null,
  currency text not null,
  n integer not null,
  credits integer not null,
  debits integer not null,
  primary key (day, branch_id, product_id, channel, type, currency)
) without rowid;
-- The dashboard's time-window questions run on the cache: entries by time needs its own index here.
create index if not exists entries_booked on entries (booked_at);
create table if not exists outbox (
  id integer primary key autoincrement,
  command_id text not null unique,
  method text not null,
  input text not null,
  actor text not null,
  created_at integer not null,
  status text not null default 'pending',
  attempts integer not null default 0,
  last_error text,
  conflict text
);
`;

/** Adds one customer entry to its day's rollup; runs for rows the live sync inserts. */
export const ROLLUP_TRIGGER = `
create trigger if not exists entries_rollup after insert on entries
begin
  insert into rollup_daily (day, branch_id, product_id, channel, type, currency, n, credits, debits)
  select new.booked_at / 86400000, a.branch_id, coalesce(a.product_id, 0), j.channel, j.type, a.currency, 1,
         case when new.amount > 0 then new.amount else 0 end, case when new.amount < 0 then -new.amount else 0 end
  from accounts a join journal j on j.id = new.journal_id
  where a.id = new.account_id and a.kind = 'customer'
  on conflict (day, branch_id, product_id, channel, type, currency) do update set
    n = n + excluded.n, credits = credits + excluded.credits, debits = debits + excluded.debits;
end;
`;

/** Rebuilds every rollup from the entries in one pass: after the initial bulk copy. */
export const ROLLUP_REBUILD = `
delete from rollup_daily;
insert into rollup_daily (day, branch_id, product_id, channel, type, currency, n, credits, debits)
select e.booked_at / 86400000, a.branch_id, coalesce(a.product_id, 0), j.channel, j.type, a.currency, count(*),
       sum(case when e.amount > 0 then e.amount else 0 end), sum(case when e.amount < 0 then -e.amount else 0 end)
from entries e join accounts a on a.id = e.account_id join journal j on j.id = e.journal_id
where a.kind = 'customer'
group by 1, 2, 3, 4, 5, 6;
`;
