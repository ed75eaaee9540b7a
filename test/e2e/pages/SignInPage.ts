import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { nextApiResponse } from '../support/api';
import type { E2eServer } from '../support/server';

export const DEMO_PASSWORD = 'cloudbank-demo';

/** The sign-in screen: password step, MFA step, demo users panel; also the page shown without a launch token. */
export class SignInPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly notice: Locator;
  readonly bankName: Locator;
  readonly mode: Locator;
  readonly demoPanel: Locator;
  readonly demoUsers: Locator;
  readonly demoPassword: Locator;
  readonly mfaCode: Locator;
  readonly mfaSubmit: Locator;
  readonly missingToken: Locator;

  constructor(
    readonly page: Page,
    private readonly server: E2eServer,
  ) {
    this.username = page.getByTestId('signin-username');
    this.password = page.getByTestId('signin-password');
    this.submit = page.getByTestId('signin-submit');
    this.error = page.getByTestId('signin-error');
    this.notice = page.getByTestId('signin-notice');
    this.bankName = page.getByTestId('signin-bank-name');
    this.mode = page.getByTestId('signin-mode');
    this.demoPanel = page.getByTestId('demo-users');
    this.demoUsers = page.getByTestId('demo-user');
    this.demoPassword = page.getByTestId('demo-password');
    this.mfaCode = page.getByTestId('mfa-code');
    this.mfaSubmit = page.getByTestId('mfa-submit');
    this.missingToken = page.getByTestId('missing-token');
  }

  /** Opens the link the server printed (it carries the launch token) and waits for the form. */
  async open(): Promise<Response | null> {
    const response = await this.page.goto(this.server.openUrl);
    await expect(this.username).toBeVisible();
    return response;
  }

  demoUser(username: string): Locator {
    return this.demoUsers.and(this.page.locator(`[data-username="${username}"]`));
  }

  /** Fills and submits the password step; resolves with the auth.signIn response, whatever it says. */
  async submitPassword(username: string, password: string): Promise<Response> {
    await this.username.fill(username);
    await this.password.fill(password);
    const response = nextApiResponse(this.page, 'auth.signIn');
    await this.submit.click();
    return response;
  }

  /** Types a code into the MFA step (six digits submit by themselves); resolves with the auth.signIn response. */
  async enterCode(code: string): Promise<Response> {
    // A code typed while the previous one is still being checked would not submit itself.
    await expect(this.mfaSubmit).toBeEnabled();
    await expect(this.mfaSubmit).not.toHaveAttribute('data-loading');
    const response = nextApiResponse(this.page, 'auth.signIn');
    await this.mfaCode.fill(code);
    return response;
  }

  async expectError(code: string, message: RegExp | string): Promise<void> {
    await expect(this.error).toHaveAttribute('data-code', code);
    await expect(this.error).toContainText(message);
  }
}
