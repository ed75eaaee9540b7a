import { expect, type Locator, type Page } from '@playwright/test';
import { codeAtStep, timeStep } from '../support/totp';
import { Shell } from './Shell';

/** "My account": profile and two-step sign-in (TOTP) enrolment. */
export class AccountPage {
  readonly root: Locator;
  readonly mfaState: Locator;
  readonly mfaBegin: Locator;
  readonly enrolment: Locator;
  readonly secret: Locator;
  readonly qr: Locator;
  readonly confirmCode: Locator;
  readonly confirmSubmit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('account-screen');
    this.mfaState = page.getByTestId('mfa-state');
    this.mfaBegin = page.getByTestId('mfa-begin');
    this.enrolment = page.getByTestId('mfa-enrolment');
    this.secret = page.getByTestId('mfa-secret');
    this.qr = page.getByTestId('mfa-qr');
    this.confirmCode = page.getByTestId('mfa-confirm-code');
    this.confirmSubmit = page.getByTestId('mfa-confirm-submit');
    this.error = page.getByTestId('mfa-error');
  }

  /**
   * Enrols an authenticator the way a person does: reads the secret the page shows, lets "the app"
   * (otpauth, in the test) compute the current code, and types it in.
   * Returns the secret and the time step whose code was spent.
   */
  async enrolTotp(): Promise<{ secret: string; usedStep: number }> {
    await expect(this.mfaState).toHaveAttribute('data-enabled', 'false');
    await this.mfaBegin.click();
    await expect(this.enrolment).toBeVisible();
    await expect(this.qr).toBeVisible();
    const secret = ((await this.secret.textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    const usedStep = timeStep();
    await this.confirmCode.fill(codeAtStep(secret, usedStep));
    await this.confirmSubmit.click();
    await expect(this.mfaState).toHaveAttribute('data-enabled', 'true');
    await expect(this.mfaState).toHaveText('On');
    await new Shell(this.page).dismissNotification('Two-step sign-in is on');
    return { secret, usedStep };
  }
}
