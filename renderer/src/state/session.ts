import { create } from 'zustand';
import type { Session } from '../../../shared/contract';
import type { Permission } from '../../../shared/roles';
import { bindSession, call, errorMessage, onEvent, setUnauthenticatedHandler } from '../api/client';
import { forgetSignedInState } from './sign-out';

const STORAGE_KEY = 'cloudbank.session';

export type SessionPhase = 'restoring' | 'signedOut' | 'signedIn';

/** Why the user is looking at the sign-in page, when it is not their own choice. */
export interface SignInNotice {
  tone: 'info' | 'warning';
  message: string;
}

interface SessionState {
  phase: SessionPhase;
  session: Session | null;
  notice: SignInNotice | null;
  /** Username to put in the sign-in form (after first-run setup). */
  prefill: string | null;
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
  expire: (message: string) => void;
  restore: () => Promise<void>;
  clearNotice: () => void;
  setupDone: (username: string) => void;
}

function remember(token: string | null): void {
  if (token) window.sessionStorage.setItem(STORAGE_KEY, token);
  else window.sessionStorage.removeItem(STORAGE_KEY);
  bindSession(token);
}

export const useSession = create<SessionState>()((set, get) => ({
  phase: 'restoring',
  session: null,
  notice: null,
  prefill: null,
  signedIn(session) {
    remember(session.token);
    set({ phase: 'signedIn', session, notice: null });
  },
  async signOut() {
    try {
      await call('auth.signOut', {});
    } catch {
      // The session may already be gone on the server; signing out locally is what matters.
    }
    remember(null);
    set({ phase: 'signedOut', session: null, notice: { tone: 'info', message: 'You have signed out.' } });
    forgetSignedInState();
  },
  expire(message) {
    const { phase, session } = get();
    if (phase !== 'signedIn') return;
    remember(null);
    set({ phase: 'signedOut', session: null, prefill: session?.user.username ?? null, notice: { tone: 'warning', message } });
    forgetSignedInState();
  },
  /** A reload keeps the tab signed in while the server still knows the session. */
  async restore() {
    const token = window.sessionStorage.getItem(STORAGE_KEY);
    if (!token) {
      set({ phase: 'signedOut' });
      return;
    }
    bindSession(token);
    try {
      const me = await call('auth.me', {});
      set({ phase: 'signedIn', session: { ...me, token } });
    } catch (e) {
      remember(null);
      set({ phase: 'signedOut', notice: { tone: 'warning', message: errorMessage(e) } });
      forgetSignedInState();
    }
  },
  clearNotice: () => set({ notice: null }),
  setupDone: (username) => set({ phase: 'signedOut', prefill: username, notice: { tone: 'info', message: 'The administrator account is ready. Sign in with it.' } }),
}));

/** Wires server-side session ends (UNAUTHENTICATED answers, `session.expired` pushes) to the store. */
export function watchSessionEnd(): () => void {
  setUnauthenticatedHandler((message) => useSession.getState().expire(message));
  return onEvent('session.expired', ({ reason }) => useSession.getState().expire(reason));
}

export function useCan(permission: Permission): boolean {
  return useSession((s) => s.session?.permissions.includes(permission) ?? false);
}
