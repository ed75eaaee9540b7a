import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { ReportStoragePage, ReportsPage } from './pages/ReportsPage';
import { api } from './support/api';
import { startS3 } from '../support/report-s3rver';
import { pdfText } from '../support/pdf-text';

/**
 * The report builder as a manager uses it: the quarterly board pack built, previewed, generated,
 * exported as PDF and XLSX, stored in S3 (a real S3-protocol server, s3rver, started here: AWS itself
 * cannot be reached from this machine) and shared by a presigned link that downloads the same PDF.
 * A teller cannot reach the builder and the API refuses every report method.
 */

const BUCKET = 'e2e-reports';
// The AWS SDK in `cloudbank serve` finds credentials through the standard chain: here, the environment it inherits.
let s3: Awaited<ReturnType<typeof startS3>>;
test.beforeAll(async () => {
  s3 = await startS3(BUCKET);
});
test.afterAll(async () => {
  await s3.close();
});

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1500, height: 1000 }, permissions: ['clipboard-read', 'clipboard-write'] });

test('a manager builds the quarterly board pack, previews, generates, exports PDF and XLSX, stores it in S3 and shares a link to the same file', async ({
  app,
  server,
  request,
  openAnotherApp,
}) => {
  // Budget for a loaded machine: alone it takes about 2 min; the first sign-in waits while the app starts.
  test.setTimeout(480_000);
  const page = app.page;
  const reports = new ReportsPage(page);
  await app.signInAs('manager');
  await page.getByTestId('nav-reports').click();
  await expect(reports.root).toBeVisible();

  // The board pack template is loaded and previewed live, through the metric layer.
  await reports.waitPreview();
  await expect(reports.preview.getByTestId('report-title')).toHaveText('Quarterly board pack');
  await expect(reports.preview.getByTestId('report-chart').first()).toBeVisible();
  // The risk part ends with the compliance monitor summary, from the compliance monitors.
  await expect(reports.preview.getByTestId('report-compliance-row')).toHaveCount(12, { timeout: 60_000 });

  // The catalog is searchable and shows definitions; a metric added lands as the last section.
  await reports.catalogSearch.fill('deposits held');
  const item = page.getByTestId('report-catalog-item').filter({ hasText: 'Deposits held' }).first();
  await expect(item).toContainText('balances of customer accounts');
  const before = await reports.sectionOrder();
  await item.getByRole('button', { name: /as a KPI tile/ }).click();
  await expect(reports.sections).toHaveCount(before.length + 1);
  // Dragged (with the keyboard) one place up.
  const added = (await reports.sectionOrder()).at(-1) ?? '';
  // The live preview refreshes meanwhile; the move is taken again if a refresh dropped it.
  await expect(async () => {
    if ((await reports.sectionOrder()).indexOf(added) === before.length) await reports.moveUp(before.length);
    expect((await reports.sectionOrder()).indexOf(added)).toBe(before.length - 1);
  }).toPass({ timeout: 60_000 });
  await page.screenshot({ path: '/tmp/report11-builder.png', fullPage: false });

  // Generate: progress, then the finished report opened in place and listed among earlier reports.
  await reports.generate.click();
  await expect(reports.opened.getByTestId('report-title')).toHaveText('Quarterly board pack', { timeout: 120_000 });
  await expect(reports.history.getByTestId('report-history-row')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/report11-opened.png', fullPage: false });

  const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-pdf').click()]);
  const pdfBytes = readFileSync((await pdfDownload.path()) ?? '');
  expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
  const text = await pdfText(pdfBytes);
  expect(text).toContain('Quarterly board pack');
  expect(text).toContain('Prepared by');
  expect(text).toMatch(/Page 1 of \d+/);

  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-xlsx').click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await xlsxDownload.path()) ?? '');
  expect(wb.getWorksheet('Report')?.getCell('B1').value).toBe('Quarterly board pack');
  expect(wb.worksheets.length).toBeGreaterThan(10);

  // S3 storage is set in one place, Settings → Report storage, by an administrator; the manager only sees where reports go.
  await expect(page.getByTestId('report-storage-where')).toContainText('Not set up');
  await expect(page.getByTestId('report-storage').getByRole('textbox')).toHaveCount(0);
  await expect(page.getByTestId('nav-settings/report-storage')).toHaveCount(0);
  const admin = await openAnotherApp();
  await admin.signInAs('admin');
  await admin.page.getByTestId('nav-settings/report-storage').click();
  const storage = new ReportStoragePage(admin.page);
  await expect(storage.root).toBeVisible();
  // No field for credentials; S3's rules checked before anything is saved.
  await expect(storage.root.getByLabel(/access key|secret/i)).toHaveCount(0);
  await storage.fill({ bucket: 'Board_Packs', prefix: 'board-packs/', region: 'eu-central-1', endpoint: s3.endpoint });
  await storage.save.click();
  await expect(storage.root.getByText('A bucket name has only lower-case letters, digits, dots and hyphens.')).toBeVisible();
  await storage.fill({ bucket: BUCKET, prefix: 'board-packs/', region: 'eu-central-1', endpoint: s3.endpoint });
  await storage.save.click();
  await expect(admin.page.getByText(`Reports are stored in s3://${BUCKET}/board-packs/`)).toBeVisible();
  await admin.page.screenshot({ path: '/tmp/report11-storage-settings.png', fullPage: false });
  // Audited: who, and the settings before and after.
  const audit = await api(request, server, await admin.sessionToken(), 'audit.list', { action: 'report_storage.set' });
  expect(JSON.stringify(audit.result)).toContain(`"after":{"bucket":"${BUCKET}"`);

  // Back on the manager's screen: reopen the report; S3 is now where reports go. Store, then a share link copied to the clipboard.
  await page.reload();
  // The screen asks for the catalog and templates again after the reload: slow on a loaded machine.
  await expect(reports.root).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('report-storage-where')).toContainText(`s3://${BUCKET}/board-packs/`);
  await reports.history.getByRole('button', { name: /Open Quarterly board pack/ }).click();
  await expect(reports.opened.getByTestId('report-title')).toHaveText('Quarterly board pack');
  await expect(page.getByTestId('report-store-s3')).toBeEnabled();
  await page.getByTestId('report-store-s3').click();
  await expect(page.getByTestId('report-store-s3')).toHaveText('Stored in S3', { timeout: 60_000 });
  await expect(reports.history.getByText('In S3')).toBeVisible();
  await page.getByTestId('report-share').click();
  const link = page.getByTestId('report-share-link');
  await expect(link).toContainText('X-Amz-Expires=86400');
  const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  expect(copied).toBe(await link.textContent());
  const shared = await fetch(copied);
  expect(shared.status).toBe(200);
  expect(Buffer.from(await shared.arrayBuffer()).equals(pdfBytes)).toBe(true);
  await page.screenshot({ path: '/tmp/report11-stored.png', fullPage: true });
  void server;
});

test('an auditor reads earlier reports but cannot build; a teller cannot reach the builder and the API refuses', async ({ app, server, request, openAnotherApp }) => {
  test.setTimeout(360_000);
  // A manager generates one report through the API, as the screen would.
  await app.signInAs('manager');
  const manager = await app.sessionToken();
  const templates = await api(request, server, manager, 'reports.templates', {});
  const board = (templates.result as { definition: Record<string, unknown> }[])[0]?.definition ?? {};
  const generated = await api(request, server, manager, 'reports.generate', { definition: { ...board, period: { kind: 'quarter', year: 2026, quarter: 3 } } });
  expect(generated.ok, JSON.stringify(generated.error)).toBe(true);

  const auditor = await openAnotherApp();
  await auditor.signInAs('auditor');
  await auditor.page.getByTestId('nav-reports').click();
  const reports = new ReportsPage(auditor.page);
  await expect(reports.history.getByTestId('report-history-row')).toHaveCount(1);
  await expect(reports.generate).toHaveCount(0);
  await expect(auditor.page.getByTestId('report-catalog')).toBeHidden();
  await reports.history.getByRole('button', { name: /Open Quarterly board pack/ }).click();
  await expect(reports.opened.getByTestId('report-title')).toHaveText('Quarterly board pack');
  await expect(auditor.page.getByTestId('report-store-s3')).toHaveCount(0);
  const auditorToken = await auditor.sessionToken();
  expect((await api(request, server, auditorToken, 'reports.generate', { definition: { ...board, period: { kind: 'quarter', year: 2026, quarter: 3 } } })).error?.code).toBe(
    'FORBIDDEN',
  );

  const teller = await openAnotherApp();
  await teller.signInAs('teller');
  await expect(teller.shell.navLinks.first()).toBeVisible();
  await expect(teller.page.getByTestId('nav-reports')).toHaveCount(0);
  await teller.page.goto(`${server.url}/#/reports`);
  await expect(teller.page).toHaveURL(/#\/dashboard$/);
  await expect(new ReportsPage(teller.page).root).toHaveCount(0);
  const token = await teller.sessionToken();
  for (const [method, input] of [
    ['reports.templates', {}],
    ['reports.history', {}],
    ['reports.preview', { definition: { ...board, period: { kind: 'quarter', year: 2026, quarter: 3 } } }],
    ['reports.generate', { definition: { ...board, period: { kind: 'quarter', year: 2026, quarter: 3 } } }],
    ['reports.s3.list', {}],
    ['reports.s3.share', { key: 'board-packs/x.pdf', expiresInSeconds: 3600 }],
  ] as const) {
    expect((await api(request, server, token, method, input)).error?.code, method).toBe('FORBIDDEN');
  }
});
