import { IconUser, IconWallet } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { navigate } from '../state/route';
import type { PaletteAction } from './palette-actions';

/** Looks like an account number (IBAN, spaces allowed): offer to open it directly. */
const ACCOUNT_NO = /^[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{8,}$/;

/**
 * Customers and accounts as palette entries: "Ctrl K, type a name" reaches a customer's 360, a pasted
 * account number its account page. Debounced; an answer to an older query is dropped.
 */
export function usePaletteSearch(query: string, enabled: boolean): PaletteAction[] {
  const [found, setFound] = useState<PaletteAction[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (!enabled || q.length < 2) {
      setFound([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      const lookups: Promise<PaletteAction[]>[] = [
        call('customers.search', { query: q, limit: 6 }).then((hits) =>
          hits.map((h) => ({
            id: `customer-${h.id}`,
            label: h.legalName,
            description: `${h.customerNo} · born ${h.dateOfBirth} · ${h.city}`,
            group: 'Customer',
            icon: IconUser,
            run: () => navigate(`customers/${h.id}`),
          })),
        ),
      ];
      if (ACCOUNT_NO.test(q)) {
        lookups.push(
          call('accounts.get', { accountNo: q }).then((a) => [
            { id: `account-${a.id}`, label: a.accountNo, description: `${a.customer?.legalName ?? a.name} · ${a.currency}`, group: 'Account', icon: IconWallet, run: () => navigate(`accounts/${a.id}`) },
          ]),
        );
      }
      void Promise.allSettled(lookups).then((results) => {
        if (!cancelled) setFound(results.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])));
      });
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, enabled]);
  return found;
}
