import { createConnection, type Connection } from 'mysql2/promise';
import { migrateToLatest, openMysqlBank } from '../../main/source';

export const SERVER = process.env.CLOUDBANK_BENCH_MYSQL ?? process.env.CLOUDBANK_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';

/** A fresh bench database with the bank schema; dropped by `drop()`. */
export async function benchDatabase(prefix: string): Promise<{ url: string; conn: Connection; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = await createConnection(SERVER);
  await admin.query(`create database \`${name}\``);
  await admin.end();
  const url = `${SERVER.replace(/\/$/, '')}/${name}`;
  const bank = openMysqlBank(url);
  await migrateToLatest(bank.db, 'mysql');
  await bank.close();
  const conn = await createConnection({ uri: url, multipleStatements: true });
  return {
    url,
    conn,
    async drop() {
      await conn.query(`drop database \`${name}\``);
      await conn.end();
    },
  };
}

const DAY = 86_400_000;

/**
 * Fills `n` transactions (journal rows, each with a customer and a cash-vault entry) quickly with
 * MariaDB's SEQUENCE engine. Ids continue after `offset`; amounts and channels vary deterministically.
 */
export async function fillTransactions(conn: Connection, n: number, offset: number, accounts: number, start: number): Promise<void> {
  const chunk = 250_000;
  for (let from = 1; from <= n; from += chunk) {
    const to = Math.min(n, from + chunk - 1);
    const seq = `seq_${from}_to_${to}`;
    await conn.query(
      `insert into journal (id, reference, booked_at, type, channel, amount, currency, description, status, created_by)
       select seq + ${offset}, concat('BX', seq + ${offset}), ${start} + (seq + ${offset}) * 20000, elt(1 + seq % 4, 'deposit', 'withdrawal', 'card', 'payment'),
              elt(1 + seq % 5, 'branch', 'atm', 'card', 'online', 'wire'), 100 + (seq * 7919) % 500000, 'EUR', 'bench transaction', 'posted', 'bench'
       from ${seq}`,
    );
    // Two plain INSERT … SELECTs: a UNION would make the server spill a temporary table per chunk.
    for (const [leg, account, sign] of [
      [1, `2 + (seq % ${accounts})`, 'if(seq % 4 = 0, 1, -1)'],
      [0, '1', 'if(seq % 4 = 0, -1, 1)'],
    ] as const) {
      await conn.query(
        `insert into entries (id, journal_id, account_id, amount, balance_after, booked_at)
         select 2 * (seq + ${offset}) - ${leg}, seq + ${offset}, ${account}, ${sign} * cast(100 + (seq * 7919) % 500000 as signed), 0, ${start} + (seq + ${offset}) * 20000 from ${seq}`,
      );
    }
  }
}

const BRANCHES = 50;
const PRODUCTS = 5;

/** Branches, products, customers and accounts (account 1 is the bank's cash vault) for the bench ledger. */
export async function fillReferenceData(conn: Connection, customers: number): Promise<void> {
  const now = Date.now();
  await conn.query(
    `insert into branches (id, code, name, region, address, city, phone, hours, created_at, updated_at)
     select seq, concat('B', seq), concat('Branch ', seq), 'Bench', 'Main St 1', 'Prague', '+420 000', 'Mo–Fr 9–17', ${now}, ${now} from seq_1_to_${BRANCHES}`,
  );
  await conn.query(
    `insert into products (id, code, name, kind, currency, interest_rate_bp, monthly_fee, overdraft_limit, daily_withdrawal_limit, active, description, created_at, updated_at)
     select seq, concat('P', seq), concat('Product ', seq), 'current', 'EUR', 0, 0, 0, 0, 1, '', ${now}, ${now} from seq_1_to_${PRODUCTS}`,
  );
  await conn.query(
    `insert into customers (id, customer_no, legal_name, date_of_birth, gender, national_id, address, city, phone, email, occupation, risk_rating, kyc_status, kyc_next_review, preferred_channel, branch_id, created_at, updated_at)
     select seq, concat('C', seq), concat('Customer ', seq), '1980-01-01', 'X', concat('N', seq), 'Street 1', 'Prague', '+420', concat('c', seq, '@example.com'), 'clerk', 'low', 'verified', '2027-01-01', 'email', 1 + seq % ${BRANCHES}, ${now}, ${now} from seq_1_to_${customers}`,
  );
  await conn.query(
    `insert into accounts (id, account_no, kind, name, customer_id, product_id, branch_id, currency, balance, status, opened_at, updated_at) values (1, 'VAULT', 'internal', 'Cash vault', null, null, 1, 'EUR', 0, 'open', ${now}, ${now})`,
  );
  await conn.query(
    `insert into accounts (id, account_no, kind, name, customer_id, product_id, branch_id, currency, balance, status, opened_at, updated_at)
     select seq + 1, concat('ACC', seq), 'customer', 'Current', seq, 1 + seq % ${PRODUCTS}, 1 + seq % ${BRANCHES}, 'EUR', 0, 'open', ${now}, ${now} from seq_1_to_${customers}`,
  );
}

/** Loans over 2023-06 … 2025-04 with twelve monthly instalments; some unpaid, so the book has arrears and defaults. */
export async function fillLoans(conn: Connection, loans: number, customers: number): Promise<void> {
  const now = Date.now();
  await conn.query(
    `insert into loans (id, account_id, customer_id, product_id, principal, currency, interest_rate_bp, term_months, monthly_payment, start_date, status, created_at, updated_at)
     select seq, 2 + seq % ${customers}, 1 + seq % ${customers}, 1 + seq % 5, 120000 + (seq * 7919) % 4800000, 'EUR', 650, 12, floor((120000 + (seq * 7919) % 4800000) / 12),
            date_format(date_add('2023-06-01', interval seq % 690 day), '%Y-%m-%d'),
            elt(1 + seq % 10, 'running', 'running', 'running', 'running', 'repaid', 'repaid', 'repaid', 'in_arrears', 'in_arrears', 'defaulted'), ${now}, ${now}
     from seq_1_to_${loans}`,
  );
  // Paid on time, except: every 10th loan stops paying after its 4th instalment, every 7th after its 9th.
  await conn.query(
    `insert into loan_repayments (id, loan_id, installment, due_date, amount_due, amount_paid, paid_at, status)
     select (l.id - 1) * 12 + k.seq, l.id, k.seq, date_format(date_add(l.start_date, interval k.seq month), '%Y-%m-%d'), l.monthly_payment,
            if((l.id % 10 = 0 and k.seq > 4) or (l.id % 7 = 0 and k.seq > 9), 0, l.monthly_payment),
            if((l.id % 10 = 0 and k.seq > 4) or (l.id % 7 = 0 and k.seq > 9), null, unix_timestamp(date_add(l.start_date, interval k.seq month)) * 1000),
            if((l.id % 10 = 0 and k.seq > 4) or (l.id % 7 = 0 and k.seq > 9), 'due', 'paid')
     from loans l join seq_1_to_12 k`,
  );
}

export const BENCH_START = Date.UTC(2024, 0, 1) - DAY;
