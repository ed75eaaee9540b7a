import type { MethodOutput } from '../../../../shared/contract';
import { formatDate, formatDateTime } from '../../format/date';
import { formatMoney } from '../../format/money';
import { countOf } from '../../format/plural';

export type SarDraft = MethodOutput<'alerts.sarDraft'>;

/** The report as plain text for download: the facts from the draft, then the analyst's narrative. */
export function sarText(draft: SarDraft, narrative: string, preparedBy: string, now: number = Date.now()): string {
  const s = draft.subject;
  const lines: string[] = [
    draft.title,
    '='.repeat(Math.min(78, draft.title.length)),
    '',
    `Prepared by: ${preparedBy}`,
    `Prepared on: ${formatDateTime(now)}`,
    `Status: DRAFT — not filed`,
    '',
    'SUBJECT',
    `  Name:           ${s.name}`,
    `  Customer no.:   ${s.customerNo ?? '—'}`,
    `  Date of birth:  ${s.dateOfBirth ?? '—'}`,
    `  National ID:    ${s.nationalId ?? '—'}`,
    `  Address:        ${s.address ?? '—'}`,
    '',
    'ACCOUNTS',
    ...draft.accounts.map((a) => `  ${a}`),
    '',
    `SUSPICIOUS ACTIVITY ${formatDate(draft.period.from)} – ${formatDate(draft.period.to)}`,
    `  Total: ${formatMoney(draft.totalAmount, draft.currency)} in ${countOf(draft.transactions.length, 'transaction', 'transactions')}`,
    '',
    ...draft.transactions.map(
      (t) =>
        `  ${formatDateTime(t.bookedAt)}  ${t.reference.padEnd(14)} ${formatMoney(t.amount, t.currency).padStart(20)}  ${t.type}/${t.channel}` +
        `${t.counterpartyName || t.counterpartyAccount ? `  ${[t.counterpartyName, t.counterpartyAccount].filter(Boolean).join(' ')}` : ''}` +
        `${t.externalRef ? `  ext ${t.externalRef}` : ''}`,
    ),
    '',
    'NARRATIVE',
    narrative.trim(),
    '',
  ];
  return lines.join('\r\n');
}

export function sarFileName(alertId: number, now: number = Date.now()): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `sar-draft-alert-${alertId}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.txt`;
}
