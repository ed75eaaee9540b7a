import { useEffect, useState } from 'react';
import type { AccountDetail } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { call, errorMessage } from '../../api/client';
import { checkAccountNo } from './account-number-input';

export { checkAccountNo, normaliseAccountNo } from './account-number-input';

export type Lookup =
  | { state: 'empty' }
  | { state: 'invalid'; message: string }
  | { state: 'loading'; accountNo: string }
  | { state: 'found'; account: AccountDetail }
  | { state: 'missing'; message: string }
  | { state: 'error'; message: string };

/** accounts.get by number, as the teller types or pastes (debounced); answers to older input are dropped. */
export function useAccountLookup(text: string, delayMs = 300): Lookup {
  const [lookup, setLookup] = useState<Lookup>({ state: 'empty' });
  useEffect(() => {
    const checked = checkAccountNo(text);
    if (checked === null) {
      setLookup({ state: 'empty' });
      return;
    }
    if (!checked.ok) {
      setLookup({ state: 'invalid', message: checked.message });
      return;
    }
    let live = true;
    setLookup({ state: 'loading', accountNo: checked.accountNo });
    const timer = window.setTimeout(() => {
      call('accounts.get', { accountNo: checked.accountNo }).then(
        (account) => live && setLookup({ state: 'found', account }),
        (e: unknown) => {
          if (!live) return;
          if (e instanceof AppError && e.code === 'NOT_FOUND') setLookup({ state: 'missing', message: 'No account at this bank has that number.' });
          else setLookup({ state: 'error', message: errorMessage(e) });
        },
      );
    }, delayMs);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text, delayMs]);
  return lookup;
}
