import { expect, type Locator, type Page } from '@playwright/test';
import { nextApiResponse } from '../support/api';

/** Administration of staff users: roles, MFA, lockouts. */
export class UsersPage {
  readonly root: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('users-screen');
    this.rows = page.getByTestId('user-row');
  }

  row(username: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('user-username').getByText(username, { exact: true }) });
  }

  lockBadge(username: string): Locator {
    return this.row(username).getByTestId('user-locked');
  }

  unlockButton(username: string): Locator {
    return this.row(username).getByTestId('unlock-user');
  }

  async unlock(username: string): Promise<void> {
    const answer = nextApiResponse(this.page, 'admin.unlockUser');
    await this.unlockButton(username).click();
    expect((await answer).status()).toBe(200);
    await expect(this.lockBadge(username)).toBeHidden();
    await expect(this.unlockButton(username)).toBeHidden();
  }
}
