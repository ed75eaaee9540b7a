import type { Statement } from '../../shared/contract';
import { formatMinorPlain } from '../../shared/money';
import { csvLine } from '../../shared/spreadsheet-cell';

/** RFC 4180 CSV with plain decimal amounts (no grouping) so spreadsheets read them as numbers. */
export function statementCsv(s: Statement, timeZone: string): string {
  const cur = s.account.currency;
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const rows: string[][] = [
    ['account', s.account.accountNo],
    ['holder', s.account.customer?.legalName ?? s.account.name],
    ['currency', cur],
    ['from', day.format(s.from)],
    ['to (exclusive)', day.format(s.to)],
    ['opening_balance', formatMinorPlain(s.opening, cur)],
    ['credits', formatMinorPlain(s.credits, cur)],
    ['debits', formatMinorPlain(s.debits, cur)],
    ['closing_balance', formatMinorPlain(s.closing, cur)],
    [],
    ['booked_at', 'reference', 'type', 'channel', 'description', 'counterparty', 'amount', 'balance_after'],
    ...s.lines.map((l) => [
      day.format(l.bookedAt),
      l.reference,
      l.type,
      l.channel,
      l.description,
      l.counterparty ?? '',
      formatMinorPlain(l.amount, cur),
      formatMinorPlain(l.balanceAfter, cur),
    ]),
  ];
  // csvLine defuses formulas in text (a description starting with "=") but keeps "-10.00" a number.
  return rows.map(csvLine).join('\r\n') + '\r\n';
}
