/**
 * The folding the search index uses (migration 005's triggers do the same in SQL): lower case,
 * common European accents removed, separators turned into spaces. A test checks both agree.
 */
const FOLD: ReadonlyMap<string, string> = (() => {
  const lower = 'áàâäãåāăąçćčďđéèêëěēėęíìîïīįłľĺňńñóòôöõőøřŕšśşťţúùûüůűūųýÿžźżæœß';
  const special: Record<string, string> = { đ: 'd', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss' };
  const base = (ch: string): string => special[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
  const m = new Map<string, string>();
  for (const ch of lower) {
    m.set(ch, base(ch));
    const up = ch.toUpperCase();
    if (up !== ch && up.length === 1) m.set(up, base(ch));
  }
  return m;
})();

const SEPARATOR = /[-.,'’()/_&+;:%*?[\]"\\`\t\n\r]/;

/** The words of a name as stored in `customer_name_tokens` (SQLite's lower() only folds ASCII, so we do too). */
export function nameTokens(name: string): string[] {
  let out = '';
  for (const ch of name) {
    const f = FOLD.get(ch);
    if (f !== undefined) out += f;
    else if (SEPARATOR.test(ch)) out += ' ';
    else out += ch >= 'A' && ch <= 'Z' ? ch.toLowerCase() : ch;
  }
  return out.split(' ').filter((t) => t !== '');
}

/**
 * Words of what the teller typed: like nameTokens, but anything that is neither a letter nor a digit
 * separates, and other scripts are lower-cased too (nobody types them into a LIKE pattern).
 */
export function queryTokens(query: string): string[] {
  return nameTokens(query.normalize('NFC'))
    .flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((t) => t !== '');
}

/** "Jana Nováková" and "JANA  NOVAKOVA" are the same legal name. */
export function sameNameKey(name: string): string {
  return nameTokens(name.normalize('NFC')).join(' ').toLowerCase();
}
