import { Box, Button, Group, Paper } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { FormEventHandler } from 'react';
import type { DuplicateCustomer } from '../../../../shared/contract';
import { navigate } from '../../state/route';
import { CustomerFormFields } from './CustomerFormFields';
import type { CustomerForm } from './use-customer-form';

interface Props {
  /** Hidden (not unmounted) on the confirm step, so going back keeps what was typed and the duplicate check. */
  visible: boolean;
  form: CustomerForm;
  onReview: FormEventHandler<HTMLFormElement>;
  onDuplicates: (duplicates: DuplicateCustomer[]) => void;
  /** Edit: the customer itself is not its own duplicate. */
  excludeId?: number;
  /** Where Cancel leads (a route, as in `#/route`). */
  cancelTo: string;
  reviewLabel: string;
}

/** Step 1 of registering or editing a customer: the KYC fields, Cancel, and the button to the confirm step. */
export function CustomerFormStep({ visible, form, onReview, onDuplicates, excludeId, cancelTo, reviewLabel }: Props) {
  return (
    <Box display={visible ? undefined : 'none'}>
      <form onSubmit={onReview} noValidate data-testid="customer-form">
        <Paper withBorder radius="sm" p="md">
          <CustomerFormFields form={form} {...(excludeId === undefined ? {} : { excludeId })} onDuplicates={onDuplicates} autoFocus />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => navigate(cancelTo)}>
              Cancel
            </Button>
            <Button type="submit" rightSection={<IconCheck size={16} />} data-testid="customer-review">
              {reviewLabel}
            </Button>
          </Group>
        </Paper>
      </form>
    </Box>
  );
}
