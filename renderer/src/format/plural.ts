import { formatCount } from './number';

// The nouns are English, so their plural category is English's; the number itself is grouped in the user's locale.
const EN = new Intl.PluralRules('en');

/** "1 movement", "2 movements", "1,204 movements": a count with its noun in the right number. */
export function countOf(n: number, one: string, other: string, locale?: string): string {
  return `${formatCount(n, locale)} ${EN.select(n) === 'one' ? one : other}`;
}
