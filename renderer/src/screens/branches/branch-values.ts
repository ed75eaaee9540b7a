import type { Branch } from '../../../../shared/contract';

/** "+420 601 234 567" → "tel:+420601234567". */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Words of the query that all appear in the branch's code, name, region, address, city or phone. */
export function matchesBranch(b: Branch, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = `${b.code} ${b.name} ${b.region} ${b.address} ${b.city} ${b.phone}`.toLowerCase();
  const digits = text.replace(/[\s()-]/g, '');
  return words.every((w) => text.includes(w) || digits.includes(w.replace(/[\s()-]/g, '')));
}

/** The street address with the city, unless the address already names it ("Nádražní 4, 266 01 Beroun"). */
export function fullAddress(b: Pick<Branch, 'address' | 'city'>): string {
  return b.address.toLowerCase().includes(b.city.toLowerCase()) ? b.address : `${b.address}, ${b.city}`;
}

/** Opening hours one block of days per line: "Mon, Wed 08:30–17:00; Tue, Thu 08:30–16:00" → two lines. */
export function hoursLines(hours: string): string[] {
  return hours
    .split(/;\s*|(?<=\d),\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}
