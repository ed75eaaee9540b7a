import { expect, test } from './fixtures';
import { DEMO_PASSWORD } from './pages/SignInPage';
import { api, apiErrorCode, ok } from './support/api';
import { codeAtStep, timeStep } from './support/totp';

/**
 * Issue 14, "Secrets" in the suite: whatever the browser-edition server prints while people sign in
 * (a wrong password, a password typed into the username field), enrol and use two-step sign-in,
 * change a password and move money, holds no session token, no password, no TOTP secret and no full
 * account number. The launch link the server prints for the person starting it is the one place its
 * launch token may appear.
 */
test('the server’s logs of sign-in, MFA, a password change and banking operations hold no secret', async ({ app, server, request }) => {
  test.setTimeout(150_000);
  const secrets: { what: string; value: string }[] = [];
  const keep = (what: string, value: string): string => {
    secrets.push({ what, value });
    return value;
  };
  // The demo password is public by design (the start banner prints it for the demo users); it must
  // appear nowhere but there.

  // A teller signs in on the page and moves money between two customers' accounts.
  await app.signInAs('teller');
  const teller = keep('teller session token', await app.sessionToken());
  const products = await ok<{ id: number; currency: string; kind: string }[]>(api(request, server, teller, 'products.list', { includeInactive: false }));
  const product = products.find((p) => p.kind === 'current' && p.currency === 'EUR');
  expect(product, 'an EUR current account product').toBeTruthy();
  if (!product) return;
  const stamp = Date.now().toString(36);
  type Opened = { account: { id: number; accountNo: string } };
  const a = await ok<Opened>(
    api(request, server, teller, 'accounts.open', { customerId: 1, productId: product.id, initialDeposit: '250', idempotencyKey: `e2e-logs-open-a-${stamp}` }),
  );
  const b = await ok<Opened>(
    api(request, server, teller, 'accounts.open', { customerId: 2, productId: product.id, initialDeposit: '', idempotencyKey: `e2e-logs-open-b-${stamp}` }),
  );
  keep('account number', a.account.accountNo);
  keep('account number', b.account.accountNo);
  await ok(
    api(request, server, teller, 'ops.submit', {
      operation: { kind: 'deposit', accountId: a.account.id, amount: '120.50', currency: 'EUR', description: 'Cash in' },
      idempotencyKey: `e2e-logs-dep-${stamp}`,
    }),
  );
  await ok(
    api(request, server, teller, 'ops.submit', {
      operation: { kind: 'withdrawal', accountId: a.account.id, amount: '20', currency: 'EUR', description: 'Cash out' },
      idempotencyKey: `e2e-logs-wd-${stamp}`,
    }),
  );
  await ok(
    api(request, server, teller, 'ops.submit', {
      operation: { kind: 'transfer', fromAccountId: a.account.id, toAccountNo: b.account.accountNo, amount: '75', currency: 'EUR', description: 'Rent' },
      idempotencyKey: `e2e-logs-tr-${stamp}`,
    }),
  );
  // A refused operation (to an account that does not exist) and a statement export.
  const refused = await api(request, server, teller, 'ops.submit', {
    operation: { kind: 'transfer', fromAccountId: a.account.id, toAccountNo: `${b.account.accountNo}9`, amount: '1', currency: 'EUR', description: '' },
    idempotencyKey: `e2e-logs-bad-${stamp}`,
  });
  expect(refused.ok).toBe(false);
  await ok(
    api(request, server, teller, 'statements.export', {
      accountId: a.account.id,
      from: Date.now() - 86_400_000,
      to: Date.now() + 60_000,
      timeZone: 'Europe/Prague',
      format: 'csv',
    }),
  );

  // Failed sign-ins: a wrong password, and a password typed into the username field.
  const typedIntoUsername = keep('password typed as a username', 'Correct-Horse-Battery-9981');
  const typo = await request.post(`${server.url}/api/call`, {
    headers: { Authorization: `Bearer ${server.launchToken}` },
    data: { method: 'auth.signIn', input: { username: typedIntoUsername, password: 'x' } },
  });
  expect(await apiErrorCode(typo)).toBe('UNAUTHENTICATED');
  const wrongPassword = keep('a wrong password', 'wrong-password-4471');
  await request.post(`${server.url}/api/call`, {
    headers: { Authorization: `Bearer ${server.launchToken}` },
    data: { method: 'auth.signIn', input: { username: 'analyst', password: wrongPassword } },
  });

  // The analyst turns two-step sign-in on, signs in with a code on the page, and changes the password.
  const signIn = await request.post(`${server.url}/api/call`, {
    headers: { Authorization: `Bearer ${server.launchToken}` },
    data: { method: 'auth.signIn', input: { username: 'analyst', password: DEMO_PASSWORD } },
  });
  const analyst = keep('analyst session token', ((await signIn.json()) as { result: { token: string } }).result.token);
  const { secret } = await ok<{ secret: string }>(api(request, server, analyst, 'auth.mfaBegin', { password: DEMO_PASSWORD }));
  keep('TOTP secret', secret);
  keep('TOTP secret (unspaced)', secret.replace(/\s+/g, ''));
  const enrolStep = timeStep();
  await ok(api(request, server, analyst, 'auth.mfaConfirm', { code: codeAtStep(secret, enrolStep) }));
  await app.shell.signOut();
  await app.signIn.submitPassword('analyst', DEMO_PASSWORD);
  // A code is good once: wait for the next step before signing in with one.
  await expect.poll(() => timeStep(), { timeout: 35_000, intervals: [500] }).toBeGreaterThan(enrolStep);
  expect(await apiErrorCode(await app.signIn.enterCode(codeAtStep(secret, timeStep())))).toBeNull();
  await expect(app.shell.currentUser).toBeVisible();
  const analystOnPage = keep('analyst page session token', await app.sessionToken());
  const newPassword = keep('new password', 'quiet harbour lantern 8812');
  await ok(api(request, server, analystOnPage, 'auth.changePassword', { currentPassword: DEMO_PASSWORD, newPassword }));
  await ok(api(request, server, analyst, 'auth.signOut', {})).catch(() => undefined);

  // Everything the server printed, once it has shut down and flushed.
  await server.stop();
  const output = server.output();
  expect(output).toContain('Open:');
  const leaks = secrets.filter((s) => output.includes(s.value)).map((s) => s.what);
  expect(leaks, output).toEqual([]);
  // The launch token only in the launch link printed for the person who started the server.
  const lines = output.split('\n');
  expect(lines.filter((line) => line.includes(server.launchToken) && !/^\s*Open:\s/.test(line))).toEqual([]);
  expect(lines.filter((line) => line.includes(DEMO_PASSWORD) && !/^\s*Demo users \(password "/.test(line))).toEqual([]);
});
