import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './SignInPage';
import { nextApiResponse } from '../support/api';
import { codeAtStep, timeStep } from '../support/totp';
import { Shell } from './Shell';

/** "My account": profile and two-step sign-in (TOTP) enrolment. */
export class MyAccountPage {
  readonly root: Locator;
  readonly mfaState: Locator;
  readonly mfaBegin: Locator;
  readonly enrolment: Locator;
  readonly secret: Locator;
  readonly qr: Locator;
  readonly confirmCode: Locator;
  readonly confirmSubmit: Locator;
  readonly error: Locator;
  readonly password: Locator;
  readonly currentCode: Locator;
  readonly replace: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('my-account-screen');
    this.mfaState = page.getByTestId('mfa-state');
    this.mfaBegin = page.getByTestId('mfa-begin');
    this.enrolment = page.getByTestId('mfa-enrolment');
    this.secret = page.getByTestId('mfa-secret');
    this.qr = page.getByTestId('mfa-qr');
    this.confirmCode = page.getByTestId('mfa-confirm-code');
    this.confirmSubmit = page.getByTestId('mfa-confirm-submit');
    this.error = page.getByTestId('mfa-error');
    this.password = page.getByTestId('mfa-password');
    this.currentCode = page.getByTestId('mfa-current-code');
    this.replace = page.getByTestId('mfa-replace');
  }

  /**
   * Enrols an authenticator the way a person does: reads the secret the page shows, lets "the app"
   * (otpauth, in the test) compute the current code, and types it in.
   * Returns the secret and the time step whose code was spent.
   */
  async enrolTotp(password: string = DEMO_PASSWORD): Promise<{ secret: string; usedStep: number }> {
    await expect(this.mfaState).toHaveAttribute('data-enabled', 'false');
    // A session alone may not enrol: the page asks for the password first.
    await this.password.fill(password);
    await this.mfaBegin.click();
    const secret = await this.shownSecret();
    const usedStep = timeStep();
    await this.confirmCode.fill(codeAtStep(secret, usedStep));
    await this.confirmSubmit.click();
    await expect(this.mfaState).toHaveAttribute('data-enabled', 'true');
    await expect(this.mfaState).toHaveText('On');
    await new Shell(this.page).dismissNotification('Two-step sign-in is on');
    return { secret, usedStep };
  }

  /** Submits the step-up for moving to a new app (password and the current app's code); resolves with the auth.mfaBegin response. */
  async submitReplaceProof(password: string, currentCode: string) {
    if (!(await this.password.isVisible())) await this.replace.click();
    await this.password.fill(password);
    await this.currentCode.fill(currentCode);
    const response = nextApiResponse(this.page, 'auth.mfaBegin');
    await this.mfaBegin.click();
    return response;
  }

  /** The new secret on the enrolment step, as a person would read it off the screen. */
  async shownSecret(): Promise<string> {
    await expect(this.enrolment).toBeVisible();
    await expect(this.qr).toBeVisible();
    const secret = ((await this.secret.textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    return secret;
  }

  /** Types the new app's code at `step` and turns it on. */
  async confirmNewApp(secret: string, step: number): Promise<void> {
    await this.confirmCode.fill(codeAtStep(secret, step));
    await this.confirmSubmit.click();
    await new Shell(this.page).dismissNotification('New authenticator app is on');
    await expect(this.mfaState).toHaveAttribute('data-enabled', 'true');
  }
}
