import { expect, type Locator, type Page } from '@playwright/test';

export type Area = 'dashboard' | 'audit' | 'users' | 'my-account' | 'settings/sync' | 'fraud' | 'operations' | 'explore' | 'compliance';

/** Each area's screen root, to know the navigation landed. */
const SCREEN_TEST_ID: Record<Area, string> = {
  dashboard: 'dashboard',
  audit: 'audit-screen',
  users: 'users-screen',
  'my-account': 'my-account-screen',
  'settings/sync': 'sync-screen',
  fraud: 'fraud-queue',
  operations: 'operations-screen',
  explore: 'explore-screen',
  compliance: 'compliance-header',
};

/** The signed-in frame: header (user, role, theme, sign-out) and the left navigation. */
export class Shell {
  readonly currentUser: Locator;
  readonly userName: Locator;
  readonly userRole: Locator;
  readonly nav: Locator;
  readonly navLinks: Locator;
  readonly signOutButton: Locator;
  readonly themeToggle: Locator;
  readonly connection: Locator;
  /** The header's "Offline — data as of …" badge (the bank is unreachable). */
  readonly offlineBadge: Locator;
  /** The header's quieter sync badge ("Syncing n%", "Sync error"). */
  readonly syncIndicator: Locator;

  constructor(readonly page: Page) {
    this.currentUser = page.getByTestId('current-user');
    this.userName = page.getByTestId('current-user-name');
    this.userRole = page.getByTestId('current-user-role');
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.navLinks = this.nav.locator('[data-testid^="nav-"]');
    this.signOutButton = page.getByTestId('sign-out');
    this.themeToggle = page.getByTestId('theme-toggle');
    this.connection = page.getByTestId('connection-status');
    this.offlineBadge = page.getByTestId('offline-badge');
    this.syncIndicator = page.getByTestId('sync-indicator');
  }

  navLink(area: Area): Locator {
    return this.page.getByTestId(`nav-${area}`);
  }

  screen(area: Area): Locator {
    return this.page.getByTestId(SCREEN_TEST_ID[area]);
  }

  /** A toast (Mantine notification, top right), by its text. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.mantine-Notification-root').filter({ hasText: text });
  }

  /**
   * Closes a toast with its × as a person would: toasts sit over the header's theme and sign-out
   * buttons until they time out.
   */
  async dismissNotification(text: string | RegExp): Promise<void> {
    const toast = this.notification(text);
    await expect(toast).toBeVisible();
    await toast.getByRole('button').click();
    await expect(toast).toBeHidden();
  }

  async expectSignedInAs(displayName: string, roleLabel: string): Promise<void> {
    await expect(this.userName).toHaveText(displayName);
    await expect(this.userRole).toHaveText(roleLabel);
  }

  async goTo(area: Area): Promise<void> {
    await this.navLink(area).click();
    await expect(this.navLink(area)).toHaveAttribute('aria-current', 'page');
    await expect(this.screen(area)).toBeVisible();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(this.currentUser).toBeHidden();
  }

  /** Switches light/dark and waits until the whole page has taken the new scheme. */
  async setTheme(scheme: 'light' | 'dark'): Promise<void> {
    const html = this.page.locator('html');
    if ((await html.getAttribute('data-mantine-color-scheme')) !== scheme) await this.themeToggle.click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', scheme);
  }
}
