import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BadRows } from '../bad-rows';
import type { ProgressMeter } from '../progress';
import { readTable, type Table } from './read-table';
import {
  ACCOUNT,
  CARD,
  CLIENT,
  DISP,
  DISTRICT,
  LOAN,
  ORDER,
  TRANS,
  type Account,
  type Card,
  type Client,
  type Disp,
  type District,
  type Loan,
  type Order,
  type Trans,
} from './schemas';

export interface BerkaFiles {
  districts: Table<District>;
  accounts: Table<Account>;
  clients: Table<Client>;
  disps: Table<Disp>;
  orders: Table<Order>;
  loans: Table<Loan>;
  cards: Table<Card>;
  trans: Table<Trans>;
  /** trans.asc, or an extract of it such as trans_1993-01-01_to_1994-03-30.asc. */
  transFile: string;
}

const SMALL = [DISTRICT, ACCOUNT, CLIENT, DISP, ORDER, LOAN, CARD];

/** The one transactions file in the folder: the full trans.asc or a dated extract of it. */
function transFileIn(dir: string): string {
  const found = readdirSync(dir).filter((f) => /^trans.*\.asc$/i.test(f));
  if (found.length === 0) throw new Error(`${dir} has no trans*.asc file (Berka's transactions).`);
  if (found.length > 1) throw new Error(`${dir} has several transaction files (${found.join(', ')}): keep one.`);
  return found[0] ?? '';
}

/** Reads and checks the eight Berka files; bad rows are collected, good rows returned. */
export async function loadBerkaFiles(dir: string, bad: BadRows, meter: ProgressMeter): Promise<BerkaFiles> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder.`);
  const missing = SMALL.map((s) => s.file).filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new Error(`${dir} is not the Berka data set: ${missing.join(', ')} missing.`);
  const transFile = transFileIn(dir);
  const districts = await readTable(dir, DISTRICT.file, DISTRICT, bad);
  const accounts = await readTable(dir, ACCOUNT.file, ACCOUNT, bad);
  const clients = await readTable(dir, CLIENT.file, CLIENT, bad);
  const disps = await readTable(dir, DISP.file, DISP, bad);
  const orders = await readTable(dir, ORDER.file, ORDER, bad);
  const loans = await readTable(dir, LOAN.file, LOAN, bad);
  const cards = await readTable(dir, CARD.file, CARD, bad);
  const trans = await readTable(dir, transFile, TRANS, bad, (done, total) => meter.report('reading', done, total, 'bytes'));
  return { districts, accounts, clients, disps, orders, loans, cards, trans, transFile };
}
