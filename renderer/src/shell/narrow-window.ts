import { useMediaQuery } from '@mantine/hooks';

/**
 * Below this width the sidebar folds away (the burger opens it): at 1024 px its 210 px left the
 * screens too narrow for their tables. Phones and small windows (below `sm`) overlay it as before.
 */
export const NARROW_WINDOW_QUERY = '(max-width: 1099px)';

export function useNarrowWindow(): boolean {
  return useMediaQuery(NARROW_WINDOW_QUERY, window.matchMedia(NARROW_WINDOW_QUERY).matches, { getInitialValueInEffect: false });
}
