import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract';
import { call, errorMessage } from '../api/client';

export type BankStatus = MethodOutput<'auth.status'>;

interface BankState {
  status: BankStatus | null;
  error: string | null;
  loading: boolean;
  load: () => Promise<void>;
}

/** `auth.status`: bank name, demo or live mode, first-run setup. Loaded at start and after setup. */
export const useBank = create<BankState>()((set) => ({
  status: null,
  error: null,
  loading: false,
  async load() {
    set({ loading: true, error: null });
    try {
      set({ status: await call('auth.status', {}), loading: false });
    } catch (e) {
      set({ error: errorMessage(e), loading: false });
    }
  },
}));
