import { expect, test } from './fixtures';
import { DEMO_PASSWORD } from './pages/SignInPage';
import { apiErrorCode } from './support/api';

/** main/auth/lockout.ts: MAX_FAILED_ATTEMPTS. */
const MAX_FAILED_ATTEMPTS = 5;

test('five wrong passwords lock the account until an administrator unlocks it', async ({ app, openAnotherApp }) => {
  const { signIn, shell } = app;
  await signIn.open();

  for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
    const answer = await signIn.submitPassword('analyst', `not-the-password-${attempt}`);
    expect(await apiErrorCode(answer), `attempt ${attempt}`).toBe('UNAUTHENTICATED');
    await signIn.expectError('UNAUTHENTICATED', 'Wrong username or password.');
  }
  const fifth = await signIn.submitPassword('analyst', 'not-the-password-5');
  expect(await apiErrorCode(fifth)).toBe('LOCKED');
  await signIn.expectError('LOCKED', /locked/i);
  await expect(signIn.error).toContainText('Account locked');

  // Locked means locked: the right password is refused too, with the same message.
  const rightButLocked = await signIn.submitPassword('analyst', DEMO_PASSWORD);
  expect(await apiErrorCode(rightButLocked)).toBe('LOCKED');
  await signIn.expectError('LOCKED', /locked/i);
  await expect(shell.currentUser).toBeHidden();

  // The administrator, at another browser, sees the lock and lifts it.
  const admin = await openAnotherApp();
  await admin.signInAs('admin');
  await admin.shell.goTo('users');
  await expect(admin.users.lockBadge('analyst')).toBeVisible();
  await expect(admin.users.lockBadge('teller')).toBeHidden();
  await admin.users.unlock('analyst');

  const afterUnlock = await signIn.submitPassword('analyst', DEMO_PASSWORD);
  expect(await apiErrorCode(afterUnlock)).toBeNull();
  await shell.expectSignedInAs('Adam Fischer', 'Fraud analyst');
});
