import type { BadRows } from '../bad-rows';
import type { BerkaFiles } from './load';
import type { Lined } from './read-table';
import type { Account, Client, Disp, District } from './schemas';

/** The Berka tables by their ids, once every reference between them is known to hold. */
export interface BerkaIndex {
  districts: Map<number, District>;
  accounts: Map<number, Account>;
  clients: Map<number, Client>;
  disps: Map<number, Disp>;
  /** account_id → the client of its OWNER disposition. */
  owner: Map<number, number>;
  /** account_id → its DISPONENT dispositions. */
  disponents: Map<number, Disp[]>;
}

function byId<T>(file: string, rows: readonly Lined<T>[], key: keyof T & string, bad: BadRows): Map<number, T> {
  const out = new Map<number, T>();
  const lines = new Map<number, number>();
  for (const { line, row } of rows) {
    const k = row[key] as number;
    const first = lines.get(k);
    if (first !== undefined) bad.add(file, line, key, `${k} repeats line ${first}`);
    else {
      out.set(k, row);
      lines.set(k, line);
    }
  }
  return out;
}

/**
 * Checks what the files say about each other — ids unique, every reference pointing at a row,
 * exactly one OWNER per account, no transaction before its account opened — so the import
 * never writes an orphan. Problems become bad rows on the referring line.
 */
export function indexBerka(f: BerkaFiles, bad: BadRows): BerkaIndex {
  const districts = byId('district.asc', f.districts, 'A1', bad);
  const accounts = byId('account.asc', f.accounts, 'account_id', bad);
  const clients = byId('client.asc', f.clients, 'client_id', bad);
  const disps = byId('disp.asc', f.disps, 'disp_id', bad);
  const need = (ok: boolean, file: string, line: number, column: string, reason: string): void => {
    if (!ok) bad.add(file, line, column, reason);
  };
  // A reference to a row already reported bad is not reported again.
  const district = (id: number): boolean => districts.has(id) || f.districts.rejected.has(id);
  const account = (id: number): boolean => accounts.has(id) || f.accounts.rejected.has(id);
  const client = (id: number): boolean => clients.has(id) || f.clients.rejected.has(id);
  const disp = (id: number): boolean => disps.has(id) || f.disps.rejected.has(id);
  for (const { line, row } of f.accounts) need(district(row.district_id), 'account.asc', line, 'district_id', `district ${row.district_id} is not in district.asc`);
  for (const { line, row } of f.clients) need(district(row.district_id), 'client.asc', line, 'district_id', `district ${row.district_id} is not in district.asc`);

  const owner = new Map<number, number>();
  const disponents = new Map<number, Disp[]>();
  for (const { line, row } of f.disps) {
    need(client(row.client_id), 'disp.asc', line, 'client_id', `client ${row.client_id} is not in client.asc`);
    need(account(row.account_id), 'disp.asc', line, 'account_id', `account ${row.account_id} is not in account.asc`);
    if (row.type === 'OWNER') {
      const other = owner.get(row.account_id);
      if (other !== undefined) bad.add('disp.asc', line, 'type', `account ${row.account_id} already has an OWNER (client ${other})`);
      else owner.set(row.account_id, row.client_id);
    } else {
      const list = disponents.get(row.account_id);
      if (list) list.push(row);
      else disponents.set(row.account_id, [row]);
    }
  }
  // With a bad disp.asc row, the missing OWNER may be that row: it is reported already.
  const dispsIncomplete = f.disps.rejected.size > 0;
  for (const { line, row } of f.accounts)
    need(owner.has(row.account_id) || dispsIncomplete, 'account.asc', line, 'account_id', `account ${row.account_id} has no OWNER in disp.asc`);

  for (const { line, row } of f.cards) need(disp(row.disp_id), 'card.asc', line, 'disp_id', `disposition ${row.disp_id} is not in disp.asc`);
  byId('card.asc', f.cards, 'card_id', bad);
  for (const { line, row } of f.loans) need(account(row.account_id), 'loan.asc', line, 'account_id', `account ${row.account_id} is not in account.asc`);
  byId('loan.asc', f.loans, 'loan_id', bad);
  for (const { line, row } of f.orders) need(account(row.account_id), 'order.asc', line, 'account_id', `account ${row.account_id} is not in account.asc`);
  byId('order.asc', f.orders, 'order_id', bad);

  const trans = f.transFile;
  for (const { line, row } of f.trans) {
    const a = accounts.get(row.account_id);
    if (!a) need(f.accounts.rejected.has(row.account_id), trans, line, 'account_id', `account ${row.account_id} is not in account.asc`);
    else need(row.date.at >= a.date.at, trans, line, 'date', `${row.date.iso} is before account ${row.account_id} was opened (${a.date.iso})`);
  }
  byId(trans, f.trans, 'trans_id', bad);
  return { districts, accounts, clients, disps, owner, disponents };
}
