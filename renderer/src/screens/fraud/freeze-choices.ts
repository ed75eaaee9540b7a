import type { AlertDetail } from '../../../../shared/contract';
import { formatMoney } from '../../format/money';

export interface AccountChoice {
  id: number;
  accountNo: string;
  label: string;
  frozen: boolean;
}

/** "Savings · Young Account · 1,200.00 EUR": the product only when the account's name is not already it. */
export function accountChoiceLabel(a: { name: string; productName: string | null; balance: number; currency: string }): string {
  const product = a.productName && a.productName.trim().toLowerCase() !== a.name.trim().toLowerCase() ? ` · ${a.productName}` : '';
  return `${a.name}${product} · ${formatMoney(a.balance, a.currency)}`;
}

/** The accounts an analyst may freeze: the customer's open and frozen accounts, the alert's subject first. */
export function freezeChoices(detail: AlertDetail): AccountChoice[] {
  const subject = detail.alert;
  const own = detail.customer?.accounts.filter((a) => a.status !== 'closed') ?? [];
  const list: AccountChoice[] = own.map((a) => ({ id: a.id, accountNo: a.accountNo, label: accountChoiceLabel(a), frozen: a.status === 'frozen' }));
  if (!list.some((a) => a.id === subject.accountId)) list.unshift({ id: subject.accountId, accountNo: subject.accountNo, label: 'Subject account', frozen: false });
  return list.sort((a, b) => Number(b.id === subject.accountId) - Number(a.id === subject.accountId));
}
