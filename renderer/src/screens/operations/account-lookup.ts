import { useDebouncedValue } from '@mantine/hooks';
import { skipToken } from '@tanstack/react-query';
import type { AccountDetail } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { checkAccountNo } from './account-number-input';

export { checkAccountNo, normaliseAccountNo } from './account-number-input';

export type Lookup =
  | { state: 'empty' }
  | { state: 'invalid'; message: string }
  | { state: 'loading'; accountNo: string }
  | { state: 'found'; account: AccountDetail }
  | { state: 'missing'; message: string }
  | { state: 'error'; message: string };

/** accounts.get by number, as the teller types or pastes (debounced); only the answer for the current text is shown. */
export function useAccountLookup(text: string, delayMs = 300): Lookup {
  const checked = checkAccountNo(text);
  const wanted = checked?.ok ? checked.accountNo : null;
  const [settled] = useDebouncedValue(wanted, delayMs);
  const q = useApiQuery('accounts.get', wanted !== null && settled === wanted ? { accountNo: wanted } : skipToken);
  if (checked === null) return { state: 'empty' };
  if (!checked.ok) return { state: 'invalid', message: checked.message };
  if (settled !== checked.accountNo || q.isPending) return { state: 'loading', accountNo: checked.accountNo };
  if (q.error) {
    return q.error instanceof AppError && q.error.code === 'NOT_FOUND'
      ? { state: 'missing', message: 'No account at this bank has that number.' }
      : { state: 'error', message: errorMessage(q.error) };
  }
  return { state: 'found', account: q.data };
}
