import { expect, test } from './fixtures';
import type { Area } from './pages/Shell';
import { DEMO_PASSWORD } from './pages/SignInPage';
import { apiErrorCode } from './support/api';

interface DemoRole {
  username: string;
  name: string;
  role: string;
  /** Navigation labels, in order: exactly what this role may use. */
  areas: readonly string[];
  /** Screens this role must not reach, even by typing their address. */
  forbidden: readonly Area[];
}

/** The demo users, what the header must say about them, and the areas each role may use. */
const ROLES: readonly DemoRole[] = [
  {
    username: 'teller',
    name: 'Tereza Novák',
    role: 'Teller',
    areas: ['Dashboard', 'Customers', 'Accounts', 'Operations', 'Products', 'Branches', 'Sync & cache', 'My account'],
    forbidden: ['audit', 'users', 'fraud', 'explore', 'compliance'],
  },
  {
    username: 'analyst',
    name: 'Adam Fischer',
    role: 'Fraud analyst',
    areas: ['Dashboard', 'Explore', 'Fraud queue', 'Fraud rules', 'Customers', 'Accounts', 'Products', 'Branches', 'Sync & cache', 'My account'],
    forbidden: ['audit', 'users', 'operations', 'compliance'],
  },
  {
    username: 'compliance',
    name: 'Clara Dvořák',
    role: 'Compliance officer',
    areas: ['Dashboard', 'Explore', 'Compliance', 'Fraud queue', 'Fraud rules', 'Customers', 'Accounts', 'Products', 'Branches', 'Sync & cache', 'My account'],
    forbidden: ['audit', 'users', 'operations'],
  },
  {
    username: 'manager',
    name: 'Martin Horák',
    role: 'Manager',
    areas: [
      'Dashboard',
      'Explore',
      'Reports',
      'Compliance',
      'Fraud queue',
      'Fraud rules',
      'Customers',
      'Accounts',
      'Operations',
      'Products',
      'Branches',
      'Sync & cache',
      'My account',
    ],
    forbidden: ['audit', 'users'],
  },
  {
    username: 'auditor',
    name: 'Eva Marková',
    role: 'Auditor',
    areas: [
      'Dashboard',
      'Explore',
      'Reports',
      'Compliance',
      'Fraud queue',
      'Fraud rules',
      'Customers',
      'Accounts',
      'Products',
      'Branches',
      'Audit log',
      'Sync & cache',
      'My account',
    ],
    forbidden: ['users', 'operations'],
  },
  {
    username: 'admin',
    name: 'Jan Svoboda',
    role: 'Administrator',
    areas: ['Dashboard', 'Customers', 'Accounts', 'Products', 'Branches', 'Audit log', 'Users', 'Connections', 'Report storage', 'Sync & cache', 'My account'],
    forbidden: ['fraud', 'operations', 'explore'],
  },
];

test('the demo bank’s sign-in page lists the demo users and their password; picking one fills the form', async ({ app }) => {
  const { signIn } = app;
  await signIn.open();
  await expect(signIn.mode).toHaveText('Demo bank');
  await expect(signIn.demoPanel).toBeVisible();
  await expect(signIn.demoPassword).toHaveText(DEMO_PASSWORD);
  await expect(signIn.demoUsers).toHaveCount(ROLES.length);
  for (const r of ROLES) {
    const item = signIn.demoUser(r.username);
    await expect(item).toContainText(r.name);
    await expect(item).toContainText(r.role);
  }

  await signIn.demoUser('manager').click();
  await expect(signIn.username).toHaveValue('manager');
  await expect(signIn.password).toHaveValue(DEMO_PASSWORD);
  await signIn.submit.click();
  await app.shell.expectSignedInAs('Martin Horák', 'Manager');
});

for (const r of ROLES) {
  test(`${r.username} (${r.role}) signs in, sees their name, role and only their areas, and signs out`, async ({ app, server, request }) => {
    await app.signInAs(r.username);
    const { shell } = app;
    await shell.expectSignedInAs(r.name, r.role);
    await expect(shell.navLinks).toHaveText([...r.areas]);
    await expect(shell.screen('dashboard')).toBeVisible();

    // Another role's screen typed into the address bar lands on the first permitted screen instead.
    for (const area of r.forbidden) {
      await app.page.goto(`${server.url}/#/${area}`);
      await expect(app.page).toHaveURL(/#\/dashboard$/);
      await expect(shell.screen(area)).toBeHidden();
    }
    // …and the server refuses the method itself, not only the menu.
    const token = await app.sessionToken();
    const listUsers = await request.post(`${server.url}/api/call`, {
      headers: { Authorization: `Bearer ${server.launchToken}`, 'X-CloudBank-Session': token },
      data: { method: 'admin.listUsers', input: {} },
    });
    expect(await apiErrorCode(listUsers)).toBe(r.username === 'admin' ? null : 'FORBIDDEN');

    await shell.signOut();
    await expect(app.signIn.username).toBeVisible();
    await expect(app.signIn.notice).toHaveText('You have signed out.');
    // The ended session is dead on the server too.
    const after = await request.post(`${server.url}/api/call`, {
      headers: { Authorization: `Bearer ${server.launchToken}`, 'X-CloudBank-Session': token },
      data: { method: 'auth.me', input: {} },
    });
    expect(await apiErrorCode(after)).toBe('UNAUTHENTICATED');
  });
}
