import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { App } from './pages/App';
import { ExplorePage } from './pages/explore';
import { api, apiInputOf, apiMethodOf, ok } from './support/api';
import { runCli } from './support/cli';
import { spawnServe, stopChild, type E2eServer } from './support/server';
import { freshDatabase } from '../support/mariadb';
import { TcpProxy } from '../support/tcp-proxy';

const LOCALE = 'en-US';
// Zone and locale fixed: bank days and number formats must not depend on the machine.
test.use({ locale: LOCALE, timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 } });

interface Volume {
  days: { day: string; count: number }[];
}

/** The volume chart's geometry (renderer/src/screens/dashboard/volume-option.ts): left/right margins, the count grid. */
const VOLUME = { left: 56, right: 12, countTop: 236, countBottom: 316 } as const;

/** Clicks day `index` of `n` in the dashboard's volume chart, in its column of the count grid. */
async function clickVolumeDay(page: Page, index: number, n: number): Promise<void> {
  const chart = page.getByTestId('volume-chart');
  const box = await chart.boundingBox();
  if (!box) throw new Error('The volume chart is not on screen');
  const x = VOLUME.left + ((index + 0.5) * (box.width - VOLUME.left - VOLUME.right)) / n;
  await chart.click({ position: { x, y: (VOLUME.countTop + VOLUME.countBottom) / 2 } });
}

/** "361,159.11" (en-US, as the screen prints it) → 361159.11; the export writes money as numbers in major units. */
function screenNumber(text: string): number {
  return Number(text.replace(/[,\s]/g, '').replace('−', '-'));
}

/** A small RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The figures block of an export (after its header lines): a map "label|currency" → value. */
function figuresOf(table: (string | number | null)[][]): Map<string, number> {
  const headerAt = table.findIndex((r) => r.includes('Value'));
  expect(headerAt, 'the export has a figures header with a Value column').toBeGreaterThanOrEqual(0);
  const header = table[headerAt] ?? [];
  const valueCol = header.indexOf('Value');
  const currencyCol = header.indexOf('Currency');
  const out = new Map<string, number>();
  for (const r of table.slice(headerAt + 1)) {
    if (r.every((c) => c === null || c === '')) continue;
    out.set(`${String(r[0])}|${currencyCol >= 0 ? String(r[currencyCol]) : ''}`, Number(r[valueCol]));
  }
  return out;
}

async function screenFigures(explore: ExplorePage): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const f of await explore.figureTexts()) out.set(`${f.label}|${f.currency ?? ''}`, screenNumber(f.value));
  return out;
}

test('a manager drills from the dashboard’s volume chart into a branch, by channel, the day’s transactions and a customer’s 360', async ({ app, server, request }) => {
  test.setTimeout(180_000);
  const { page, dashboard } = app;
  const explore = new ExplorePage(page);
  await app.signInAs('manager');
  await dashboard.waitLoaded();
  await dashboard.waitChartSettled();
  await page.screenshot({ path: '/tmp/explore-dashboard.png', fullPage: true });
  // The Explore entry is in the menu for a manager.
  await expect(app.shell.nav.getByTestId('nav-explore')).toHaveText('Explore');

  const token = await app.sessionToken();
  const volume = await ok<Volume>(api(request, server, token, 'dashboard.volume', { days: 90 }));
  // The busiest day before today: a settled day with transactions in many branches.
  const candidates = volume.days.slice(0, -1);
  const busiest = candidates.reduce((best, d, i) => (d.count > (candidates[best]?.count ?? -1) ? i : best), 0);
  const day = volume.days[busiest]?.day ?? '';
  expect(volume.days[busiest]?.count ?? 0).toBeGreaterThan(0);

  await test.step('a click on that day in the dashboard chart opens Explore on its volume, split by branch', async () => {
    await clickVolumeDay(page, busiest, volume.days.length);
    await explore.waitFigures();
    const p = explore.params();
    expect(p.get('metric')).toBe('transactions_volume');
    expect(p.get('from')).toBe(day);
    expect(p.get('by')).toBe('branch');
    expect(p.getAll('f')).toEqual([]);
    await expect(explore.bankTime).toHaveText('Periods in bank time (Europe/Prague)');
    await expect(explore.source).toHaveAttribute('data-source', /^(bank|cache)$/);
    await expect(explore.source).toContainText(/^From (the bank|this workstation’s cache)/);
    await expect(explore.chartPanel).toHaveAttribute('data-mode', 'split');
    await page.screenshot({ path: '/tmp/explore-day-by-branch.png', fullPage: true });
  });

  let branchId = '';
  let branchName = '';
  await test.step('a click on the largest branch’s bar filters on it and splits by channel', async () => {
    const currency = (await explore.chartPanel.getAttribute('data-currency')) ?? '';
    const bars = Number(await explore.chartPanel.getAttribute('data-bars'));
    const top = explore.figureRows.and(page.locator(`[data-currency="${currency}"]`)).first();
    branchId = (JSON.parse((await top.getAttribute('data-dims')) ?? '{}') as { branch: string }).branch;
    branchName = ((await top.locator('td').first().textContent()) ?? '').trim();
    await explore.clickBar(0, bars);
    await expect.poll(() => explore.params().getAll('f')).toEqual([`branch:${branchId}`]);
    expect(explore.params().get('by')).toBe('channel');
    await explore.waitFigures();
    await expect(explore.crumbs).toHaveCount(2);
    await expect(explore.crumbs.last()).toHaveText(`Branch: ${branchName}`);
    await expect(explore.figures.getByRole('columnheader', { name: 'Channel' })).toBeVisible();
  });

  await test.step('the channel with the most volume, drilled from the figures by keyboard; the breadcrumb steps back to the branch', async () => {
    const currency = (await explore.chartPanel.getAttribute('data-currency')) ?? '';
    const top = explore.figureRows.and(page.locator(`[data-currency="${currency}"]`)).first();
    const channel = (JSON.parse((await top.getAttribute('data-dims')) ?? '{}') as { channel: string }).channel;
    await top.getByTestId('explore-drill').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => explore.params().getAll('f')).toEqual([`branch:${branchId}`, `channel:${channel}`]);
    await explore.waitFigures();
    await expect(explore.crumbs).toHaveCount(3);
    await explore.crumbs.nth(1).click();
    await expect.poll(() => explore.params().getAll('f')).toEqual([`branch:${branchId}`]);
    expect(explore.params().get('by')).toBe('channel');
    await explore.waitFigures();
  });

  let customerId = '';
  await test.step('the day’s transactions at that branch: rows sorted by the server', async () => {
    const rowsAnswer = page.waitForResponse((r) => apiMethodOf(r.request()) === 'metrics.rows');
    await explore.showRows();
    await rowsAnswer;
    await expect(explore.rowsTable).toHaveAttribute('data-kind', 'transactions');
    // Every row is that branch's.
    for (const b of await explore.columnTexts('branch')) expect(b).toBe(branchName);
    // As many rows as the layer counts transactions for the same day and branch.
    const count = await ok<{ rows: { value: number }[] }>(
      api(request, server, token, 'metrics.query', {
        metric: 'transactions_count',
        from: day,
        to: explore.params().get('to'),
        filters: [{ dimension: 'branch', value: branchId }],
      }),
    );
    const expected = count.rows.reduce((s, r) => s + r.value, 0);
    expect(expected).toBeGreaterThan(1);
    await expect(explore.rowsTotal).toHaveAttribute('data-total', String(expected));

    // Amount: a header click asks the server for that order; the screen shows it.
    const sorted = page.waitForRequest((r) => apiMethodOf(r) === 'metrics.rows' && (apiInputOf(r) as { sort?: string }).sort === 'amount');
    await explore.rowsTable.getByRole('columnheader', { name: 'Amount' }).getByRole('button').click();
    const input = apiInputOf(await sorted) as { direction: string };
    await expect.poll(() => explore.params().get('sort')).toBe('amount');
    await expect(explore.rows.first()).toBeVisible();
    const amounts = (await explore.columnTexts('amount')).map(screenNumber);
    const ordered = [...amounts].sort((a, b) => (input.direction === 'asc' ? a - b : b - a));
    expect(amounts).toEqual(ordered);
    await page.screenshot({ path: '/tmp/explore-rows.png', fullPage: true });
    customerId = (await explore.rows.first().getAttribute('data-customer-id')) ?? '';
    expect(customerId).toMatch(/^\d+$/);
  });

  await test.step('a click on a row opens that customer’s 360; Back returns to the rows', async () => {
    await explore.rows.first().click();
    await expect(page.getByTestId('customer-360')).toHaveAttribute('data-customer-id', customerId);
    await page.goBack();
    await expect(explore.rowsTable).toBeVisible();
    expect(explore.params().get('view')).toBe('rows');
  });

  await test.step('the breadcrumb steps back to all branches, split by branch again', async () => {
    await explore.crumbs.first().click();
    await explore.waitFigures();
    expect(explore.params().getAll('f')).toEqual([]);
    expect(explore.params().get('by')).toBe('branch');
    expect(explore.params().get('view')).toBeNull();
  });
});

test('the CSV and XLSX exports carry the same figures as the screen, with the filters above them', async ({ app }) => {
  const { page } = app;
  const explore = new ExplorePage(page);
  await app.signInAs('manager');
  await page.goto(`${app.server.url}/#/explore?metric=transactions_volume&from=2026-01-01&to=2027-01-01&by=channel`);
  await explore.waitFigures();
  const onScreen = await screenFigures(explore);
  expect(onScreen.size).toBeGreaterThan(1);
  await page.screenshot({ path: '/tmp/explore-by-channel.png', fullPage: true });

  const csvFile = await explore.download(explore.exportCsv);
  expect(csvFile.suggestedFilename()).toMatch(/\.csv$/);
  const csv = parseCsv(readFileSync(await csvFile.path(), 'utf8'));
  expect(csv.some((r) => r[0] === 'Period' && (r[1] ?? '').startsWith('2026-01-01 to 2026-12-31'))).toBe(true);
  expect(figuresOf(csv)).toEqual(onScreen);

  const xlsxFile = await explore.download(explore.exportXlsx);
  expect(xlsxFile.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await xlsxFile.path());
  const sheet = wb.getWorksheet('Figures');
  if (!sheet) throw new Error('The workbook has no Figures sheet');
  const table: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      cells.push(typeof v === 'number' || typeof v === 'string' ? v : null);
    }
    table.push(cells);
  });
  // Real numbers with their currency's format, not text.
  const valueCol = (table.find((r) => r.includes('Value')) ?? []).indexOf('Value') + 1;
  const firstFigure = sheet.getRow(table.findIndex((r) => r.includes('Value')) + 2).getCell(valueCol);
  expect(typeof firstFigure.value).toBe('number');
  expect(firstFigure.numFmt).toMatch(/0\.00/);
  expect(figuresOf(table)).toEqual(onScreen);
});

test('a saved view reopens with its metric, period, filters and split', async ({ app }) => {
  const { page } = app;
  const explore = new ExplorePage(page);
  await app.signInAs('analyst');
  await page.goto(`${app.server.url}/#/explore?metric=transactions_count&from=2026-10-01&to=2026-11-01&grain=week&by=channel&f=direction:in&compare=previous`);
  await explore.waitFigures();
  await page.screenshot({ path: '/tmp/explore-weeks-compared.png', fullPage: true });
  await explore.saveViewAs('October inflows by channel');
  await app.shell.dismissNotification('View saved');

  await explore.metric.click();
  await page.getByRole('option', { name: 'New customers' }).click();
  await expect.poll(() => explore.params().get('metric')).toBe('new_customers');
  await explore.waitFigures();

  await explore.openSavedView('October inflows by channel');
  await expect.poll(() => explore.params().get('metric')).toBe('transactions_count');
  const p = explore.params();
  expect([p.get('from'), p.get('to'), p.get('grain'), p.get('by'), p.get('compare')]).toEqual(['2026-10-01', '2026-11-01', 'week', 'channel', 'previous']);
  expect(p.getAll('f')).toEqual(['direction:in']);
  await explore.waitFigures();
  await expect(explore.metric).toHaveValue('Transactions');
});

test('a teller has no Explore: no menu entry, the address refused, the API answers FORBIDDEN', async ({ app, server, request }) => {
  await app.signInAs('teller');
  await expect(app.shell.navLinks.first()).toBeVisible();
  await expect(app.shell.nav.getByTestId('nav-explore')).toHaveCount(0);
  await app.page.goto(`${server.url}/#/explore?metric=transactions_volume&from=2026-11-01&to=2026-12-01`);
  await expect(app.page).toHaveURL(/#\/dashboard$/);
  await expect(new ExplorePage(app.page).root).toHaveCount(0);
  // The dashboard's figures are not links for a teller.
  await app.dashboard.waitLoaded();
  await expect(app.page.getByTestId('kpi-customers')).not.toHaveAttribute('href', /.*/);

  const token = await app.sessionToken();
  for (const [method, input] of [
    ['metrics.list', {}],
    ['metrics.query', { metric: 'transactions_volume', from: '2026-11-01', to: '2026-12-01' }],
    ['metrics.rows', { metric: 'transactions_volume', from: '2026-11-01', to: '2026-12-01' }],
    ['metrics.export', { query: { metric: 'transactions_volume', from: '2026-11-01', to: '2026-12-01' }, format: 'csv' }],
    ['metrics.views.list', {}],
  ] as const) {
    const answer = await api(request, server, token, method, input);
    expect(answer.error?.code, method).toBe('FORBIDDEN');
  }
});

/** A public call (no session yet): first-start setup and sign-in. */
async function publicCall<T>(request: APIRequestContext, server: E2eServer, method: string, input: unknown): Promise<T> {
  const res = await request.post(`${server.url}/api/call`, { headers: { Authorization: `Bearer ${server.launchToken}` }, data: { method, input } });
  const body = (await res.json()) as { ok: boolean; result?: T; error?: unknown };
  if (!body.ok) throw new Error(`${method} refused: ${JSON.stringify(body.error)}`);
  return body.result as T;
}

test('offline, the same view answers from this workstation’s cache and says how old it is', async ({ page, request }) => {
  // A MySQL bank (the demo generator into a fresh MariaDB database) behind a proxy the test can cut.
  test.setTimeout(240_000);
  const db = await freshDatabase('cbexplore');
  const target = new URL(db.url);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-explore-'));
  let serve: ReturnType<typeof spawnServe> | null = null;
  try {
    const load = await runCli(['demo', '--customers', '300', '--months', '6', '--seed', '11', '--mysql', db.url]);
    expect(load.code, `${load.stdout}\n${load.stderr}`).toBe(0);
    await proxy.up();
    const viaProxy = `mysql://${target.username}${target.password ? `:${target.password}` : ''}@127.0.0.1:${proxy.port}${target.pathname}`;
    serve = spawnServe(dataDir, ['--mysql', viaProxy]);
    const openUrl = new URL(await serve.ready);
    const output = serve.output;
    const server: E2eServer = {
      url: openUrl.origin,
      openUrl: openUrl.href,
      launchToken: openUrl.searchParams.get('token') ?? '',
      dataDir,
      bankFile: join(dataDir, 'bank.sqlite'),
      output,
      stop: async () => undefined,
    };

    // Outside demo mode there are no demo users: the first administrator creates a manager.
    const temporary = 'explore temporary 2026';
    const password = 'explore chosen words';
    await publicCall(request, server, 'auth.setupAdmin', { username: 'bank.admin', displayName: 'Berta Admin', password: 'quiet harbour lantern 42' });
    const admin = await publicCall<{ token: string }>(request, server, 'auth.signIn', { username: 'bank.admin', password: 'quiet harbour lantern 42' });
    await ok(api(request, server, admin.token, 'admin.createUser', { username: 'manager', displayName: 'Martin Horák', role: 'manager', password: temporary }));
    // An administrator-set password must be replaced at the first sign-in (issue 14, finding 11).
    const first = await publicCall<{ token: string }>(request, server, 'auth.signIn', { username: 'manager', password: temporary });
    await ok(api(request, server, first.token, 'auth.changePassword', { currentPassword: temporary, newPassword: password }));

    const app = new App(page, server);
    const explore = new ExplorePage(page);
    await app.signInAs('manager', password);
    const token = await app.sessionToken();
    // The first copy into the cache must be complete before the bank goes away.
    await expect
      .poll(async () => (await ok<{ state: string }>(api(request, server, token, 'sync.status', {}))).state, { timeout: 120_000, message: 'the first sync reaches live' })
      .toBe('live');

    const volume = await ok<Volume>(api(request, server, token, 'dashboard.volume', { days: 90 }));
    const candidates = volume.days.slice(0, -1);
    const busiest = candidates.reduce((best, d, i) => (d.count > (candidates[best]?.count ?? -1) ? i : best), 0);
    const day = volume.days[busiest]?.day ?? '';
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const view = `${server.url}/#/explore?metric=transactions_volume&from=${day}&to=${next}&by=branch`;

    await page.goto(view);
    await explore.waitFigures();
    const online = await screenFigures(explore);
    expect(online.size).toBeGreaterThan(0);
    await expect(explore.source).not.toHaveAttribute('data-offline', 'true');

    await proxy.down();
    await expect(app.shell.offlineBadge).toBeVisible({ timeout: 60_000 });

    // The same address again, with nothing on screen to fall back on: the cache answers, and says so.
    await page.reload();
    await explore.waitFigures();
    await expect(explore.source).toHaveAttribute('data-source', 'cache');
    await expect(explore.source).toHaveAttribute('data-offline', 'true');
    await expect(explore.source).toContainText(/^Offline · From this workstation’s cache, (less than a minute|\d+ min|\d+ h( \d+ min)?|\d+ days?) old/);
    const asOf = Number(await explore.source.getAttribute('data-as-of'));
    expect(asOf).toBeGreaterThan(0);
    expect(asOf).toBeLessThanOrEqual(Date.now());
    expect(await screenFigures(explore)).toEqual(online);
    await page.screenshot({ path: '/tmp/explore-offline.png', fullPage: true });

    // Down to the rows, still from the cache.
    await explore.showRows();
    await expect(explore.rowsTotal).not.toHaveAttribute('data-total', '0');
  } finally {
    if (serve) await stopChild(serve.child);
    await proxy.down();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
