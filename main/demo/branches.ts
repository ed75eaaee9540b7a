import type { Row } from '../source';
import { DISTRICTS, type District } from './districts';
import { BRANCH_STREETS } from './names';
import { rngFor } from './random';

/** The bank opened its first branch (Prague) when Berka's data begins. */
export const BANK_FOUNDED = Date.UTC(1993, 0, 4, 8);

/** Opening hours scale with the town: big cities open late and on Saturday mornings. */
function hoursFor(d: District): string {
  if (d.inhabitants >= 250_000) return 'Mon–Fri 08:30–18:00, Sat 09:00–12:00';
  if (d.inhabitants >= 140_000) return 'Mon–Fri 08:30–17:30';
  if (d.inhabitants >= 90_000) return 'Mon–Thu 08:30–17:00, Fri 08:30–16:00';
  return 'Mon, Wed 08:30–17:00; Tue, Thu 08:30–16:00; Fri 08:30–14:00';
}

function phone(areaCode: string, a: number, b: number): string {
  return `+420 ${areaCode} ${String(a).padStart(3, '0')} ${String(b).padStart(3, '0')}`;
}

export interface Branch {
  id: number;
  district: District;
  /** Street line, used in ATM and branch transaction descriptions. */
  street: string;
}

/** One branch per Berka district, ids in district order (Prague head office = 1). */
export function buildBranches(seed: number): { branches: Branch[]; rows: Row<'branches'>[] } {
  const branches: Branch[] = [];
  const rows: Row<'branches'>[] = [];
  DISTRICTS.forEach((d, i) => {
    const rng = rngFor(seed, 'branch', d.berkaId);
    const id = i + 1;
    const street = `${rng.pick(BRANCH_STREETS)} ${rng.int(1, 60)}`;
    // The network grew out of Prague over the bank's first decade.
    const opened = id === 1 ? BANK_FOUNDED : BANK_FOUNDED + rng.int(60, 3650) * 86_400_000;
    branches.push({ id, district: d, street });
    rows.push({
      id,
      code: `BR${String(d.berkaId).padStart(3, '0')}`,
      name: id === 1 ? 'CloudBank Praha – head office' : `CloudBank ${d.town}`,
      region: d.region,
      address: `${street}, ${d.postcode} ${d.town}`,
      city: d.town,
      phone: phone(d.areaCode, rng.int(100, 999), rng.int(100, 999)),
      hours: hoursFor(d),
      created_at: opened,
      updated_at: opened,
    });
  });
  return { branches, rows };
}
