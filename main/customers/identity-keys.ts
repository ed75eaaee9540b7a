import unhomoglyph from 'unhomoglyph';
import { sameNameKey } from './fold';

/**
 * What makes two identities "the same" for the KYC duplicate check, made so that a name or id
 * that only looks different is still caught (issue 14, finding 5):
 * - invisible characters: format characters (zero-width space/joiners, bidi overrides and
 *   isolates, soft hyphen, BOM) and every other default-ignorable code point (variation
 *   selectors, Hangul fillers…) draw nothing, so a name containing them reads the same;
 * - compatibility forms (full-width letters, ligatures, superscripts) are folded by NFKC;
 * - look-alike letters from other scripts (Cyrillic "а", Greek "Ο") are folded to the Latin
 *   letter they imitate with Unicode's confusables table (TR39), which unhomoglyph ships.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The legal name as stored: NFKC, no invisible characters, single spaces. */
export function cleanLegalName(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/**
 * The comparison key of a legal name: cleaned, look-alikes folded to their Latin prototype,
 * accents and case removed, words in order. "Jana Nováková", "JАNA NOVAKOVA" (Cyrillic А) and
 * "Jana\u200b Nováková" give one key. Over-folding is the safe side here: a name match is only a
 * warning the teller confirms, never a refusal.
 */
export function nameSkeleton(name: string): string {
  // Lower case first: the table folds capital I to l, which would part "ZOFIE" from "Zofie".
  const folded = unhomoglyph(cleanLegalName(name).toLowerCase()).normalize('NFD').replace(/\p{M}/gu, '');
  return sameNameKey(folded);
}

/** The national id as stored: NFKC (full-width digits), no invisible characters or spaces, capitals. */
export function cleanNationalId(id: string): string {
  return id.normalize('NFKC').replace(INVISIBLE, '').replace(/[\s.]/gu, '').toUpperCase();
}

/**
 * The id without its separators, as the unique `customers.national_id_key` column computes it
 * (migration 010): "390317/985", "390317-985" and "390317985" are one person.
 */
export function nationalIdKey(id: string): string {
  return cleanNationalId(id).replace(/[/-]/g, '');
}
