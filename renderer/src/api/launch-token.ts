const STORAGE_KEY = 'cloudbank.launchToken';

/**
 * Browser edition: the printed link carries `?token=…`. Keep it for this tab only and take it out
 * of the address bar, so it does not end up in history, bookmarks or screenshots.
 */
export function takeLaunchToken(): string | null {
  const url = new URL(window.location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    window.sessionStorage.setItem(STORAGE_KEY, fromQuery);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return window.sessionStorage.getItem(STORAGE_KEY);
}
