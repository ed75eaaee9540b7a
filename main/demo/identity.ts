import { AGE_VENTILES, FEMALE_SHARE } from './calibration';
import { DAY_MS } from './calendar';
import { DISTRICTS, type District } from './districts';
import { asciiSlug, EMAIL_DOMAINS, givenName, STREETS, surname } from './names';
import { Cumulative, type Rng } from './random';

/** Who a customer is: demographics calibrated on client.asc, plus contact details. */
export interface Identity {
  female: boolean;
  age: number;
  birthIso: string;
  district: District;
  givenName: string;
  surname: string;
  address: string;
  phone: string;
  email: string;
  nationalId: string;
}

const DISTRICT_MIX = new Cumulative(DISTRICTS.map((d) => d.berkaClients));
const MOBILE_PREFIXES = [
  601, 602, 603, 604, 605, 606, 607, 608, 702, 720, 721, 722, 723, 724, 725, 728, 730, 731, 732, 733, 734, 736, 737, 739, 770, 773, 774, 775, 776, 777, 778, 790, 792, 793, 796,
  799,
];
const YEAR_MS = 365.2425 * DAY_MS;

/** Age at the end date from client.asc ventiles (linear between knots); the bank serves 15+. */
function drawAge(rng: Rng): number {
  for (;;) {
    const u = rng.next() * (AGE_VENTILES.length - 1);
    const i = Math.floor(u);
    const lo = AGE_VENTILES[i] ?? 18;
    const hi = AGE_VENTILES[i + 1] ?? lo;
    const age = Math.floor(lo + (u - i) * (hi - lo));
    if (age >= 15) return age;
  }
}

/**
 * Czech birth number (rodné číslo), the national id Berka's birth_number comes from: YYMMDD with
 * month + 50 for women, then a serial; since 1954 ten digits divisible by 11.
 */
function birthNumber(rng: Rng, year: number, month: number, day: number, female: boolean, taken: Set<string>): string {
  const head = `${String(year % 100).padStart(2, '0')}${String(month + (female ? 50 : 0)).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  for (let serial = rng.int(0, 998); ; serial = (serial + 1) % 1000) {
    let id: string;
    if (year < 1954) {
      id = `${head}/${String(serial).padStart(3, '0')}`;
    } else {
      const n9 = Number(head + String(serial).padStart(3, '0'));
      const check = n9 % 11;
      if (check === 10) continue;
      id = `${head}/${String(serial).padStart(3, '0')}${check}`;
    }
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function drawIdentity(rng: Rng, end: number, takenIds: Set<string>): Identity {
  const female = rng.chance(FEMALE_SHARE);
  const age = drawAge(rng);
  const birth = new Date(end - (age + rng.next() * 0.998) * YEAR_MS - DAY_MS);
  const y = birth.getUTCFullYear();
  const m = birth.getUTCMonth() + 1;
  const d = birth.getUTCDate();
  const district = DISTRICTS[DISTRICT_MIX.index(rng.next())] ?? (DISTRICTS[0] as District);
  const given = givenName(rng, female);
  const family = surname(rng, female);
  const street = rng.pick(STREETS);
  const houseNo = rng.chance(0.6) ? `${rng.int(1, 2999)}/${rng.int(1, 60)}` : String(rng.int(1, 999));
  const mobile = rng.pick(MOBILE_PREFIXES);
  const phone = `+420 ${mobile} ${String(rng.int(0, 999)).padStart(3, '0')} ${String(rng.int(0, 999)).padStart(3, '0')}`;
  // Older customers more often have no e-mail address at all.
  const noEmail = age >= 70 && rng.chance(0.25);
  const suffix = rng.chance(0.45) ? String(rng.chance(0.5) ? y % 100 : rng.int(1, 99)).padStart(2, '0') : '';
  const localPart = rng.chance(0.8) ? `${asciiSlug(given)}.${asciiSlug(family)}` : `${asciiSlug(family)}.${asciiSlug(given).slice(0, 1)}`;
  const email = noEmail ? '' : `${localPart}${suffix}@${rng.weighted(EMAIL_DOMAINS)}`;
  return {
    female,
    age,
    birthIso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    district,
    givenName: given,
    surname: family,
    address: `${street} ${houseNo}, ${district.postcode} ${district.town}`,
    phone,
    email,
    nationalId: birthNumber(rng, y, m, d, female, takenIds),
  };
}
