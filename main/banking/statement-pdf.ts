import { a4Document, printable, printableDeep } from '../pdf-fonts';
import { formatIban } from '../../shared/account-number';
import type { Statement } from '../../shared/contract';
import { currencyDecimals, formatMinorPlain } from '../../shared/money';

const A4_MARGIN = 40;
const COLUMNS = [
  { title: 'Date', width: 70, align: 'left' as const },
  // Wide enough that a reference ("OP-20261125-7GQ2K9XA") never wraps: people copy it from here.
  { title: 'Reference', width: 120, align: 'left' as const },
  { title: 'Description', width: 157, align: 'left' as const },
  { title: 'Amount', width: 84, align: 'right' as const },
  { title: 'Balance', width: 84, align: 'right' as const },
];

/** The statement as a printable A4 PDF: header, period summary, then every line with its running balance. */
export function statementPdf(statement: Statement, opts: { bankName: string; timeZone: string; generatedBy: string; now?: number }): Promise<Buffer> {
  // Names, descriptions and counterparties as the font can print them: a character without a glyph
  // shows as its compatibility form or "�", never silently dropped (as in the reports' PDFs).
  const s = printableDeep(statement);
  const bankName = printable(opts.bankName);
  const cur = s.account.currency;
  // Digits from the ISO 4217 table (HUF 2, where Intl says 0); Intl only groups, and formats the exact decimal string.
  const digits = currencyDecimals(cur);
  const plain = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const amount = (minor: number): string => plain.format(formatMinorPlain(minor, cur) as `${number}`);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: opts.timeZone, day: '2-digit', month: 'short', year: 'numeric' });
  const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone: opts.timeZone, day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  // The period ends exclusively: print its last included day.
  const lastDay = date.format(Math.max(s.from, s.to - 1));

  const { doc, done } = a4Document(A4_MARGIN, { Title: `Statement ${s.account.accountNo}`, Author: opts.bankName });

  const left = A4_MARGIN;
  const width = doc.page.width - 2 * A4_MARGIN;
  doc.font('bold').fontSize(16).text(bankName, left, A4_MARGIN);
  doc.font('body').fontSize(10).fillColor('#555').text('Account statement', { continued: false });
  doc.moveDown(0.8).fillColor('#000');
  const holder = s.account.customer ? `${s.account.customer.legalName} (${s.account.customer.customerNo})` : s.account.name;
  const facts: [string, string][] = [
    ['Account', formatIban(s.account.accountNo)],
    ['Holder', holder],
    ['Product', s.account.productName ?? s.account.name],
    ['Branch', s.account.branchName],
    ['Period', `${date.format(s.from)} – ${lastDay}`],
    ['Currency', cur],
  ];
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.font('body').fontSize(9).fillColor('#555').text(k, left, y, { width: 80 });
    doc.fillColor('#000').text(v, left + 80, y, { width: width - 80 });
  }

  // Summary band: the four figures a customer checks first.
  doc.moveDown(0.8);
  const bandY = doc.y;
  const cell = width / 4;
  const summary: [string, number][] = [
    ['Opening balance', s.opening],
    ['Money in', s.credits],
    ['Money out', -s.debits],
    ['Closing balance', s.closing],
  ];
  doc.rect(left, bandY, width, 38).fill('#f1f3f5').fillColor('#000');
  summary.forEach(([label, value], i) => {
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#555')
      .text(label, left + i * cell + 8, bandY + 6, { width: cell - 16 });
    doc
      .font('bold')
      .fontSize(11)
      .fillColor('#000')
      .text(`${amount(value)} ${cur}`, left + i * cell + 8, bandY + 19, { width: cell - 16 });
  });
  doc.y = bandY + 50;

  const header = (): void => {
    let x = left;
    const y = doc.y;
    doc.font('bold').fontSize(8).fillColor('#333');
    for (const c of COLUMNS) {
      doc.text(c.title, x, y, { width: c.width - 6, align: c.align });
      x += c.width;
    }
    doc
      .moveTo(left, y + 12)
      .lineTo(left + width, y + 12)
      .lineWidth(0.5)
      .strokeColor('#999')
      .stroke();
    doc.y = y + 16;
  };
  header();
  const bottom = doc.page.height - A4_MARGIN - 20;
  if (s.lines.length === 0) doc.font('body').fontSize(9).fillColor('#555').text('No movements in this period.', left, doc.y);
  for (const l of s.lines) {
    const desc = l.counterparty && !l.description.includes(l.counterparty) ? `${l.description} · ${l.counterparty}` : l.description;
    doc.font('body').fontSize(8);
    const h = Math.max(doc.heightOfString(desc, { width: (COLUMNS[2]?.width ?? 160) - 6 }), 10) + 4;
    if (doc.y + h > bottom) {
      doc.addPage();
      doc.y = A4_MARGIN;
      header();
    }
    const y = doc.y;
    const cells = [date.format(l.bookedAt), l.reference, desc, amount(l.amount), amount(l.balanceAfter)];
    let x = left;
    cells.forEach((text, i) => {
      const c = COLUMNS[i];
      if (!c) return;
      doc.fillColor(i === 3 && l.amount < 0 ? '#c92a2a' : '#000').text(text, x, y, { width: c.width - 6, align: c.align });
      x += c.width;
    });
    doc.y = y + h;
  }

  // Footer on every page: who generated it, when, and page x of y.
  const range = doc.bufferedPageRange();
  const stamp = `Generated ${dateTime.format(opts.now ?? Date.now())} (${opts.timeZone}) by ${printable(opts.generatedBy)}`;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - A4_MARGIN;
    doc.font('body').fontSize(7).fillColor('#777');
    doc.text(stamp, left, y, { width: width / 2, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, left + width / 2, y, { width: width / 2, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
