/** How many trailing characters a shortened account number keeps: enough to tell a bank's accounts apart at a glance. */
const TAIL = 6;

/** "CZ3420260000001552197432" → "…197432" for dense grids; short numbers stay whole. */
export function shortAccountNo(accountNo: string): string {
  const compact = accountNo.replace(/\s+/g, '');
  return compact.length > TAIL + 2 ? `…${compact.slice(-TAIL)}` : compact;
}

/** The full number in groups of four ("CZ34 2026 0000 0015 5219 7432"), as printed on paper. */
export function groupedAccountNo(accountNo: string): string {
  return accountNo.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
