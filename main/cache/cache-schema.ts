/**
 * Cache-only tables. `sync_state` holds one watermark per source table and is written in the same
 * transaction as the rows it covers, so a crash can neither lose nor duplicate a batch.
 * The rollup tables (kept by ./rollups.ts) answer the metric catalog's flows, openings, closings and
 * new customers per bank day without reading every row; `day` is the bank day (bank-time.ts).
 * `cache_postings` (./rollups.ts) is no rollup but a narrow copy of customer postings kept the same way.
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
create table if not exists rollup_accounts_daily (
  day integer not null,
  branch_id integer not null,
  product_id integer not null,
  currency text not null,
  opened integer not null,
  closed integer not null,
  primary key (day, branch_id, product_id, currency)
) without rowid;
-- Cash over the counter or at an ATM per customer and bank day (the large-cash and structuring
-- monitors): cash in and cash out kept in two columns, never netted; the branch and currency are the account's.
create table if not exists rollup_cash_daily (
  day integer not null,
  customer_id integer not null,
  branch_id integer not null,
  currency text not null,
  n integer not null,
  cash_in integer not null,
  cash_out integer not null,
  primary key (day, customer_id, branch_id, currency)
) without rowid;
create table if not exists rollup_customers_daily (
  day integer not null,
  branch_id integer not null,
  n integer not null,
  primary key (day, branch_id)
) without rowid;
-- A customer's 360 reads each account's latest postings from cache_history (./history.ts) now: the
-- covering index it used to read them from was a second copy of every posting, kept on every insert.
drop index if exists entries_account_recent;
-- A customer's fraud alerts (for those who may see them) by account, newest first, without a scan of every alert.
create index if not exists fraud_alerts_account_recent on fraud_alerts (account_id, detected_at);
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
