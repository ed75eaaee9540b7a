import { expect, test } from './fixtures';
import { App } from './pages/App';
import { ConnectionsPage, SyncCachePage, type ConnectionDraft } from './pages/ConnectionsPage';
import { DEMO_PASSWORD } from './pages/SignInPage';
import { apiMethodOf } from './support/api';
import { startPrivateBank, type PrivateBank } from './support/conn-private-bank';
import { RestartableServer } from './support/conn-server';

/**
 * The acceptance, end to end: add a MySQL connection in Settings, test it, sync with a
 * visible progress bar, go offline and keep drilling down — and come back online.
 */

const LOCALE = 'en-US';
test.use({ locale: LOCALE });
const counts = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

const PROFILE_NAME = 'Head office (private TLS)';
// The staff password policy (zxcvbn-ts, issue 14) refuses guessable phrases such as "first admin password".
const ADMIN = { username: 'bank.admin', displayName: 'Berta Admin', password: 'amber falcon orchard 42' } as const;

let bank: PrivateBank;
let workstation: RestartableServer;

test.beforeAll(async () => {
  // A private MariaDB (initdb, TLS certificates) and a proxy: a few seconds. The demo bank itself is
  // generated in the background while the test works in Settings.
  test.setTimeout(180_000);
  bank = await startPrivateBank();
});

test.afterAll(async () => {
  await workstation?.dispose();
  await bank?.stop();
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && workstation) {
    await testInfo.attach('cloudbank-serve output', { body: workstation.output(), contentType: 'text/plain' });
  }
});

test('add a TLS MySQL connection, test it, sync with a progress bar, work offline from the cache, come back online', async ({ page }) => {
  // The bank load (~0.5 M entries) and the first copy into the cache dominate; both are waited for by condition.
  // 2.4 min alone on a quiet 2-core machine (a TLS MariaDB, a 1,500-customer bank, a first copy): margin for a loaded one.
  test.setTimeout(720_000);
  workstation = RestartableServer.create();

  const draft: ConnectionDraft = { name: PROFILE_NAME, host: bank.host, port: bank.port, database: bank.database, user: bank.user, password: bank.password, caFile: bank.caFile };

  await test.step('the demo workstation: add the connection in Settings, test it, save and activate it', async () => {
    const app = new App(page, await workstation.start());
    await app.signInAs('admin', DEMO_PASSWORD);
    const connections = new ConnectionsPage(page);
    await connections.open();
    await connections.fillNew(draft);

    const ok = await connections.test();
    await expect(ok).toHaveAttribute('data-ok', 'true');
    await expect(connections.testTls).toContainText(/TLSv1\.[23]/);

    await connections.password.fill('not the password');
    const refused = await connections.test();
    await expect(refused).toHaveAttribute('data-ok', 'false');
    await expect(refused).toHaveAttribute('data-cause', 'wrong_password');

    await connections.password.fill(draft.password);
    await expect(await connections.test()).toHaveAttribute('data-ok', 'true');
    await connections.saveNew(PROFILE_NAME);
    await app.shell.dismissNotification('Connection saved');

    // The bank must be complete before the workstation switches to it (it was being generated meanwhile).
    const load = await bank.filled;
    expect(load.code, `cloudbank demo --mysql …\n${load.stdout}\n${load.stderr}`).toBe(0);

    await connections.activate(PROFILE_NAME);
    await expect(app.shell.notification('Source chosen')).toContainText('from its next start');
  });

  const customers = await bank.count('customers');
  expect(customers).toBe(1500);

  // The restarted workstation, on the same data dir: the active profile is now the source of truth.
  await workstation.stop();
  const app = new App(page, await workstation.start());
  const sync = new SyncCachePage(page);
  const { dashboard, shell } = app;

  await test.step('first start on the MySQL bank: create the administrator, sign in', async () => {
    await page.goto(app.server.openUrl);
    // Outside demo mode there are no demo users: the first start asks for the first administrator.
    await expect(page.getByTestId('setup-admin')).toBeVisible();
    await page.getByTestId('setup-username').fill(ADMIN.username);
    await page.getByTestId('setup-display-name').fill(ADMIN.displayName);
    await page.getByTestId('setup-password').fill(ADMIN.password);
    await page.getByTestId('setup-confirm').fill(ADMIN.password);
    await page.getByTestId('setup-submit').click();
    // Hashing the password while the first copy to the cache starts can take a while on a loaded machine.
    await expect(app.signIn.username).toHaveValue(ADMIN.username, { timeout: 60_000 });
    await expect(app.signIn.mode).toHaveText('Live');
    const answer = await app.signIn.submitPassword(ADMIN.username, ADMIN.password);
    expect(answer.status()).toBe(200);
    await shell.expectSignedInAs(ADMIN.displayName, 'Administrator');
  });

  await test.step('Sync & cache: the first copy shows a moving progress bar, then the state is live', async () => {
    await sync.open();
    await expect(sync.sourceStatus).toHaveAttribute('data-status', 'online');
    // A new source starts from an empty cache. "live" at once would mean the cache still holds the
    // previous source (the demo bank) and reads would come from it.
    await expect(sync.state, 'the first copy of the MySQL bank into the cache is running').toHaveAttribute('data-state', 'initial');
    await expect(sync.progress).toBeVisible();
    await expect(sync.syncingBadge).toBeVisible();
    // The bar moves: several different readings before the copy ends.
    const readings = new Set<string>();
    await expect
      .poll(
        async () => {
          const table = await sync.progress.getAttribute('data-table', { timeout: 1000 }).catch(() => null);
          const value = await sync.progressBar.getAttribute('aria-valuenow', { timeout: 1000 }).catch(() => null);
          if (table !== null && value !== null) readings.add(`${table} ${value}%`);
          return readings.size;
        },
        { message: 'the progress bar never moved', timeout: 60_000, intervals: [250] },
      )
      .toBeGreaterThanOrEqual(2);
    await expect(sync.state, 'the first copy finishes').toHaveAttribute('data-state', 'live', { timeout: 120_000 });
    await expect(sync.progress).toBeHidden();
    await expect(sync.syncingBadge).toBeHidden();
  });

  let newestOnline = '';
  await test.step('online: the dashboard shows the MySQL bank’s figures', async () => {
    await shell.goTo('dashboard');
    await dashboard.waitLoaded();
    await expect(dashboard.kpi('customers')).toHaveText(counts.format(customers));
    newestOnline = (await dashboard.activityRows.first().textContent()) ?? '';
    expect(newestOnline).not.toBe('');
  });

  await test.step('the network goes away: offline badge, and the dashboard keeps answering from the cache', async () => {
    await bank.proxy.down();
    await expect(sync.offlineBadge).toBeVisible();
    await expect(sync.offlineBadge).toContainText('Offline');

    // Refresh: every dashboard question is answered (from the cache), none fails.
    const answers = Promise.all(['dashboard.summary', 'dashboard.volume', 'dashboard.activity'].map((m) => page.waitForResponse((r) => apiMethodOf(r.request()) === m)));
    await page.getByTestId('dashboard-refresh').click();
    for (const r of await answers) expect(r.status(), `${apiMethodOf(r.request())} while offline`).toBe(200);
    await expect(dashboard.kpi('customers')).toHaveText(counts.format(customers));
    await expect(page.getByTestId('error')).toHaveCount(0);

    // Drill on: leave and come back, so the screens ask again with nothing on screen to fall back on.
    await sync.open();
    await expect(sync.sourceStatus).toHaveAttribute('data-status', 'offline');
    await expect(sync.offlineNotice).toBeVisible();
    await shell.goTo('dashboard');
    await dashboard.waitLoaded();
    await expect(dashboard.kpi('customers')).toHaveText(counts.format(customers));
    await expect(dashboard.activityRows.first()).toHaveText(newestOnline);
    await expect(page.getByTestId('error')).toHaveCount(0);
  });

  await test.step('the network comes back: online again', async () => {
    await bank.proxy.up();
    await expect(sync.offlineBadge).toBeHidden();
    await sync.open();
    await expect(sync.sourceStatus).toHaveAttribute('data-status', 'online');
    await expect(sync.offlineNotice).toBeHidden();
    await expect(sync.state).toHaveAttribute('data-state', 'live');
    await shell.goTo('dashboard');
    await dashboard.waitLoaded();
    await expect(dashboard.kpi('customers')).toHaveText(counts.format(customers));
  });
});
