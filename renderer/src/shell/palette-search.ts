import { IconUser, IconWallet } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { skipToken } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApiQuery } from '../api/use-api-query';
import { navigate } from '../state/route';
import type { PaletteAction } from './palette-actions';

/** Looks like an account number (IBAN, spaces allowed): offer to open it directly. */
const ACCOUNT_NO = /^[A-Za-z]{2}\d{2}[A-Za-z0-9 ]{8,}$/;

/**
 * Customers and accounts as palette entries: "Ctrl K, type a name" reaches a customer's 360, a pasted
 * account number its account page. Debounced; shown only for the text as typed now; failed lookups offer nothing.
 */
export function usePaletteSearch(query: string, enabled: boolean): PaletteAction[] {
  const [settled] = useDebouncedValue(query.trim(), 150);
  const q = enabled && settled === query.trim() && settled.length >= 2 ? settled : null;
  const customers = useApiQuery('customers.search', q === null ? skipToken : { query: q, limit: 6 });
  const account = useApiQuery('accounts.get', q !== null && ACCOUNT_NO.test(q) ? { accountNo: q } : skipToken);
  return useMemo(() => {
    if (q === null) return [];
    const found: PaletteAction[] = (customers.data ?? []).map((h) => ({
      id: `customer-${h.id}`,
      label: h.legalName,
      description: `${h.customerNo} · born ${h.dateOfBirth} · ${h.city}`,
      group: 'Customer',
      icon: IconUser,
      run: () => navigate(`customers/${h.id}`),
    }));
    const a = ACCOUNT_NO.test(q) ? account.data : undefined;
    if (a) found.push({ id: `account-${a.id}`, label: a.accountNo, description: `${a.customer?.legalName ?? a.name} · ${a.currency}`, group: 'Account', icon: IconWallet, run: () => navigate(`accounts/${a.id}`) });
    return found;
  }, [q, customers.data, account.data]);
}
