import { create } from 'zustand';
import type { AccountDetail } from '../../../../shared/contract';
import { onSignOut, readSignedIn, writeSignedIn } from '../../state/sign-out';

export interface RecentAccount {
  id: number;
  accountNo: string;
  holder: string;
  currency: string;
  at: number;
}

/**
 * Per tab and per sign-in only (sessionStorage, removed at sign-out even when this screen was never
 * opened in this page): a shared workstation keeps no list of customers' accounts for the next person.
 */
const KEY = 'recent-accounts';
const MAX = 8;

function load(): RecentAccount[] {
  try {
    const parsed: unknown = JSON.parse(readSignedIn(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as RecentAccount[]).filter((r) => typeof r?.id === 'number' && typeof r.accountNo === 'string') : [];
  } catch {
    return [];
  }
}

interface RecentState {
  items: RecentAccount[];
  remember: (a: AccountDetail) => void;
  clear: () => void;
}

export const useRecentAccounts = create<RecentState>()((set, get) => ({
  items: load(),
  remember(a) {
    const entry: RecentAccount = { id: a.id, accountNo: a.accountNo, holder: a.customer?.legalName ?? a.name, currency: a.currency, at: Date.now() };
    const items = [entry, ...get().items.filter((r) => r.id !== a.id)].slice(0, MAX);
    writeSignedIn(KEY, JSON.stringify(items));
    set({ items });
  },
  clear() {
    writeSignedIn(KEY, null);
    set({ items: [] });
  },
}));

onSignOut(() => useRecentAccounts.setState({ items: [] }));
