import { Alert, Anchor } from '@mantine/core';
import { useSubPath } from '../../state/route';
import { Customer360 } from './Customer360';
import { CustomerSearch } from './CustomerSearch';
import { parseCustomerId } from './customer-values';
import { EditCustomer } from './EditCustomer';
import { RegisterCustomer } from './RegisterCustomer';
import './customers.css';

/**
 * Customers and their sub-pages, by address: "customers" (search), "customers/new" (register),
 * "customers/<id>" (customer 360) and "customers/<id>/edit" (profile and contact details).
 */
export function CustomersScreen() {
  const [first, second, ...rest] = useSubPath('customers');
  if (first === undefined) return <CustomerSearch />;
  if (first === 'new' && second === undefined) return <RegisterCustomer />;
  const id = parseCustomerId(first);
  if (id !== null && second === undefined) return <Customer360 key={id} id={id} />;
  if (id !== null && second === 'edit' && rest.length === 0) return <EditCustomer key={id} id={id} />;
  return (
    <Alert color="yellow" variant="light" title="No such page" data-testid="customers-not-found">
      This address does not lead to a customer. <Anchor href="#/customers">Search customers</Anchor>
    </Alert>
  );
}
