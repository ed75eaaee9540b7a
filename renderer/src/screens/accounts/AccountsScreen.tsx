import { useSubPath } from '../../state/route';
import { AccountPage } from './AccountPage';
import { BalanceInquiry } from './BalanceInquiry';
import { OpenAccountScreen } from './OpenAccountScreen';
import { StatementScreen } from './StatementScreen';

const isId = (s: string | undefined): s is string => s !== undefined && /^\d{1,15}$/.test(s) && Number(s) > 0;

/**
 * accounts → balance inquiry; accounts/<id> → the account page; accounts/<id>/statement → its statement;
 * accounts/open/<customerId> → open an account for a customer.
 */
export function AccountsScreen() {
  const [first, second] = useSubPath('accounts');
  if (first === 'open' && isId(second)) return <OpenAccountScreen key={second} customerId={Number(second)} />;
  if (isId(first) && second === 'statement') return <StatementScreen key={first} id={Number(first)} />;
  if (isId(first)) return <AccountPage key={first} id={Number(first)} />;
  return <BalanceInquiry />;
}
