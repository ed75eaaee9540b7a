import { expect, type Page } from '@playwright/test';
import type { E2eServer } from '../support/server';
import { MyAccountPage } from './MyAccountPage';
import { AuditPage } from './AuditPage';
import { DashboardPage } from './DashboardPage';
import { Shell } from './Shell';
import { DEMO_PASSWORD, SignInPage } from './SignInPage';
import { SyncPage } from './SyncPage';
import { UsersPage } from './UsersPage';

/** Every page object over one browser tab of one server. */
export class App {
  readonly signIn: SignInPage;
  readonly shell: Shell;
  readonly dashboard: DashboardPage;
  readonly myAccount: MyAccountPage;
  readonly audit: AuditPage;
  readonly users: UsersPage;
  readonly sync: SyncPage;

  constructor(
    readonly page: Page,
    readonly server: E2eServer,
  ) {
    this.signIn = new SignInPage(page, server);
    this.shell = new Shell(page);
    this.dashboard = new DashboardPage(page);
    this.myAccount = new MyAccountPage(page);
    this.audit = new AuditPage(page);
    this.users = new UsersPage(page);
    this.sync = new SyncPage(page);
  }

  /** Opens the printed link and signs in with the demo password; waits for the signed-in frame. */
  async signInAs(username: string, password: string = DEMO_PASSWORD): Promise<void> {
    await this.signIn.open();
    const answer = await this.signIn.submitPassword(username, password);
    expect(answer.status(), `sign-in as ${username}`).toBe(200);
    await expect(this.shell.currentUser).toBeVisible();
  }

  /** The session token the tab holds (sessionStorage), to call the API as this user from the test. */
  async sessionToken(): Promise<string> {
    const token = await this.page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('cloudbank.session'));
    if (!token) throw new Error('This tab holds no session');
    return token;
  }
}
