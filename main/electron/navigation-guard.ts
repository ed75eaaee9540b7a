import { shell, type WebContents } from 'electron';
import type { Logger } from '../log';
import { isAllowedExternalUrl } from './external-links';
import { isAppUrl } from './origin';

export interface NavigationGuardOptions {
  /** Hands an allow-listed link to the system browser (shell.openExternal by default). */
  openExternal?: (url: string) => Promise<void>;
  log?: Logger;
}

/**
 * The window only ever shows app://cloudbank. Anything else a page tries to open — a link, a
 * redirect, window.open, a webview — is stopped here; allow-listed https links go to the system
 * browser instead, where they have none of the app's privileges.
 */
export function guardNavigation(contents: WebContents, options: NavigationGuardOptions = {}): void {
  const openExternal = options.openExternal ?? ((url: string) => shell.openExternal(url));
  const handOff = (url: string, why: string): void => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch((e: unknown) => options.log?.warn('could not open external link', { url, error: String(e) }));
    } else {
      options.log?.warn(`blocked ${why}`, { url });
    }
  };

  // A plain link click (no target) arrives here; an allow-listed one still opens outside.
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    handOff(event.url, 'navigation');
  });
  // Subframes: the CSP already forbids foreign frames; this also stops a frame navigating away.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // A redirect is chosen by a server, not by the user: never followed off the app, never opened.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    handOff(url, 'new window');
    return { action: 'deny' };
  });
}
