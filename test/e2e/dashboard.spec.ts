import { z } from 'zod';
import { expect, test } from './fixtures';
import { nextApiResponse } from './support/api';
import { bankFigures } from './support/bank-db';
import { startOfDayInZone } from './support/zone-time';
import { currencyDecimals } from '../../shared/money';

/** The demo bank's zone (bank_meta.timezone): "today" is the bank's business day there. */
const BANK_ZONE = 'Europe/Prague';
/** The analyst's desktop sits in another zone: the bank day must not follow the browser's clock. */
const BROWSER_ZONE = 'America/Los_Angeles';
const LOCALE = 'en-US';
// The zone and locale are set, not inherited from the machine: "today" and number formats must not depend on where CI runs.
test.use({ timezoneId: BROWSER_ZONE, locale: LOCALE });

const counts = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** "CZK 12,345.67" → 1234567n: the exact amount shows every minor-unit digit, so the digits are the minor units. */
function minorUnitsOf(text: string): bigint {
  const digits = text.replace(/[^\d-]/g, '');
  if (!/^-?\d+$/.test(digits)) throw new Error(`No amount in "${text}"`);
  return BigInt(digits);
}

test('the dashboard’s figures, chart and latest activity match the bank file', async ({ app, server }) => {
  const { page, dashboard } = app;
  const summaryResponse = nextApiResponse(page, 'dashboard.summary');
  const before = Date.now();
  await app.signInAs('analyst');
  await dashboard.waitLoaded();
  const after = Date.now();

  // "Today" is the bank's business day in the bank's zone, whatever the browser's or the machine's zone.
  const summary = z.object({ ok: z.literal(true), result: z.object({ day: z.string(), timeZone: z.string() }) }).parse(await (await summaryResponse).json()).result;
  expect(summary.timeZone).toBe(BANK_ZONE);
  expect([bankDayOf(before), bankDayOf(after)]).toContain(summary.day);
  const dayStart = summary.day === bankDayOf(after) ? startOfDayInZone(after, BANK_ZONE) : startOfDayInZone(before, BANK_ZONE);

  const bank = bankFigures(server.bankFile, dayStart, Date.now());
  expect(bank.customers).toBeGreaterThan(0);
  expect(bank.deposits.size).toBeGreaterThan(0);

  await expect(dashboard.kpi('customers')).toHaveText(counts.format(bank.customers));
  await expect(dashboard.kpi('accounts')).toHaveText(counts.format(bank.openAccounts));
  await expect(dashboard.kpi('today-count')).toHaveText(counts.format(bank.todayCount));

  // Deposits: one line per currency, in the card's short form, with the exact amount in its tooltip.
  await expect(dashboard.depositLines).toHaveCount(bank.deposits.size);
  for (const [currency, minor] of bank.deposits) {
    const short = await page.evaluate(
      ({ locale, currency: c, decimal }) =>
        new Intl.NumberFormat(locale, { style: 'currency', currency: c, currencyDisplay: 'code', notation: 'compact', maximumFractionDigits: 1 }).format(decimal as `${number}`),
      { locale: LOCALE, currency, decimal: decimalOf(minor, currencyDecimals(currency)) },
    );
    await expect(dashboard.depositLine(currency)).toHaveText(short);
    const exact = await dashboard.exactDepositText(currency);
    expect(exact).toContain(currency);
    expect(minorUnitsOf(exact), `deposits held in ${currency}`).toBe(minor);
  }

  // The 90-day chart is drawn: its surface has a real size.
  const box = await dashboard.chartSurface.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(100);
  expect(box?.height ?? 0).toBeGreaterThan(100);

  // Latest activity starts with the newest customer transaction in the bank.
  await expect(dashboard.activityRows.first()).toContainText(bank.newestCustomerReference);
});

/** The calendar date of an instant in the bank's zone, as YYYY-MM-DD. */
function bankDayOf(instant: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BANK_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** 123456n, 2 → "1234.56", without floating point. */
function decimalOf(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  return `${negative ? '-' : ''}${whole}${digits === 0 ? '' : `.${text.slice(-digits)}`}`;
}
