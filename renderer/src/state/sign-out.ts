import { notifications } from '@mantine/notifications';
import { queryClient } from '../api/query-client';

/**
 * Everything one person's sign-in leaves in the renderer is forgotten when it ends, so the next
 * person at a shared workstation starts from nothing: the query cache, per-sign-in storage, and each
 * store that registered a reset here (registration, not imports, so this module depends on no screen).
 */
const resets = new Set<() => void>();

/** Per-tab storage that belongs to one sign-in; every key under this prefix is removed at sign-out. */
const SIGNED_IN_PREFIX = 'cloudbank.signed-in.';

/** Registers how a store returns to its signed-out state; runs at every sign-out and session expiry. */
export function onSignOut(reset: () => void): void {
  resets.add(reset);
}

export function readSignedIn(key: string): string | null {
  return window.sessionStorage.getItem(SIGNED_IN_PREFIX + key);
}

export function writeSignedIn(key: string, value: string | null): void {
  if (value === null) window.sessionStorage.removeItem(SIGNED_IN_PREFIX + key);
  else window.sessionStorage.setItem(SIGNED_IN_PREFIX + key, value);
}

/** Drops every answer, pending request and remembered value of the session that just ended. */
export function forgetSignedInState(): void {
  queryClient.cancelQueries().catch(() => undefined);
  queryClient.clear();
  // Stored even by screens not loaded in this page (a reload keeps the tab's storage): cleared by prefix.
  for (let i = window.sessionStorage.length - 1; i >= 0; i--) {
    const key = window.sessionStorage.key(i);
    if (key?.startsWith(SIGNED_IN_PREFIX)) window.sessionStorage.removeItem(key);
  }
  // Toasts name customers and alerts ("Customer registered: …"); none outlives the session that raised it.
  notifications.clean();
  for (const reset of resets) reset();
}
