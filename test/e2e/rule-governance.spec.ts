import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { App } from './pages/App';
import { api, ok } from './support/api';
import { saveScreenshot } from './support/screenshot';

test.use({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 }, colorScheme: 'light' });

interface Rule {
  id: string;
  version: number;
  params: { name: string; value: number | boolean }[];
}

async function openRule(page: Page, id: string): Promise<void> {
  await page.evaluate((to) => ((globalThis as unknown as { location: { hash: string } }).location.hash = to), `#/fraud-rules/${id}`);
  await expect(page.getByTestId('rule-drawer').getByTestId('rule-history')).toBeVisible();
}

/**
 * Issue 16, rule governance: an analyst's rule change waits for a second person (the analyst cannot
 * approve it, in the screen or over the API), applies once a manager approves it, and version 1 comes
 * back through the same maker–checker. The form refuses an out-of-range value before sending it.
 */
test('a rule change waits for a second approver, applies after approval, and v1 can be restored', async ({ app, server, request, openAnotherApp }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = app;
  await app.signInAs('analyst');
  const token = await app.sessionToken();
  const velocity = async () => (await ok<Rule[]>(api(request, server, token, 'fraud.rules.list', {}))).find((r) => r.id === 'velocity') as Rule;
  const maxCount = (r: Rule) => r.params.find((p) => p.name === 'maxCount')?.value;
  const before = await velocity();
  expect(before.version).toBe(1);
  expect(maxCount(before)).toBe(8);

  await openRule(page, 'velocity');
  const drawer = page.getByTestId('rule-drawer');

  await test.step('the form refuses a score above 100 before anything is sent', async () => {
    await drawer.locator('input[data-param="score"]').fill('150');
    await drawer.getByTestId('rule-note').fill('Trying an impossible score');
    await drawer.getByTestId('save-version').click();
    await expect(drawer.getByText('Must be from 0 to 100 (a score)')).toBeVisible();
    expect(await ok<unknown[]>(api(request, server, token, 'fraud.rules.changes.list', {}))).toEqual([]);
    await drawer.locator('input[data-param="score"]').fill('60');
  });

  let changeId = 0;
  await test.step('the analyst proposes maxCount 12: it waits, and the analyst cannot approve it', async () => {
    await drawer.locator('input[data-param="maxCount"]').fill('12');
    await drawer.getByTestId('rule-note').fill('Fewer false positives on card testing bursts');
    await drawer.getByTestId('save-version').click();
    const pending = drawer.getByTestId('rule-pending-change');
    await expect(pending).toBeVisible();
    await expect(pending.getByTestId('rule-change-own')).toContainText('Yours');
    await expect(pending.getByTestId('approve-rule-change')).toHaveCount(0);
    await expect(pending.locator('[data-param="maxCount"] [data-testid="change-before"]')).toHaveText('8');
    await expect(pending.locator('[data-param="maxCount"] [data-testid="change-after"]')).toHaveText('12');
    changeId = Number(await pending.getAttribute('data-change-id'));
    expect(changeId).toBeGreaterThan(0);
    // Not in force, and the API refuses the maker's own approval.
    expect(maxCount(await velocity())).toBe(8);
    expect((await api(request, server, token, 'fraud.rules.changes.approve', { id: changeId })).error?.code).toBe('FORBIDDEN');
    expect((await velocity()).version).toBe(1);
    await saveScreenshot(page, testInfo, 'issue16-rule-pending-1440');
  });

  const approveAs = async (manager: App) => {
    await openRule(manager.page, 'velocity');
    const card = manager.page.getByTestId('rule-drawer').getByTestId('rule-pending-change');
    await expect(card).toBeVisible();
    await card.getByTestId('approve-rule-change').click();
    await expect(manager.shell.notification(/Approved: .* in force/)).toBeVisible();
  };

  const manager = await openAnotherApp({ locale: 'en-US', timezoneId: 'Europe/Prague', viewport: { width: 1440, height: 900 } });
  await manager.signInAs('manager');
  await test.step('a manager approves it: version 2 is in force', async () => {
    await approveAs(manager);
    await expect.poll(async () => [(await velocity()).version, maxCount(await velocity())]).toEqual([2, 12]);
  });

  await test.step('the history keeps version 1 and shows before and after; the analyst proposes restoring v1', async () => {
    await page.reload();
    await openRule(page, 'velocity');
    const history = drawer.getByTestId('rule-history');
    const v2 = history.locator('[data-testid="rule-version"][data-version="2"]');
    await expect(v2).toContainText('approved by manager');
    await expect(v2.locator('[data-param="maxCount"] [data-testid="change-before"]')).toHaveText('8');
    await expect(v2.locator('[data-param="maxCount"] [data-testid="change-after"]')).toHaveText('12');
    const v1 = history.locator('[data-testid="rule-version"][data-version="1"]');
    await expect(v1).toContainText('shipped');
    await v1.getByTestId('restore-version').click();
    await v1.getByTestId('restore-note').fill('Back to the shipped burst size after the pilot');
    await v1.getByTestId('propose-restore').click();
    await expect(drawer.getByTestId('rule-pending-change')).toContainText('Restoring version 1');
    expect((await velocity()).version).toBe(2);
  });

  await test.step('the manager approves the restore: version 3 carries version 1’s parameters', async () => {
    await manager.page.reload();
    await approveAs(manager);
    await expect.poll(async () => [(await velocity()).version, maxCount(await velocity())]).toEqual([3, 8]);
    await page.reload();
    await openRule(page, 'velocity');
    const v3 = drawer.getByTestId('rule-history').locator('[data-testid="rule-version"][data-version="3"]');
    await expect(v3).toContainText('restores v1');
    await expect(v3).toContainText('in force');
    await saveScreenshot(page, testInfo, 'issue16-rule-history-1440');
  });
});
