import type { WriteRow } from '../../ledger';
import { placeholderCustomer } from '../new-rows';
import type { Row } from '../../source';
import type { IdAllocator } from '../next-ids';
import type { BerkaFiles } from './load';
import type { BerkaIndex } from './references';
import type { Account } from './schemas';

export type Frequency = Account['frequency'];

/** Berka's statement frequency is the only product attribute it has: one current-account product per frequency. */
const CURRENT_PRODUCTS: Record<Frequency, { code: string; name: string }> = {
  'POPLATEK MESICNE': { code: 'BERKA-CUR-MONTHLY', name: 'Berka current account – monthly statements' },
  'POPLATEK TYDNE': { code: 'BERKA-CUR-WEEKLY', name: 'Berka current account – weekly statements' },
  'POPLATEK PO OBRATU': { code: 'BERKA-CUR-PER-TXN', name: 'Berka current account – statement after each transaction' },
};

export interface BerkaParties {
  branches: Row<'branches'>[];
  products: Row<'products'>[];
  customers: WriteRow<'customers'>[];
  /** Berka district id → branch id. */
  branchOf: Map<number, number>;
  /** Berka client id → customer id. */
  customerOf: Map<number, number>;
  currentProduct: Record<Frequency, number>;
  loanProduct: number;
  /** The earliest account opening in the data: when the imported bank's own accounts start. */
  dataStart: number;
}

function product(id: number, code: string, name: string, kind: Row<'products'>['kind'], description: string, at: number, now: number): Row<'products'> {
  return {
    id,
    code,
    name,
    kind,
    currency: 'CZK',
    interest_rate_bp: 0,
    monthly_fee: 0,
    overdraft_limit: 0,
    daily_withdrawal_limit: 0,
    active: 0,
    description,
    created_at: at,
    updated_at: now,
  };
}

/**
 * Districts become branches (code D01…D77), clients customers. Berka has no names, addresses or
 * contacts, so none are invented: names are placeholders ("Berka client 1234"), contact fields
 * stay empty, and the client id stays findable in customer_no (BK1234) and national_id
 * (berka-<birth number>-<client id>). KYC is 'pending' (the source has no KYC evidence), due now.
 * Products carry no prices: Berka states none (fees are the postings themselves).
 */
export function buildParties(f: BerkaFiles, ix: BerkaIndex, ids: IdAllocator, now: number): BerkaParties {
  const dataStart = Math.min(...f.accounts.map((a) => a.row.date.at));
  const branches: Row<'branches'>[] = [];
  const branchOf = new Map<number, number>();
  for (const d of [...ix.districts.values()].sort((a, b) => a.A1 - b.A1)) {
    const id = ids.take('branches');
    branchOf.set(d.A1, id);
    branches.push({
      id,
      code: `D${String(d.A1).padStart(2, '0')}`,
      name: `Berka ${d.A2}`,
      region: d.A3,
      address: '',
      city: d.A2,
      phone: '',
      hours: '',
      created_at: dataStart,
      updated_at: now,
    });
  }

  const products: Row<'products'>[] = [];
  const currentProduct = {} as Record<Frequency, number>;
  for (const [freq, p] of Object.entries(CURRENT_PRODUCTS) as Array<[Frequency, { code: string; name: string }]>) {
    const id = ids.take('products');
    currentProduct[freq] = id;
    products.push(
      product(
        id,
        p.code,
        p.name,
        'current',
        `Imported from the Berka data set (statement frequency "${freq}"). CZK; no overdraft was arranged: negative balances bore penalty interest.`,
        dataStart,
        now,
      ),
    );
  }
  const loanProduct = ids.take('products');
  products.push(
    product(
      loanProduct,
      'BERKA-LOAN',
      'Berka loan',
      'loan',
      'Imported from the Berka data set. The rate is not in the data (amount = monthly payment × months), so it reads 0.',
      dataStart,
      now,
    ),
  );

  // A client's customer record dates from the first account they own or may use.
  const since = new Map<number, number>();
  for (const d of ix.disps.values()) {
    const opened = ix.accounts.get(d.account_id)?.date.at ?? dataStart;
    since.set(d.client_id, Math.min(since.get(d.client_id) ?? Infinity, opened));
  }
  const customers: WriteRow<'customers'>[] = [];
  const customerOf = new Map<number, number>();
  for (const { row: c } of [...f.clients].sort((a, b) => a.row.client_id - b.row.client_id)) {
    const id = ids.take('customers');
    customerOf.set(c.client_id, id);
    const created = since.get(c.client_id) ?? dataStart;
    customers.push(
      placeholderCustomer({
        id,
        customerNo: `BK${c.client_id}`,
        legalName: `Berka client ${c.client_id}`,
        dateOfBirth: c.birth_number.dateOfBirth,
        gender: c.birth_number.gender,
        nationalId: `berka-${c.birth_number.raw}-${c.client_id}`,
        city: ix.districts.get(c.district_id)?.A2 ?? '',
        branchId: branchOf.get(c.district_id) ?? 0,
        createdAt: Number.isFinite(created) ? created : dataStart,
        now,
      }),
    );
  }
  return { branches, products, customers, branchOf, customerOf, currentProduct, loanProduct, dataStart };
}
