import { expect, test } from './fixtures';
import { journalCount } from './support/bank-db';

const LOCALE = 'en-US';
// Row counts are shown with grouping: the locale is set so "31,258" does not depend on the machine.
test.use({ locale: LOCALE, timezoneId: 'Europe/Prague' });

const counts = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

test('Sync & cache: the bank is online, the first copy reaches live and the cache holds every journal row', async ({ app, server }) => {
  const { shell, sync } = app;
  // Every test server starts with an empty cache, so this also watches the first copy finish.
  await app.signInAs('teller');
  await shell.goTo('settings/sync');

  await expect(sync.sourceStatus).toHaveAttribute('data-status', 'online');
  await expect(sync.state).toHaveAttribute('data-state', 'live', { timeout: 45_000 });

  // The bank file, read on its own: the cached journal must hold exactly its rows.
  const journal = journalCount(server.bankFile);
  expect(journal).toBeGreaterThan(0);
  await expect(sync.rowCount('journal')).toHaveText(counts.format(journal));
  await expect(sync.row('journal')).toHaveAttribute('data-freshness', 'fresh');
  await expect(sync.asOf).toHaveAttribute('data-as-of', /^\d+$/);

  // Online and live: nothing in the header competes for attention, and no progress bar lingers.
  await expect(shell.offlineBadge).toHaveCount(0);
  await expect(shell.syncIndicator).toHaveCount(0);
  await expect(sync.progress).toHaveCount(0);
});
