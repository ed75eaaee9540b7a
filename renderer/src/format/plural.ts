import { formatCount } from './number';

// The nouns are English, so their plural category is English's; the number itself is grouped in the user's locale.
const EN = new Intl.PluralRules('en');

/** "1 movement", "2 movements", "1,204 movements": a count with its noun in the right number. */
export function countOf(n: number, one: string, other: string, locale?: string): string {
  return `${formatCount(n, locale)} ${EN.select(n) === 'one' ? one : other}`;
}

/** "1 day", "1.5 days", "2 days": a measured amount (up to `maximumFractionDigits` decimals) with its unit in the right number. */
export function amountOf(n: number, one: string, other: string, locale?: string, maximumFractionDigits = 1): string {
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits }).format(n);
  // The plural of the number as shown: 1.04 shown as "1" reads "1 day".
  const shown = Number(new Intl.NumberFormat('en', { maximumFractionDigits, useGrouping: false }).format(n));
  return `${text} ${EN.select(shown) === 'one' ? one : other}`;
}
