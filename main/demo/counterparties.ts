import { czechIban, makeIban } from '../../shared/account-number';
import type { OrderKind } from './calibration';
import { hashParts, type Rng } from './random';

/**
 * Who customers pay and who pays them. Names are invented; each named counterparty keeps one
 * account number (derived from its name), so "known payee" versus "new payee" is meaningful.
 */

/** Bank codes of the other Czech banks counterparties bank with. */
const OTHER_BANK_CODES = ['0100', '0300', '0800', '0600', '2010', '2700', '3030', '5500', '6210'];

const ibanCache = new Map<string, string>();

/** A valid CZ IBAN at another bank, stable for a given key. */
export function externalIban(key: string): string {
  let iban = ibanCache.get(key);
  if (iban === undefined) {
    iban = computeExternalIban(key);
    // Payees repeat all the time; one-off names (fan-in senders) would only grow the cache.
    if (ibanCache.size < 50_000) ibanCache.set(key, iban);
  }
  return iban;
}

function computeExternalIban(key: string): string {
  const h1 = hashParts(['iban', key]);
  const h2 = hashParts(['iban2', key]);
  const bank = OTHER_BANK_CODES[h1 % OTHER_BANK_CODES.length] ?? '0800';
  const base = String(1_000_000_000 + (h2 % 8_999_999_999)).padStart(10, '0');
  return czechIban(bank, '0', base);
}

/** BBAN layouts (n = digit, a = letter) of countries money mules and scam accounts often sit in. */
const FOREIGN_LAYOUTS: ReadonlyArray<readonly [string, string]> = [
  ['LT', 'nnnnnnnnnnnnnnnn'],
  ['RO', 'aaaannnnnnnnnnnnnnnn'],
  ['GB', 'aaaannnnnnnnnnnnnn'],
  ['DE', 'nnnnnnnnnnnnnnnnnn'],
  ['PL', 'nnnnnnnnnnnnnnnnnnnnnnnn'],
  ['BG', 'aaaannnnnnnnnnnnnn'],
  ['CY', 'nnnnnnnnnnnnnnnnnnnnnnnn'],
  ['SK', 'nnnnnnnnnnnnnnnnnnnn'],
];

export function foreignIban(rng: Rng): string {
  const [country, layout] = rng.pick(FOREIGN_LAYOUTS);
  let bban = '';
  for (const ch of layout) bban += ch === 'a' ? String.fromCharCode(65 + rng.int(0, 25)) : String(rng.int(0, 9));
  return makeIban(country, bban);
}

export interface Merchant {
  readonly name: string;
  readonly category: string;
  readonly medianEur: number;
  readonly sigma: number;
  readonly weight: number;
  /** Online merchants have no town; card-present ones trade in the customer's district. */
  readonly online: boolean;
}

const m = (name: string, category: string, medianEur: number, sigma: number, weight: number, online = false): Merchant => ({ name, category, medianEur, sigma, weight, online });

/**
 * MODERN: Berka has only 12 card withdrawals and no card purchases in the extract, so card
 * payment sizes are present-day assumptions (overall median ≈ 18 EUR, like EU debit-card data).
 */
export const MERCHANTS: readonly Merchant[] = [
  m('Supermarket Hvězda', 'groceries', 22, 0.8, 16),
  m('FreshMarket', 'groceries', 18, 0.8, 14),
  m('Potraviny U Nádraží', 'groceries', 9, 0.7, 10),
  m('Večerka Pod Lipou', 'groceries', 6, 0.6, 6),
  m('Čerpací stanice Duha', 'fuel', 48, 0.35, 6),
  m('PetroMax', 'fuel', 45, 0.4, 5),
  m('Lékárna Zdraví', 'pharmacy', 12, 0.7, 6),
  m('Restaurace U Lípy', 'restaurant', 19, 0.6, 7),
  m('Pizzerie Roma', 'restaurant', 16, 0.5, 5),
  m('Bistro Na Rohu', 'restaurant', 10, 0.5, 5),
  m('Kavárna Mlýnek', 'cafe', 5, 0.4, 8),
  m('Móda Stella', 'clothing', 42, 0.7, 3),
  m('SportZone', 'sport', 55, 0.8, 2),
  m('ElektroSvět', 'electronics', 85, 0.9, 2),
  m('Hobby Market', 'diy', 30, 0.9, 3),
  m('Kino Svět', 'entertainment', 14, 0.4, 2),
  m('Taxi Express', 'transport', 12, 0.5, 2),
  m('MHD jízdenky', 'transport', 3, 0.5, 3),
  m('NakupOnline.cz', 'online shop', 34, 0.9, 6, true),
  m('Knihy Online', 'online shop', 18, 0.6, 2, true),
  m('Streamly', 'subscription', 11, 0.2, 2, true),
  m('CK Sluníčko', 'travel', 320, 0.8, 0.6, true),
];

/** Card-testing fraud: tiny authorisations at low-friction online merchants, then the cash-out. */
export const TESTING_MERCHANTS = ['DonateNow.org', 'AppCloud Store', 'GameCoins', 'ParkingPay', 'PhoneTopUp', 'Streamly'];
export const CASHOUT_MERCHANTS = ['ElectroMega online', 'GiftCard Hub', 'LuxWatch Shop', 'CryptoBuy Exchange'];

/** Standing-order payees by Berka k_symbol. */
export const ORDER_PAYEES: Record<OrderKind, readonly string[]> = {
  SIPO: ['SIPO household services', 'Bytové družstvo Domov', 'EnergoDomov a.s.', 'Vodárny a kanalizace a.s.', 'NetLink internet s.r.o.', 'Plyn Morava a.s.'],
  POJISTNE: ['Pojišťovna Jistota a.s.', 'Životní pojišťovna Stabilita', 'AutoPojistka a.s.', 'Cestovní pojištění Globus'],
  LEASING: ['LeaseCar s.r.o.', 'Leasing Morava a.s.', 'TechLease s.r.o.'],
  OTHER: ['Penzijní fond Budoucnost', 'Stavební spořitelna Domov', 'TJ Sokol – členské příspěvky', 'Mateřská škola – školné', 'Charita – pravidelný dar'],
};

export const ORDER_LABEL: Record<OrderKind, string> = { SIPO: 'household services', POJISTNE: 'insurance premium', LEASING: 'leasing instalment', OTHER: 'standing order' };

/** One-off bills paid online or at the counter. */
export const BILL_PAYEES = [
  'MobilCom a.s.',
  'Finanční úřad',
  'Městský úřad – poplatky',
  'Autoservis Rychlý',
  'Zubní ordinace MUDr. Malá',
  'Stavebniny Kámen s.r.o.',
  'NakupOnline.cz',
  'Základní škola – výlet',
  'Veterinární klinika',
  'Energie Plus a.s. – vyúčtování',
];

export const EMPLOYERS = [
  'Moravská strojírna a.s.',
  'Bohemia Glass s.r.o.',
  'Logistika Střed s.r.o.',
  'AutoParts CZ a.s.',
  'Potravinářské závody a.s.',
  'Stavby Krátký s.r.o.',
  'IT Solutions Praha s.r.o.',
  'Krajská nemocnice',
  'Městský úřad',
  'Základní škola',
  'Energetika Sever a.s.',
  'Textilní závody a.s.',
  'Obchodní řetězec Hvězda a.s.',
  'Dopravní podnik',
  'Česká pošta, s.p.',
];
export const PENSION_PAYER = 'Czech Social Security Administration';
export const BENEFIT_PAYER = 'Úřad práce – státní sociální podpora';

export const LOAN_PURPOSES: ReadonlyArray<readonly [string, string]> = [
  ['Car purchase', 'AutoCentrum Hvězda s.r.o.'],
  ['Home renovation', 'Stavby Krátký s.r.o.'],
  ['Furniture', 'Nábytek Domov s.r.o.'],
  ['Kitchen', 'Kuchyně Studio s.r.o.'],
  ['Used car', 'Autobazar U Dálnice'],
  ['Holiday', 'CK Sluníčko'],
];
