import { Alert, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import type { CustomerFields, DuplicateCustomer } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { apiQueryOptions, useApiMutation, useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { navigate } from '../../state/route';
import { useCan } from '../../state/session';
import { DuplicateWarning } from './CustomerFormFields';
import { CustomerSummary } from './CustomerSummary';
import { hasHardDuplicate, newCustomerDefaults } from './customer-values';
import { placeIssues, useCustomerForm } from './use-customer-form';
import { CustomerFormStep } from './CustomerFormStep';

type Step = { kind: 'form' } | { kind: 'confirm'; values: CustomerFields; softDuplicate: string | null };

/** Register a customer: the KYC form, then a confirmation step with what will be created, then the new customer's 360. */
export function RegisterCustomer() {
  const canOperate = useCan('banking.operate');
  const defaults = useMemo(() => newCustomerDefaults(), []);
  const form = useCustomerForm(defaults);
  const branches = useApiQuery('branches.list', {});
  const registerCustomer = useApiMutation('customers.register');
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [duplicates, setDuplicates] = useState<DuplicateCustomer[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const onDuplicates = useCallback((d: DuplicateCustomer[]) => setDuplicates(d), []);

  const review = form.handleSubmit((values) => {
    setProblem(null);
    if (hasHardDuplicate(duplicates)) {
      form.setError('nationalId', { type: 'server', message: 'This national id is already registered — open the existing customer instead.' }, { shouldFocus: true });
      return;
    }
    setStep({ kind: 'confirm', values, softDuplicate: null });
  });

  const register = async (values: CustomerFields, confirmDuplicate: boolean) => {
    setSubmitting(true);
    setProblem(null);
    try {
      const created = await registerCustomer.mutateAsync({ ...values, confirmDuplicate });
      notifications.show({ color: 'teal', title: 'Customer registered', message: `${values.legalName} is customer ${created.customerNo}.` });
      navigate(`customers/${created.id}`);
    } catch (e) {
      if (e instanceof AppError && e.code === 'DUPLICATE') {
        // Ask again which kind of match it is: a national id is a hard stop, a name + birth date match can be confirmed.
        const probe = { nationalId: values.nationalId, legalName: values.legalName, dateOfBirth: values.dateOfBirth };
        const found = await queryClient.fetchQuery({ ...apiQueryOptions('customers.findDuplicates', probe), staleTime: 0 }).catch(() => null);
        if (found) setDuplicates(found);
        const hard = e.issues?.some((i) => i.path === 'nationalId') || (found !== null && hasHardDuplicate(found));
        if (hard) {
          setStep({ kind: 'form' });
          form.setError('nationalId', { type: 'server', message: e.message }, { shouldFocus: true });
          setProblem(e.message);
        } else {
          setStep({ kind: 'confirm', values, softDuplicate: e.message });
        }
      } else if (e instanceof AppError && e.code === 'VALIDATION' && placeIssues(form, e)) {
        setStep({ kind: 'form' });
        setProblem('The bank refused some fields; they are marked below.');
      } else {
        setProblem(errorMessage(e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (!canOperate) {
    return (
      <Alert color="yellow" variant="light" title="Not allowed" data-testid="register-forbidden">
        Your role can look up customers but not register them. <Anchor href="#/customers">Back to the search</Anchor>
      </Alert>
    );
  }

  return (
    <Stack gap="md" data-testid="register-customer-screen" maw={980}>
      <PageHeader
        back={{ to: 'customers', label: 'Customers' }}
        title="Register customer"
        description={step.kind === 'form' ? 'Step 1 of 2 — enter the KYC details from the identity document.' : 'Step 2 of 2 — check with the customer, then register.'}
      />
      {problem && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="register-error">
          {problem}
        </Alert>
      )}
      <CustomerFormStep visible={step.kind === 'form'} form={form} onReview={review} onDuplicates={onDuplicates} cancelTo="customers" reviewLabel="Review…" />
      {step.kind === 'confirm' && (
        <Paper withBorder radius="sm" p="md" data-testid="customer-confirm">
          <Stack gap="sm">
            <Text fw={600}>A new customer will be created with these details:</Text>
            <CustomerSummary values={step.values} branches={branches.data} />
            <Text size="xs" c="dimmed">
              The customer number is assigned on registration. The registration is recorded in the audit log under your name.
            </Text>
            <DuplicateWarning duplicates={duplicates} />
            {step.softDuplicate && (
              <Alert color="yellow" variant="light" title="The bank found a possible duplicate" data-testid="soft-duplicate">
                <Text size="sm">{step.softDuplicate}</Text>
                <Text size="sm" mt={4}>
                  If you have checked the identity document and this is a different person, register anyway.
                </Text>
              </Alert>
            )}
            <Group justify="space-between" mt="xs">
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep({ kind: 'form' })} disabled={submitting} data-testid="customer-back">
                Back to edit
              </Button>
              {step.softDuplicate ? (
                <Button color="orange" loading={submitting} onClick={() => void register(step.values, true)} data-testid="register-anyway">
                  Register anyway
                </Button>
              ) : (
                <Button
                  leftSection={<IconUserPlus size={16} />}
                  loading={submitting}
                  onClick={() => void register(step.values, false)}
                  data-testid="customer-confirm-register"
                  autoFocus
                >
                  Register customer
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
