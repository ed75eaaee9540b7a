import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DEMO_PASSWORD } from './pages/SignInPage';
import { api, ok } from './support/api';
import type { E2eServer } from './support/server';

/**
 * Issue 15: a shared counter workstation. One teller looks customers up and signs out; the next teller
 * who signs in at the same browser tab must find nothing of the first one's session in the renderer —
 * not in the query cache, the recent lookups, the customer search, the command palette, the address,
 * the stores, nor anywhere in the page's JavaScript heap.
 */

/** The Web Storage calls the test reads (the root tsconfig has no DOM library). */
interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}

async function publicCall<T>(request: APIRequestContext, server: E2eServer, method: string, input: unknown): Promise<T> {
  const res = await request.post(`${server.url}/api/call`, { headers: { Authorization: `Bearer ${server.launchToken}` }, data: { method, input } });
  const body = (await res.json()) as { ok: boolean; result?: T; error?: unknown };
  if (!body.ok) throw new Error(`${method} refused: ${JSON.stringify(body.error)}`);
  return body.result as T;
}

/** A second teller, created by the administrator, with the password they chose at their first sign-in. */
async function secondTeller(request: APIRequestContext, server: E2eServer): Promise<{ username: string; password: string }> {
  const admin = await publicCall<{ token: string }>(request, server, 'auth.signIn', { username: 'admin', password: DEMO_PASSWORD });
  const temporary = 'counter two temporary 2026';
  const password = 'counter two chosen words';
  await ok(api(request, server, admin.token, 'admin.createUser', { username: 'teller2', displayName: 'Tomáš Beneš', role: 'teller', password: temporary }));
  const first = await publicCall<{ token: string }>(request, server, 'auth.signIn', { username: 'teller2', password: temporary });
  await ok(api(request, server, first.token, 'auth.changePassword', { currentPassword: temporary, newPassword: password }));
  return { username: 'teller2', password };
}

/**
 * Every string the page's JavaScript still holds (both worlds of the tab share one heap), after two
 * full garbage collections: what is unreachable is gone, what any store, cache or closure keeps is here.
 */
async function heapStrings(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snapshot = JSON.parse(chunks.join('')) as { strings: string[] };
    return snapshot.strings;
  } finally {
    await cdp.detach();
  }
}

test('the next teller at the same tab finds nothing of the previous teller’s session', async ({ app, page, request, server }) => {
  test.setTimeout(180_000);
  const next = await secondTeller(request, server);
  const { shell } = app;

  // The first teller looks customers up: a search, a customer's 360, one of their accounts, the palette.
  // Values are read from the page, never typed into locators, so the test itself leaves none in the page.
  await app.signInAs('teller');
  await page.getByTestId('nav-customers').click();
  const search = page.getByTestId('customer-search');
  await search.fill('Nov');
  const firstHit = page.getByTestId('customer-hit').first();
  await expect(firstHit).toBeVisible();
  await page.getByTestId('customer-hit-name').first().click();
  const view = page.getByTestId('customer-360');
  await expect(view).toBeVisible();
  const legalName = (await page.getByTestId('customer-name').textContent())?.trim() ?? '';
  const customerNo = (await page.getByTestId('customer-no').textContent())?.trim() ?? '';
  expect(legalName.length, 'the customer has a name').toBeGreaterThan(3);
  expect(customerNo.length, 'the customer has a number').toBeGreaterThan(3);

  await view.locator('tr[data-row-id]').first().click();
  const accountPage = page.getByTestId('account-page');
  await expect(accountPage).toBeVisible();
  const accountNo = (await accountPage.getAttribute('data-account-no')) ?? '';
  expect(accountNo).toMatch(/^[A-Z]{2}\d{2}/);

  await page.getByTestId('nav-accounts').click();
  await expect(page.getByTestId('recent-account')).toHaveCount(1);

  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('Nov');
  // Customers found by the palette's own search (items with ids palette-customer-<id>).
  await expect(page.locator('[id^="palette-customer-"]').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette-input')).toBeHidden();
  await page.getByTestId('nav-customers').click();
  await expect(page.getByTestId('customer-search')).toHaveValue('Nov');

  // The detector works: while signed in, the page's heap does hold what the teller looked at.
  const before = await heapStrings(page);
  for (const value of [legalName, customerNo, accountNo])
    expect(
      before.some((s) => s.includes(value)),
      `the signed-in heap holds ${value}`,
    ).toBe(true);

  await shell.signOut();

  // Signed out: the address and the tab's storage name nothing the first teller saw.
  await expect(app.signIn.username).toBeVisible();
  expect(new URL(page.url()).hash, 'the address is back to the start').toBe('');
  const storage = await page.evaluate(() => {
    const g = globalThis as unknown as { sessionStorage: StorageLike; localStorage: StorageLike };
    const all: string[] = [];
    for (const store of [g.sessionStorage, g.localStorage]) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i) ?? '';
        all.push(`${key}=${store.getItem(key) ?? ''}`);
      }
    }
    return all.join('\n');
  });
  for (const value of [legalName, customerNo, accountNo]) expect(storage, `storage after sign-out holds ${value}`).not.toContain(value);

  // The query cache, the stores, the recent lookups and the palette's results are all in the JS heap:
  // none of the first teller's customer name, customer number or account number is left there.
  const strings = await heapStrings(page);
  for (const value of [legalName, customerNo, accountNo]) {
    const holding = strings.filter((s) => s.includes(value));
    expect(holding, `the page's heap still holds ${value}`).toEqual([]);
  }

  // The second teller starts from nothing: first screen, empty search, no recent accounts, empty palette.
  await app.signInAs(next.username, next.password);
  await expect(page).not.toHaveURL(/#\/(customers|accounts)\//);
  await page.getByTestId('nav-customers').click();
  await expect(page.getByTestId('customer-search')).toHaveValue('');
  await expect(page.getByTestId('customer-hit')).toHaveCount(0);
  await page.getByTestId('nav-accounts').click();
  await expect(page.getByTestId('balance-inquiry')).toBeVisible();
  await expect(page.getByTestId('recent-account')).toHaveCount(0);
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-input')).toHaveValue('');
  await expect(page.locator('[id^="palette-customer-"]')).toHaveCount(0);
  await expect(page.getByTestId('palette-item').filter({ hasText: legalName })).toHaveCount(0);
});
