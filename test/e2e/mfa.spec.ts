import { expect, test } from './fixtures';
import { DEMO_PASSWORD } from './pages/SignInPage';
import { apiErrorCode } from './support/api';
import { codeAtStep, timeStep, wrongCode } from './support/totp';

test('a user turns on TOTP, then needs a fresh code at sign-in: wrong and replayed codes are refused', async ({ app }) => {
  const { signIn, shell, account } = app;
  await app.signInAs('compliance');
  await shell.goTo('account');
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
  await shell.goTo('account');
  await expect(account.mfaState).toHaveAttribute('data-enabled', 'true');
});
