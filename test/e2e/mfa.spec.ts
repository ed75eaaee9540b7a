import { expect, test } from './fixtures';
import { DEMO_PASSWORD } from './pages/SignInPage';
import { api, apiErrorCode } from './support/api';
import { codeAtStep, timeStep, wrongCode } from './support/totp';

test('a user turns on TOTP, then needs a fresh code at sign-in: wrong and replayed codes are refused', async ({ app }) => {
  const { signIn, shell, myAccount: account } = app;
  await app.signInAs('compliance');
  await shell.goTo('my-account');
  const { secret, usedStep } = await account.enrolTotp();

  await shell.signOut();
  const first = await signIn.submitPassword('compliance', DEMO_PASSWORD);
  expect(await apiErrorCode(first)).toBe('MFA_REQUIRED');
  await expect(signIn.mfaCode).toBeVisible();
  await expect(shell.currentUser).toBeHidden();

  // A code that matches no nearby time step.
  const wrong = await signIn.enterCode(wrongCode(secret));
  expect(await apiErrorCode(wrong)).toBe('UNAUTHENTICATED');
  await signIn.expectError('UNAUTHENTICATED', /code is not valid/i);
  await expect(signIn.mfaCode).toBeVisible();

  // The code already spent on enrolment is refused even while it is still current (no replay).
  const replay = await signIn.enterCode(codeAtStep(secret, usedStep));
  expect(await apiErrorCode(replay)).toBe('UNAUTHENTICATED');
  await signIn.expectError('UNAUTHENTICATED', /code is not valid/i);
  await expect(shell.currentUser).toBeHidden();

  // A fresh code: the current step if the clock moved on since enrolment, else the next one, which
  // the server accepts as one step of clock drift — so the test never waits for the clock.
  const fresh = Math.max(timeStep(), usedStep + 1);
  const ok = await signIn.enterCode(codeAtStep(secret, fresh));
  expect(await apiErrorCode(ok)).toBeNull();
  await shell.expectSignedInAs('Clara Dvořák', 'Compliance officer');
  // The first sign-in after the change says so, in case it was not the user who made it.
  await shell.dismissNotification(/two-step sign-in was turned on/i);
  await shell.goTo('my-account');
  await expect(account.mfaState).toHaveAttribute('data-enabled', 'true');
});

/** The lowest time step at or after `min` the server accepts now (±1 step): waits for the clock if `min` is still ahead. */
async function usableStep(min: number): Promise<number> {
  await expect.poll(() => timeStep() + 1, { timeout: 35_000, intervals: [500] }).toBeGreaterThanOrEqual(min);
  return Math.max(min, timeStep() - 1);
}

test('a session alone cannot move two-step sign-in to another app: the password and a current code are asked, and the next sign-in tells the user', async ({
  app,
  request,
  server,
}) => {
  test.setTimeout(300_000);
  const { signIn, shell, myAccount: account } = app;
  await app.signInAs('manager');
  await shell.goTo('my-account');
  const { secret: oldSecret, usedStep } = await account.enrolTotp();
  await shell.signOut();
  await signIn.submitPassword('manager', DEMO_PASSWORD);
  let step = await usableStep(usedStep + 1);
  expect(await apiErrorCode(await signIn.enterCode(codeAtStep(oldSecret, step)))).toBeNull();
  await shell.dismissNotification(/two-step sign-in was turned on/i);

  // Whoever holds the session (an unlocked workstation) calls the API without the password: refused.
  const token = await app.sessionToken();
  const bare = await api(request, server, token, 'auth.mfaBegin', {});
  expect(bare.error?.code).toBe('VALIDATION');
  const noCode = await api(request, server, token, 'auth.mfaBegin', { password: DEMO_PASSWORD });
  expect(noCode.error?.code).toBe('VALIDATION');
  expect(noCode.error?.message).toMatch(/current code/i);

  // On the page: a wrong password is refused with the reason, and nothing changes.
  await shell.goTo('my-account');
  await account.replace.click();
  step = await usableStep(step + 1);
  expect(await apiErrorCode(await account.submitReplaceProof('not-the-password', codeAtStep(oldSecret, step)))).toBe('VALIDATION');
  await expect(account.error).toContainText('not your password');
  await expect(account.enrolment).toBeHidden();

  // With the password and the current app's code, the new app is enrolled.
  expect(await apiErrorCode(await account.submitReplaceProof(DEMO_PASSWORD, codeAtStep(oldSecret, step)))).toBeNull();
  const newSecret = await account.shownSecret();
  expect(newSecret).not.toBe(oldSecret);
  const confirmStep = timeStep();
  await account.confirmNewApp(newSecret, confirmStep);

  // The old app no longer signs in; the new one does, and the sign-in says the authenticator was replaced.
  await shell.signOut();
  await signIn.submitPassword('manager', DEMO_PASSWORD);
  const stale = await signIn.enterCode(codeAtStep(oldSecret, await usableStep(step + 1)));
  expect(await apiErrorCode(stale)).toBe('UNAUTHENTICATED');
  const fresh = await signIn.enterCode(codeAtStep(newSecret, await usableStep(confirmStep + 1)));
  expect(await apiErrorCode(fresh)).toBeNull();
  await shell.expectSignedInAs('Martin Horák', 'Manager');
  await expect(shell.notification(/authenticator app was replaced/i)).toBeVisible();
});
