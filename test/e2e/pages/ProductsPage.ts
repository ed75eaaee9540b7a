import { expect, type Locator, type Page } from '@playwright/test';
import { nextApiResponse } from '../support/api';

/** Products: the catalog, and its create/edit dialog for administrators. */
export class ProductsPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly showInactive: Locator;
  readonly newButton: Locator;
  readonly form: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('products-screen');
    this.table = page.getByTestId('products-table');
    this.rows = page.getByTestId('product-row');
    this.showInactive = page.getByTestId('show-inactive');
    this.newButton = page.getByTestId('new-product');
    this.form = page.getByTestId('product-form');
    this.save = page.getByTestId('product-save');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-products').click();
    await expect(this.root).toBeVisible();
    await expect(this.rows.first()).toBeVisible();
  }

  row(code: string): Locator {
    return this.rows.and(this.page.locator(`[data-code="${code}"]`));
  }

  field(name: 'code' | 'name' | 'rate' | 'fee' | 'overdraft' | 'daily-limit' | 'description'): Locator {
    return this.form.getByTestId(`product-${name}`);
  }

  async edit(code: string): Promise<void> {
    await this.row(code).getByTestId('edit-product').click();
    await expect(this.form).toBeVisible();
  }

  /** Saves the dialog and waits for it to close. */
  async submit(): Promise<void> {
    const answer = nextApiResponse(this.page, 'products.save');
    await this.save.click();
    expect((await answer).status()).toBe(200);
    await expect(this.form).toBeHidden();
  }
}
