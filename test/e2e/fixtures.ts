import { test as base, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import { App } from './pages/App';
import { startServer, type E2eServer } from './support/server';

interface Fixtures {
  /** This test's own `cloudbank serve`: own port, own data dir over a copy of the template bank. */
  server: E2eServer;
  /** Page objects over the test's page, bound to its server. */
  app: App;
  /** Another browser context (another person at another browser) on the same server. */
  openAnotherApp: (options?: BrowserContextOptions) => Promise<App>;
}

export const test = base.extend<Fixtures>({
  // Playwright fixtures destructure what they depend on: this one depends on nothing.
  server: async ({}, use, testInfo) => {
    const server = await startServer();
    try {
      await use(server);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('cloudbank-serve output', { body: server.output(), contentType: 'text/plain' });
      await server.stop();
    }
  },
  app: async ({ page, server }, use) => {
    await use(new App(page, server));
  },
  openAnotherApp: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      return new App(await context.newPage(), server);
    });
    for (const c of contexts) await c.close();
  },
});

export { expect } from '@playwright/test';
