import type { BrowserContext, Page } from '@playwright/test';

export interface Exchange {
  method: string;
  /** DevTools resource type: Fetch, Preflight (CORS OPTIONS), Document… */
  type: string;
  /** The status the server sent, even when the browser then withheld the response from the page. */
  status: number | null;
  /** Why the browser failed the request (CORS, CORP…), if it did. */
  failure: string | null;
}

/**
 * Every request a page makes to URLs under `prefix`, seen through the DevTools protocol: unlike
 * Playwright's own events it shows CORS preflights and the real status of responses the browser
 * blocked afterwards.
 */
export async function watchNetwork(context: BrowserContext, page: Page, prefix: string): Promise<() => Exchange[]> {
  const byId = new Map<string, { method: string; type: string }>();
  const statuses = new Map<string, number>();
  const failures = new Map<string, string>();
  const cdp = await context.newCDPSession(page);
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith(prefix)) byId.set(e.requestId, { method: e.request.method, type: e.request.method === 'OPTIONS' ? 'Preflight' : (e.type ?? 'Other') });
  });
  cdp.on('Network.responseReceivedExtraInfo', (e) => statuses.set(e.requestId, e.statusCode));
  cdp.on('Network.loadingFailed', (e) => failures.set(e.requestId, [e.errorText, e.blockedReason, e.corsErrorStatus?.corsError].filter(Boolean).join(' ')));
  await cdp.send('Network.enable');
  return () => [...byId].map(([id, r]) => ({ ...r, status: statuses.get(id) ?? null, failure: failures.get(id) ?? null }));
}
