import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ColorScheme = 'light' | 'dark';

interface ThemeState {
  scheme: ColorScheme;
  toggle: () => void;
}

function systemScheme(): ColorScheme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The user's light/dark choice, kept in localStorage; the first run follows the OS. */
export const useTheme = create<ThemeState>()(
  persist((set, get) => ({ scheme: systemScheme(), toggle: () => set({ scheme: get().scheme === 'dark' ? 'light' : 'dark' }) }), {
    name: 'cloudbank.theme',
    partialize: (s) => ({ scheme: s.scheme }),
  }),
);
