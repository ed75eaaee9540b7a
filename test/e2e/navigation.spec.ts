import { expect, test } from './fixtures';
import { apiErrorCode } from './support/api';
import { tamperAuditActor } from './support/bank-db';
import type { PageGlobals } from './support/browser-globals';
import { runCli } from './support/cli';
import { startForeignSite } from './support/foreign-origin';
import { watchNetwork } from './support/network-log';

test('without the launch token the page says to open the printed link and the API answers 401', async ({ app, server, request }) => {
  await app.page.goto(`${server.url}/`);
  await expect(app.signIn.missingToken).toBeVisible();
  await expect(app.signIn.missingToken).toContainText(/Open the link printed by/);
  await expect(app.signIn.username).toBeHidden();

  const call = { method: 'auth.status', input: {} };
  const noToken = await request.post(`${server.url}/api/call`, { data: call });
  expect(noToken.status()).toBe(401);
  expect(await apiErrorCode(noToken)).toBe('UNAUTHENTICATED');
  const wrongToken = await request.post(`${server.url}/api/call`, { data: call, headers: { Authorization: 'Bearer not-the-token' } });
  expect(wrongToken.status()).toBe(401);
  // The same call with the token works: the 401s above were about the token, nothing else.
  const withToken = await request.post(`${server.url}/api/call`, { data: call, headers: { Authorization: `Bearer ${server.launchToken}` } });
  expect(withToken.status()).toBe(200);
});

test('a page on another origin cannot use the API, even holding the launch token', async ({ page, context, server, request }) => {
  const foreign = await startForeignSite(`${server.url}/api/call`, server.launchToken);
  try {
    // CORS preflights and responses the browser withholds are not Playwright events; the DevTools protocol sees them.
    const traffic = await watchNetwork(context, page, `${server.url}/api/`);

    await page.goto(foreign.url);
    await expect(page.locator('#result')).toHaveText(/^refused:TypeError/);
    await expect(page.locator('body')).toHaveAttribute('data-simple-done', /.+/);
    // The token-carrying call needs a preflight: the server refuses it, so the call itself is never sent.
    await expect
      .poll(
        () =>
          traffic()
            .filter((x) => x.type === 'Preflight')
            .map((x) => x.status),
        { message: 'the preflight of the token-carrying call' },
      )
      .toEqual([403]);
    await expect
      .poll(
        () =>
          traffic()
            .filter((x) => x.method === 'POST' && x.status === null)
            .map((x) => x.failure),
        { message: 'the token-carrying call itself' },
      )
      .toEqual([expect.stringMatching(/Preflight/)]);
    // The simple POST needs no preflight and reaches the server, which refuses it by its Origin.
    await expect
      .poll(
        () =>
          traffic()
            .filter((x) => x.method === 'POST' && x.status !== null)
            .map((x) => x.status),
        { message: 'the simple cross-origin POST' },
      )
      .toEqual([403]);
    expect(traffic().filter((x) => x.status !== null && x.status < 400)).toEqual([]);
  } finally {
    await foreign.close();
  }

  // The server judges the Origin header itself, token or not.
  const forged = await request.post(`${server.url}/api/call`, {
    data: { method: 'auth.status', input: {} },
    headers: { Authorization: `Bearer ${server.launchToken}`, Origin: foreign.url },
  });
  expect(forged.status()).toBe(403);
  expect(await apiErrorCode(forged)).toBe('FORBIDDEN');
});

test('the CSP header is sent and an inline script injected into the app does not run', async ({ app }) => {
  const response = await app.signIn.open();
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
  expect(scriptSrc).not.toContain('unsafe-inline');
  expect(scriptSrc).not.toContain('unsafe-eval');

  const outcome = await app.page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const w = globalThis as unknown as PageGlobals;
        w.document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked:${e.violatedDirective}`), { once: true });
        const script = w.document.createElement('script');
        script.textContent = 'globalThis.cloudbankInjected = true;';
        w.document.head.appendChild(script);
        // An inline script that is allowed runs during appendChild.
        if (w.cloudbankInjected) resolve('executed');
      }),
  );
  expect(outcome).toMatch(/^blocked:script-src/);
  // The page's CSP reported the violation instead of running the code: nothing it would have set exists.
  expect(await app.page.evaluate(() => (globalThis as unknown as PageGlobals).cloudbankInjected ?? false)).toBe(false);
  // The app itself still works.
  await expect(app.signIn.username).toBeEditable();
});

test('window.open to an external site never takes the app away and gets no handle on it', async ({ app, context, server }) => {
  await context.route('https://external.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>External</title><p>external</p>' }));
  await app.signInAs('analyst');
  await app.dashboard.waitLoaded();
  const appUrl = app.page.url();

  const popup = app.page.waitForEvent('popup');
  // Blocked outright (null) there is no popup to wait for: keep that wait from failing the test later.
  popup.catch(() => undefined);
  const returned = await app.page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://external.example/phish') !== null);
  if (returned) {
    const opened = await popup;
    await opened.waitForLoadState();
    // Cross-Origin-Opener-Policy: same-origin cuts the link both ways: the external page cannot reach or redirect the app.
    expect(await opened.evaluate(() => (globalThis as unknown as PageGlobals).opener === null)).toBe(true);
    await opened.close();
  }
  expect(app.page.url()).toBe(appUrl);
  expect(new URL(app.page.url()).origin).toBe(server.url);
  await expect(app.shell.currentUser).toBeVisible();
  await expect(app.dashboard.root).toBeVisible();
});

test('the audit log lists sign-ins, failed ones too, and its hash chain exposes tampering', async ({ app, server }) => {
  const { signIn, shell, audit } = app;
  await signIn.open();
  const failed = await signIn.submitPassword('auditor', 'not-the-password');
  expect(await apiErrorCode(failed)).toBe('UNAUTHENTICATED');
  await signIn.expectError('UNAUTHENTICATED', 'Wrong username or password.');
  const answer = await signIn.submitPassword('auditor', 'cloudbank-demo');
  expect(await apiErrorCode(answer)).toBeNull();
  await shell.goTo('audit');

  await expect(audit.entries('auth.sign_in_failed', 'auditor')).toHaveCount(1);
  await expect(audit.entries('auth.signed_in', 'auditor')).toHaveCount(1);
  await expect(audit.entries('auth.sign_in_failed', 'auditor')).toContainText('bad_password');

  const intactCli = await runCli(['audit', 'verify', '--data-dir', server.dataDir]);
  expect(intactCli.code, intactCli.stdout + intactCli.stderr).toBe(0);
  expect(intactCli.stdout).toMatch(/intact/i);

  await audit.verifyChain();
  await expect(audit.verifyResult).toHaveAttribute('data-ok', 'true');
  await expect(audit.verifyResult).toContainText('Chain intact');

  tamperAuditActor(server.bankFile, 2, 'mallory');

  await audit.verifyChain();
  await expect(audit.verifyResult).toHaveAttribute('data-ok', 'false');
  await expect(audit.verifyResult).toContainText(/Chain broken at entry #2\b/);

  const brokenCli = await runCli(['audit', 'verify', '--data-dir', server.dataDir]);
  expect(brokenCli.code, brokenCli.stdout + brokenCli.stderr).toBe(1);
  expect(brokenCli.stdout).toMatch(/BROKEN at entry 2\b/);
});
