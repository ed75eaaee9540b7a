import { create } from 'zustand';
import { onSignOut } from './sign-out';

/**
 * Screens are addressed by the URL hash (#/dashboard): it works the same under http:// and the
 * Electron app:// scheme, survives a reload, and never triggers a real navigation.
 */
function fromHash(): string {
  return window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
}

interface RouteState {
  path: string;
}

export const useRoute = create<RouteState>()(() => ({ path: fromHash() }));

window.addEventListener('hashchange', () => useRoute.setState({ path: fromHash() }));

// The address names what the last person looked at (a customer, an account, an Explore view): the next
// person to sign in starts on their own first screen instead. Replaced, so no history entry is added.
onSignOut(() => {
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  useRoute.setState({ path: '' });
});

export function navigate(path: string): void {
  if (fromHash() === path) return;
  window.location.hash = `#/${path}`;
}

/**
 * The segments after a screen's own path: on "#/customers/42/edit" the customers screen gets
 * ["42", "edit"]. Screens with sub-pages (a customer, an account's statement) read them from here.
 */
export function useSubPath(base: string): string[] {
  const path = useRoute((s) => s.path);
  if (path !== base && !path.startsWith(`${base}/`)) return [];
  return path
    .slice(base.length)
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
}
