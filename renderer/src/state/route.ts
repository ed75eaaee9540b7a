import { create } from 'zustand';

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
  return path.slice(base.length).split('/').filter((s) => s !== '').map(decodeURIComponent);
}
