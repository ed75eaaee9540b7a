import { z } from 'zod';
import { expect, test } from './fixtures';
import { apiInputOf, apiMethodOf } from './support/api';
import { bankFigures } from './support/bank-db';
import { startOfDayInZone } from './support/zone-time';
import { currencyDecimals } from '../../shared/money';

const ZONE = 'Europe/Prague';
const LOCALE = 'en-US';
// The zone and locale are set, not inherited from the machine: "today" and number formats must not depend on where CI runs.
test.use({ timezoneId: ZONE, locale: LOCALE });

const counts = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** "CZK 12,345.67" → 1234567n: the exact amount shows every minor-unit digit, so the digits are the minor units. */
function minorUnitsOf(text: string): bigint {
  const digits = text.replace(/[^\d-]/g, '');
  if (!/^-?\d+$/.test(digits)) throw new Error(`No amount in "${text}"`);
  return BigInt(digits);
}

test('the dashboard’s figures, chart and latest activity match the bank file', async ({ app, server }) => {
  const { page, dashboard } = app;
  const summaryRequest = page.waitForRequest((r) => apiMethodOf(r) === 'dashboard.summary');
  const before = Date.now();
  await app.signInAs('analyst');
  await dashboard.waitLoaded();
  const after = Date.now();

  // The page asks for "today" from local midnight in the browser's zone (Prague), whatever the machine's zone.
  const { dayStart } = z.object({ dayStart: z.number().int() }).parse(apiInputOf(await summaryRequest));
  expect([startOfDayInZone(before, ZONE), startOfDayInZone(after, ZONE)]).toContain(dayStart);

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
        new Intl.NumberFormat(locale, { style: 'currency', currency: c, currencyDisplay: 'code', notation: 'compact', maximumFractionDigits: 1 }).format(
          decimal as `${number}`,
        ),
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

/** 123456n, 2 → "1234.56", without floating point. */
function decimalOf(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  return `${negative ? '-' : ''}${whole}${digits === 0 ? '' : `.${text.slice(-digits)}`}`;
}
