import { useCallback, useSyncExternalStore } from 'react';
import { EXPLORE_PATH, exploreRoute, type ExploreState } from './explore-state';

/** The query part of "#/explore?metric=…", or '' when the address has none. */
function currentQuery(): string {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return at < 0 ? '' : hash.slice(at + 1);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * The explorer's state lives in the address: every drill step is a new history entry, so the browser's Back
 * steps back too, a reload reopens the same view and a link (from the dashboard, a colleague) opens it.
 */
export function useExploreUrl(): { query: string; go: (state: ExploreState, opts?: { replace?: boolean }) => void } {
  const query = useSyncExternalStore(subscribe, currentQuery);
  const go = useCallback((state: ExploreState, opts: { replace?: boolean } = {}) => {
    const target = `#/${exploreRoute(state)}`;
    if (window.location.hash === target) return;
    if (opts.replace) {
      window.history.replaceState(window.history.state, '', target);
      // replaceState fires no hashchange: tell the subscribers ourselves.
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
      window.location.hash = target;
    }
  }, []);
  return { query, go };
}

export { EXPLORE_PATH };
