import { expect, type Locator, type Page } from '@playwright/test';
import { nextApiResponse } from '../support/api';

/** What a person types into the "New connection" form. */
export interface ConnectionDraft {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** "Verify with my CA file": the PEM file's full path. */
  caFile: string;
}

/** The option of the "Server certificate" select that verifies with a CA file of one's own. */
const VERIFY_WITH_MY_CA = 'Verify with my CA file';

/** Settings → Connections: the MySQL profiles, their form and test, and which one is the source. */
export class ConnectionsPage {
  readonly root: Locator;
  readonly navLink: Locator;
  readonly newConnection: Locator;
  readonly form: Locator;
  readonly name: Locator;
  readonly host: Locator;
  readonly port: Locator;
  readonly database: Locator;
  readonly user: Locator;
  readonly password: Locator;
  readonly tlsMode: Locator;
  readonly caFile: Locator;
  readonly testButton: Locator;
  readonly testResult: Locator;
  readonly testTls: Locator;
  readonly save: Locator;
  readonly rows: Locator;
  readonly activeSourceName: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('connections-screen');
    this.navLink = page.getByTestId('nav-settings/connections');
    this.newConnection = page.getByTestId('new-connection');
    this.form = page.getByTestId('connection-form');
    this.name = page.getByTestId('conn-name');
    this.host = page.getByTestId('conn-host');
    this.port = page.getByTestId('conn-port');
    this.database = page.getByTestId('conn-database');
    this.user = page.getByTestId('conn-user');
    this.password = page.getByTestId('conn-password');
    this.tlsMode = page.getByTestId('conn-tls-mode');
    this.caFile = page.getByTestId('conn-ca-file');
    this.testButton = page.getByTestId('conn-test');
    this.testResult = page.getByTestId('conn-test-result');
    this.testTls = page.getByTestId('conn-test-tls');
    this.save = page.getByTestId('conn-save');
    this.rows = page.getByTestId('connection-row');
    this.activeSourceName = page.getByTestId('active-source-name');
  }

  async open(): Promise<void> {
    await this.navLink.click();
    await expect(this.navLink).toHaveAttribute('aria-current', 'page');
    await expect(this.root).toBeVisible();
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('connection-name').getByText(name, { exact: true }) });
  }

  /** Opens "New connection" and fills every field of `draft`, TLS verified with the given CA file. */
  async fillNew(draft: ConnectionDraft): Promise<void> {
    await this.newConnection.click();
    await expect(this.form).toBeVisible();
    await this.name.fill(draft.name);
    await this.host.fill(draft.host);
    await this.port.fill(String(draft.port));
    await this.database.fill(draft.database);
    await this.user.fill(draft.user);
    await this.password.fill(draft.password);
    await this.tlsMode.click();
    await this.page.getByRole('option', { name: VERIFY_WITH_MY_CA, exact: true }).click();
    await expect(this.tlsMode).toHaveValue(VERIFY_WITH_MY_CA);
    await this.caFile.fill(draft.caFile);
  }

  /** Presses "Test connection" and waits for the result the form shows for what it holds now. */
  async test(): Promise<Locator> {
    const answer = nextApiResponse(this.page, 'connections.test');
    await this.testButton.click();
    expect((await answer).status()).toBe(200);
    await expect(this.testButton).not.toHaveAttribute('data-loading');
    await expect(this.testResult).toBeVisible();
    return this.testResult;
  }

  /** Saves the form; the dialog closes and the profile is listed. */
  async saveNew(name: string): Promise<void> {
    const answer = nextApiResponse(this.page, 'connections.save');
    await this.save.click();
    expect((await answer).status()).toBe(200);
    await expect(this.form).toBeHidden();
    await expect(this.row(name)).toBeVisible();
  }

  /** "Use as source": the server tests the profile again before it stores the choice. */
  async activate(name: string): Promise<void> {
    const answer = nextApiResponse(this.page, 'connections.activate');
    await this.row(name).getByTestId('connection-activate').click();
    expect((await answer).status()).toBe(200);
    await expect(this.row(name).getByTestId('connection-active-badge')).toBeVisible();
    await expect(this.activeSourceName).toHaveText(name);
  }
}

/**
 * Settings → Sync & cache as this scenario reads it: where reads come from, the sync state and the
 * progress bar of the first copy.
 */
export class SyncCachePage {
  readonly root: Locator;
  readonly navLink: Locator;
  readonly sourceStatus: Locator;
  readonly state: Locator;
  readonly progress: Locator;
  readonly progressBar: Locator;
  readonly progressPercent: Locator;
  readonly offlineNotice: Locator;
  /** Header: the loud badge while screens show cached data, and the quiet one while the first copy runs. */
  readonly offlineBadge: Locator;
  readonly syncingBadge: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('sync-screen');
    this.navLink = page.getByTestId('nav-settings/sync');
    this.sourceStatus = page.getByTestId('sync-source-status');
    this.state = page.getByTestId('sync-state');
    this.progress = page.getByTestId('sync-progress');
    this.progressBar = this.progress.getByRole('progressbar');
    this.progressPercent = page.getByTestId('sync-progress-percent');
    this.offlineNotice = page.getByTestId('sync-offline-notice');
    this.offlineBadge = page.getByTestId('offline-badge');
    this.syncingBadge = page.locator('[data-testid="sync-indicator"][data-kind="syncing"]');
  }

  async open(): Promise<void> {
    await this.navLink.click();
    await expect(this.navLink).toHaveAttribute('aria-current', 'page');
    await expect(this.root).toBeVisible();
  }
}
