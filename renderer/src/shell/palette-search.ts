import { IconAlertTriangle, IconReceipt, IconUser, IconWallet } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { skipToken } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApiQuery } from '../api/use-api-query';
import { formatDateTime } from '../format/date';
import { formatMoney } from '../format/money';
import { navigate } from '../state/route';
import { useCan } from '../state/session';
import type { PaletteAction } from './palette-actions';
import { alertNumberOf, REFERENCE } from './palette-patterns';

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
  // Alerts only for roles that may see them: a teller must not learn an account is under suspicion.
  const seesAlerts = useCan('fraud.view');
  const alertNo = q !== null ? alertNumberOf(q) : null;
  const alert = useApiQuery('alerts.get', seesAlerts && alertNo !== null && alertNo > 0 ? { id: alertNo } : skipToken);
  const txns = useApiQuery('transactions.find', q !== null && alertNo === null && REFERENCE.test(q) ? { reference: q, limit: 5 } : skipToken);
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
    if (a)
      found.push({
        id: `account-${a.id}`,
        label: a.accountNo,
        description: `${a.customer?.legalName ?? a.name} · ${a.currency}`,
        group: 'Account',
        icon: IconWallet,
        run: () => navigate(`accounts/${a.id}`),
      });
    const al = alertNo !== null ? alert.data?.alert : undefined;
    if (al && al.id === alertNo)
      found.unshift({
        id: `alert-${al.id}`,
        label: `Alert #${al.id}`,
        description: `${al.customerName ?? al.accountNo} · ${formatMoney(al.amount, al.currency)} · ${al.status.replace(/_/g, ' ')}`,
        group: 'Alert',
        icon: IconAlertTriangle,
        run: () => navigate(`fraud/${al.id}`),
      });
    for (const t of alertNo === null ? (txns.data ?? []) : []) {
      const accountId = t.accountId;
      found.push({
        id: `txn-${t.journalId}`,
        label: t.externalRef && t.externalRef.toLowerCase() === q.toLowerCase() ? `${t.externalRef} (external) · ${t.reference}` : t.reference,
        description: `${formatMoney(t.amount, t.currency)} · ${formatDateTime(t.bookedAt)} · ${t.description}${t.status === 'pending' ? ' · pending' : ''}${t.accountNo ? ` · ${t.accountNo}` : ''}`,
        group: 'Transaction',
        icon: IconReceipt,
        run: () => navigate(accountId !== null ? `accounts/${accountId}` : 'operations'),
      });
    }
    return found;
  }, [q, customers.data, account.data, alertNo, alert.data, txns.data]);
}
