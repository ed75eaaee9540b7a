import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { App } from './pages/App';
import { CompliancePage } from './pages/CompliancePage';
import { ExplorePage } from './pages/explore';
import { api, ok } from './support/api';
import { runCli } from './support/cli';
import { spawnServe, stopChild, type E2eServer } from './support/server';
import { saveScreenshot } from './support/screenshot';
import { freshDatabase } from '../support/mariadb';
import { TcpProxy } from '../support/tcp-proxy';

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 1000 } });

async function publicCall<T>(request: APIRequestContext, server: E2eServer, method: string, input: unknown): Promise<T> {
  const res = await request.post(`${server.url}/api/call`, { headers: { Authorization: `Bearer ${server.launchToken}` }, data: { method, input } });
  const body = (await res.json()) as { ok: boolean; result?: T; error?: unknown };
  if (!body.ok) throw new Error(`${method} refused: ${JSON.stringify(body.error)}`);
  return body.result as T;
}

/**
 * The issue's scenario as a compliance officer, on a MySQL bank (the demo generator into a fresh
 * MariaDB database) behind a proxy the test cuts to go offline: the dashboard shows the warning,
 * drill down to the customers and their rows, open a corrective task; offline, update it; reconnect,
 * the task is on the bank; a limit change waits for a second approver and applies after approval.
 * A teller and a fraud analyst cannot reach the compliance screens and the API refuses them.
 */
test('compliance officer: warning → drill-down → task → offline update → on the bank; limit change needs a second person', async ({ page, request, browser }, testInfo) => {
  test.setTimeout(480_000);
  const db = await freshDatabase('cbcompliance');
  const target = new URL(db.url);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-compliance-'));
  let serve: ReturnType<typeof spawnServe> | null = null;
  try {
    const load = await runCli(['demo', '--customers', '300', '--months', '6', '--seed', '11', '--mysql', db.url]);
    expect(load.code, `${load.stdout}\n${load.stderr}`).toBe(0);
    await proxy.up();
    const viaProxy = `mysql://${target.username}${target.password ? `:${target.password}` : ''}@127.0.0.1:${proxy.port}${target.pathname}`;
    serve = spawnServe(dataDir, ['--mysql', viaProxy]);
    const openUrl = new URL(await serve.ready);
    const server: E2eServer = {
      url: openUrl.origin,
      openUrl: openUrl.href,
      launchToken: openUrl.searchParams.get('token') ?? '',
      dataDir,
      bankFile: join(dataDir, 'bank.sqlite'),
      output: serve.output,
      stop: async () => undefined,
    };

    // Outside demo mode the first administrator creates the staff; each replaces the password at first sign-in.
    await publicCall(request, server, 'auth.setupAdmin', { username: 'bank.admin', displayName: 'Berta Admin', password: 'lantern orchard 4471 quiet' });
    const admin = await publicCall<{ token: string }>(request, server, 'auth.signIn', { username: 'bank.admin', password: 'lantern orchard 4471 quiet' });
    const people = [
      { username: 'clara', displayName: 'Clara Dvořák', role: 'compliance_officer' },
      { username: 'olga', displayName: 'Olga Veselá', role: 'compliance_officer' },
      { username: 'tereza', displayName: 'Tereza Novák', role: 'teller' },
      { username: 'adam', displayName: 'Adam Fischer', role: 'fraud_analyst' },
    ];
    const password = 'violet harbour 5093 stone';
    const tokens: Record<string, string> = {};
    for (const p of people) {
      await ok(api(request, server, admin.token, 'admin.createUser', { ...p, password: 'copper meadow 8812 river' }));
      const first = await publicCall<{ token: string }>(request, server, 'auth.signIn', { username: p.username, password: 'copper meadow 8812 river' });
      await ok(api(request, server, first.token, 'auth.changePassword', { currentPassword: 'copper meadow 8812 river', newPassword: password }));
      tokens[p.username] = (await publicCall<{ token: string }>(request, server, 'auth.signIn', { username: p.username, password })).token;
    }

    const app = new App(page, server);
    const compliance = new CompliancePage(page);
    const explore = new ExplorePage(page);
    await app.signInAs('clara', password);
    const token = await app.sessionToken();
    await expect
      .poll(async () => (await ok<{ state: string }>(api(request, server, token, 'sync.status', {}))).state, { timeout: 120_000, message: 'the first sync reaches live' })
      .toBe('live');

    await test.step('the dashboard shows the monitor in warning, most urgent first', async () => {
      await expect(app.shell.navLink('compliance')).toBeVisible();
      await compliance.open(server.url);
      await expect(compliance.tile('large_exposures')).toHaveAttribute('data-status', 'warning', { timeout: 60_000 });
      const statuses = await compliance.tileStatuses();
      const rank = (s: string) => ({ breach: 0, warning: 1, unknown: 2, ok: 3 })[s] ?? 4;
      expect(statuses.map((s) => rank(s.status))).toEqual([...statuses.map((s) => rank(s.status))].sort((a, b) => a - b));
      // The demo's escalated case is 40 days old: its SAR is overdue, a breach, on the calendar.
      expect(statuses.find((s) => s.id === 'sar_deadlines')?.status).toBe('breach');
      await expect(compliance.deadlines.getByTestId('deadlines-overdue')).toContainText('SAR');
      await page.screenshot({ path: '/tmp/compliance-dashboard.png', fullPage: true });
    });

    let customerId = '';
    await test.step('drill down: the customers behind it, their loans in Explore, the customer 360', async () => {
      await compliance.tile('large_exposures').click();
      await expect(compliance.detail).toBeVisible();
      await expect(compliance.detailStatus).toHaveText('Warning');
      const customers = compliance.page.getByTestId('drivers-customer');
      await expect(customers).toBeVisible();
      await page.screenshot({ path: '/tmp/compliance-monitor.png', fullPage: true });
      await customers.getByTestId('driver-link').first().click();
      await expect(explore.rowsTable).toBeVisible();
      expect(explore.params().get('view')).toBe('rows');
      expect(explore.params().getAll('f').join(' ')).toContain('customer:');
      await expect(explore.rows.first()).toBeVisible();
      customerId = (await explore.rows.first().getAttribute('data-customer-id')) ?? '';
      expect(customerId).toMatch(/^\d+$/);
      await explore.rows.first().click();
      await expect(page.getByTestId('customer-360')).toHaveAttribute('data-customer-id', customerId);
    });

    const title = `Reduce exposure of customer ${customerId}`;
    await test.step('open a corrective task from the monitor', async () => {
      await compliance.open(server.url, 'monitor/large_exposures');
      await compliance.newTask.click();
      const dialog = page.getByRole('dialog', { name: 'New corrective task' });
      await dialog.getByLabel('Title').fill(title);
      await dialog.getByRole('button', { name: 'Open task' }).click();
      await expect(app.shell.notification('Task opened')).toBeVisible();
      await expect(compliance.taskRow(title)).toBeVisible();
      // The workstation's copy picks the task up with the next sync round (what offline work reads).
      await expect
        .poll(
          async () =>
            (await ok<{ tables: { table: string; rows: number }[] }>(api(request, server, token, 'sync.status', {}))).tables.find((t) => t.table === 'compliance_tasks')?.rows ?? 0,
          { timeout: 60_000, message: 'the task reaches the cache' },
        )
        .toBeGreaterThanOrEqual(1);
    });

    await test.step('attach evidence: the drill-down rows as exported, a picked image; a disguised file is refused; listed and downloadable', async () => {
      await page.getByRole('button', { name: /^Notes \(\d+\) · Evidence \(0\)$/ }).click();
      const evidence = page.getByTestId('task-evidence');
      await expect(evidence).toContainText('No evidence attached.');
      await evidence.getByTestId('attach-rows').click();
      await expect(app.shell.notification('Evidence attached')).toBeVisible();
      await expect(evidence.getByTestId('evidence-item')).toHaveCount(1);
      await expect(evidence.getByTestId('evidence-item').first()).toContainText(/\.csv · [\d.]+ (B|KB|MB) · exported rows · clara/);
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('site visit photo')]);
      const pick = async (name: string, mimeType: string, buffer: Buffer) => {
        const chooser = page.waitForEvent('filechooser');
        await evidence.getByTestId('attach-file').click();
        await (await chooser).setFiles({ name, mimeType, buffer });
      };
      await pick('statement.pdf', 'application/pdf', Buffer.from('just text pretending to be a PDF'));
      await expect(app.shell.notification('Not attached')).toContainText('its content is CSV');
      await pick('../site visit.png', 'image/png', png);
      await expect(evidence.getByTestId('evidence-item')).toHaveCount(2);
      await expect(evidence.getByTestId('evidence-item').nth(1)).toContainText(`site visit.png · ${png.length} B · file · clara`);
      const download = page.waitForEvent('download');
      await evidence.getByRole('button', { name: 'site visit.png' }).click();
      const saved = await download;
      expect(saved.suggestedFilename()).toBe('site visit.png');
      const path = await saved.path();
      expect(readFileSync(path).equals(png)).toBe(true);
      const conn = await mysql.createConnection(db.url);
      try {
        const [stored] = await conn.query(
          'select e.filename, e.source, e.bytes, e.attached_by from compliance_task_evidence e join compliance_tasks t on t.id = e.task_id where t.title = ? order by e.id',
          [title],
        );
        expect((stored as { filename: string; source: string; attached_by: string }[]).map((r) => [r.source, r.attached_by])).toEqual([
          ['export', 'clara'],
          ['file', 'clara'],
        ]);
        const [audit] = await conn.query("select action from audit_log where action like 'compliance.task_evidence_%' order by seq");
        expect((audit as { action: string }[]).map((r) => r.action)).toEqual([
          'compliance.task_evidence_attached',
          'compliance.task_evidence_attached',
          'compliance.task_evidence_downloaded',
        ]);
      } finally {
        await conn.end();
      }
      await saveScreenshot(page, testInfo, 'compliance-task-evidence');
      // Attaching moved the task's version: the workstation's copy takes it with a whole sync round
      // begun after the attachment (two rounds after it), so the offline edit below is not a conflict.
      const synced = async () =>
        (await ok<{ tables: { table: string; lastSyncedAt: number | null }[] }>(api(request, server, token, 'sync.status', {}))).tables.find((t) => t.table === 'compliance_tasks')
          ?.lastSyncedAt ?? 0;
      const attachedAt = Date.now();
      await expect.poll(synced, { timeout: 60_000, message: 'a sync round after the attachment' }).toBeGreaterThan(attachedAt);
      const first = await synced();
      await expect.poll(synced, { timeout: 60_000, message: 'a whole sync round after the attachment' }).toBeGreaterThan(first);
    });

    await test.step('offline, the task is updated on this workstation and waits for the bank', async () => {
      await proxy.down();
      await expect(app.shell.offlineBadge).toBeVisible({ timeout: 60_000 });
      const row = compliance.taskRow(title);
      await row.getByTestId('task-status').click();
      await page.getByRole('option', { name: 'In progress' }).click();
      await expect(app.shell.notification('Saved on this workstation')).toBeVisible();
      await expect(row.getByTestId('task-pending')).toHaveText('Waiting for the bank');
      await page.screenshot({ path: '/tmp/compliance-offline-task.png', fullPage: true });
    });

    await test.step('reconnected, the change is on the bank itself', async () => {
      await proxy.up();
      await expect(app.shell.offlineBadge).toBeHidden({ timeout: 60_000 });
      const conn = await mysql.createConnection(db.url);
      try {
        await expect
          .poll(
            async () => {
              const [rows] = await conn.query('select status from compliance_tasks where title = ?', [title]);
              return (rows as { status: string }[])[0]?.status ?? null;
            },
            { timeout: 60_000, message: 'the offline status change reaches the bank' },
          )
          .toBe('in_progress');
      } finally {
        await conn.end();
      }
      await expect(compliance.taskRow(title).getByTestId('task-pending')).toHaveCount(0, { timeout: 60_000 });
    });

    await test.step('a limit change waits for a second person, then applies', async () => {
      await compliance.open(server.url, 'monitor/large_exposures');
      await compliance.changeLimit.click();
      await page.getByTestId('limit-input').fill('30');
      await page.getByTestId('warning-input').fill('12');
      await page.getByTestId('reason-input').fill('Board raised the single-name appetite');
      await page.getByRole('button', { name: 'Propose change' }).click();
      await expect(compliance.pendingLimit).toContainText('Waiting for approval');
      const before = await ok<{ monitors: { id: string; limit: number }[] }>(api(request, server, token, 'compliance.evaluate', {}));
      expect(before.monitors.find((m) => m.id === 'large_exposures')?.limit).toBe(0.25);
      // Clara cannot approve her own change.
      const changes = await ok<{ id: number; status: string }[]>(api(request, server, token, 'compliance.changes.list', {}));
      const pending = changes.find((c) => c.status === 'pending');
      expect(pending).toBeTruthy();
      expect((await api(request, server, token, 'compliance.changes.approve', { id: pending?.id })).error?.code).toBe('FORBIDDEN');

      const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 1000 } });
      try {
        const olga = new App(await context.newPage(), server);
        await olga.signInAs('olga', password);
        await olga.page.goto(`${server.url}/#/compliance/changes`);
        await olga.page.getByTestId(`change-${pending?.id}`).getByTestId('approve-change').click();
        await expect(olga.shell.notification('Approved: in force now')).toBeVisible();
      } finally {
        await context.close();
      }
      await expect
        .poll(async () =>
          (await ok<{ monitors: { id: string; limit: number; limitVersion: number }[] }>(api(request, server, token, 'compliance.evaluate', {}))).monitors.find(
            (m) => m.id === 'large_exposures',
          ),
        )
        .toMatchObject({ limit: 0.3, limitVersion: 1 });
      await page.reload();
      await expect(compliance.pendingLimit).toHaveCount(0);
      await expect(page.getByTestId('limit-history')).toContainText('approved by olga');
    });

    await test.step('a teller and a fraud analyst cannot reach compliance, and the API refuses them', async () => {
      for (const who of ['tereza', 'adam']) {
        for (const [method, input] of [
          ['compliance.evaluate', {}],
          ['compliance.tasks.list', {}],
          ['compliance.changes.approve', { id: 1 }],
        ] as const) {
          expect((await api(request, server, tokens[who] ?? '', method, input)).error?.code, `${who} ${method}`).toBe('FORBIDDEN');
        }
        const context = await browser.newContext();
        try {
          const other = new App(await context.newPage(), server);
          await other.signInAs(who, password);
          await expect(other.page.getByTestId('nav-compliance')).toHaveCount(0);
          await other.page.goto(`${server.url}/#/compliance`);
          await expect(other.page).toHaveURL(/#\/dashboard$/);
          await expect(other.page.getByTestId('compliance-header')).toBeHidden();
        } finally {
          await context.close();
        }
      }
    });
  } finally {
    if (serve) await stopChild(serve.child);
    await proxy.down();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
