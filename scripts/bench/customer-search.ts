/**
 * Teller search on a 100,000-customer bank, on the embedded engine and on MariaDB:
 * `tsx scripts/bench/customer-search.ts [customers]`. Prints a table, then one JSON line.
 * MariaDB: CLOUDBANK_TEST_MYSQL (default mysql://root@127.0.0.1:3306), a throw-away database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchCustomers } from '../../main/customers';
import { randomPerson } from '../../main/demo/names';
import { rngFor } from '../../main/demo/random';
import { migrateToLatest, openMysqlBank, openSqliteBank, type Bank, type NewRow } from '../../main/source';
import { freshDatabase } from '../../test/support/mariadb';

const N = Number(process.argv[2] ?? 100_000);
const ROUNDS = 30;
const T0 = Date.UTC(2024, 0, 1);

function rows(): { customers: NewRow<'customers'>[]; accounts: NewRow<'accounts'>[] } {
  const rng = rngFor(42, 'bench-search', 0);
  const customers: NewRow<'customers'>[] = [];
  const accounts: NewRow<'accounts'>[] = [];
  for (let id = 1; id <= N; id++) {
    const yy = 1940 + rng.int(0, 65);
    const dob = `${yy}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    customers.push({
      id,
      customer_no: `CB${String(id).padStart(7, '0')}`,
      legal_name: randomPerson(rng),
      date_of_birth: dob,
      gender: 'F',
      national_id: `${dob.slice(2).replace(/-/g, '')}/${String(id).padStart(5, '0')}`,
      address: 'Masarykova 1',
      city: 'Brno',
      phone: `+420 ${rng.int(600, 799)} ${String(rng.int(0, 999)).padStart(3, '0')} ${String(id % 1000).padStart(3, '0')}`,
      email: `c${id}@example.com`,
      occupation: 'Clerk',
      risk_rating: 'low',
      kyc_status: 'verified',
      kyc_next_review: '2027-01-01',
      preferred_channel: 'email',
      branch_id: 1,
      created_at: T0,
      updated_at: T0,
    });
    accounts.push({
      id,
      account_no: `CZ${String(10 + (id % 89))}0800000019${String(1_000_000_000 + id * 7919).slice(-10)}`,
      kind: 'customer',
      name: 'Current account',
      customer_id: id,
      product_id: null,
      branch_id: 1,
      currency: 'CZK',
      balance: 0,
      status: 'open',
      status_reason: null,
      opened_at: T0,
      closed_at: null,
      updated_at: T0,
    });
  }
  return { customers, accounts };
}

async function load(bank: Bank, data: ReturnType<typeof rows>): Promise<void> {
  await bank.db
    .insertInto('branches')
    .values({
      id: 1,
      code: 'B1',
      name: 'Brno',
      region: 'South Moravia',
      address: 'Masarykova 1',
      city: 'Brno',
      phone: '+420 500 000 000',
      hours: '9–17',
      created_at: T0,
      updated_at: T0,
    })
    .execute();
  for (const [table, list] of [
    ['customers', data.customers],
    ['accounts', data.accounts],
  ] as const) {
    for (let i = 0; i < list.length; i += 1000) {
      const chunk = list.slice(i, i + 1000);
      await bank.db.transaction().execute((trx) =>
        trx
          .insertInto(table)
          .values(chunk as never)
          .execute(),
      );
    }
  }
}

function queries(data: ReturnType<typeof rows>): Array<[string, string]> {
  const c = data.customers[54_320 % N] as NewRow<'customers'>;
  const a = data.accounts[54_320 % N] as NewRow<'accounts'>;
  const [given, family] = c.legal_name.split(' ') as [string, string];
  return [
    ['name: 2 letters', 'ja'],
    ['name: "nov jan"', 'nov jan'],
    ['name: family + given prefix', `${family.slice(0, 4)} ${given.slice(0, 2)}`],
    ['name: full', c.legal_name],
    ['customer no', c.customer_no],
    ['customer no digits', String(c.id)],
    ['account: full IBAN, spaced', a.account_no.replace(/(.{4})/g, '$1 ')],
    ['account: last 6 digits', a.account_no.slice(-6)],
    ['phone: +420 …', c.phone],
    ['phone: no country code', c.phone.slice(5)],
    ['national id', c.national_id],
  ];
}

async function measure(bank: Bank, qs: Array<[string, string]>): Promise<Record<string, { p50: number; max: number; hits: number }>> {
  const out: Record<string, { p50: number; max: number; hits: number }> = {};
  for (const [label, q] of qs) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < ROUNDS + 3; i++) {
      const t = performance.now();
      hits = (await searchCustomers(bank, q, 20)).length;
      if (i >= 3) times.push(performance.now() - t);
    }
    times.sort((x, y) => x - y);
    out[label] = { p50: Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(2)), max: Number((times.at(-1) ?? 0).toFixed(2)), hits };
  }
  return out;
}

async function main(): Promise<void> {
  const data = rows();
  const qs = queries(data);
  const results: Record<string, Record<string, { p50: number; max: number; hits: number }>> = {};

  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-search-'));
  const local = openSqliteBank(join(dir, 'bank.sqlite'));
  try {
    await migrateToLatest(local.db, 'sqlite');
    await load(local, data);
    results.sqlite = await measure(local, qs);
  } finally {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const db = await freshDatabase('cbbench');
  const remote = openMysqlBank(db.url);
  try {
    await migrateToLatest(remote.db, 'mysql');
    await load(remote, data);
    results.mariadb = await measure(remote, qs);
  } finally {
    await remote.close();
    await db.drop();
  }

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`customer search on ${N} customers (ms, ${ROUNDS} runs each, limit 20)`);
  console.log(`${pad('query', 30)}${pad('sqlite p50', 12)}${pad('max', 9)}${pad('mariadb p50', 13)}${pad('max', 9)}hits`);
  for (const [label] of qs) {
    const s = results.sqlite?.[label];
    const m = results.mariadb?.[label];
    console.log(`${pad(label, 30)}${pad(String(s?.p50), 12)}${pad(String(s?.max), 9)}${pad(String(m?.p50), 13)}${pad(String(m?.max), 9)}${s?.hits}/${m?.hits}`);
  }
  const worst = (e: string) => Math.max(...Object.values(results[e] ?? {}).map((r) => r.p50));
  console.log(
    JSON.stringify({
      bench: 'customer-search',
      customers: N,
      sqlite_worst_p50_ms: worst('sqlite'),
      mariadb_worst_p50_ms: worst('mariadb'),
      ok: worst('sqlite') < 50 && worst('mariadb') < 50,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
