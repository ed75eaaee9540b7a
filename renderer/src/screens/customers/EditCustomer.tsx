import { Alert, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowLeft, IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Branch, Customer, CustomerFields, DuplicateCustomer } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../api/client';
import { errorText, useApiMutation, useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { formatDateTime } from '../../format/date';
import { navigate } from '../../state/route';
import { useCan } from '../../state/session';
import { DuplicateWarning } from './CustomerFormFields';
import { CustomerSummary } from './CustomerSummary';
import { changedFields, hasHardDuplicate, valuesOf, type FormField } from './customer-values';
import { placeIssues, useCustomerForm } from './use-customer-form';
import { CustomerFormStep } from './CustomerFormStep';

/** Edit a customer's profile and contact details; refused with CONFLICT when someone else saved in between. */
export function EditCustomer({ id }: { id: number }) {
  const canOperate = useCan('banking.operate');
  const loaded = useApiQuery('customers.get', { id });
  const branches = useApiQuery('branches.list', {});
  // The form edits the customer as first loaded: a background refetch (another teller's change arriving)
  // must not wipe what is being typed. "Reload" takes the bank's current values on purpose.
  const [base, setBase] = useState<Customer | null>(null);
  const current = loaded.data?.customer;
  useEffect(() => {
    if (current && (base === null || base.id !== current.id)) setBase(current);
  }, [current, base]);
  const reload = (): void => {
    void loaded.refetch().then((r) => r.data && setBase(r.data.customer));
  };

  if (!canOperate) {
    return (
      <Alert color="yellow" variant="light" title="Not allowed" data-testid="edit-forbidden">
        Your role can look up customers but not change them. <Anchor href={`#/customers/${id}`}>Back to the customer</Anchor>
      </Alert>
    );
  }
  if (loaded.isPending) return <LoadingView label="Loading the customer…" />;
  if (!loaded.data) return <ErrorView message={errorText(loaded.error) ?? 'The customer could not be loaded.'} onRetry={reload} />;
  const customer = base?.id === id ? base : loaded.data.customer;
  return (
    <Stack gap="md" data-testid="edit-customer-screen" maw={980}>
      <PageHeader
        back={{ to: `customers/${id}`, label: customer.legalName }}
        title="Edit customer"
        description={
          <>
            <span className="mono">{customer.customerNo}</span> · last changed {formatDateTime(customer.updatedAt)}. Every change is recorded in the audit log.
          </>
        }
      />
      {loaded.data.asOf !== null ? (
        <Alert color="yellow" variant="light" title="Offline" icon={<IconAlertTriangle size={18} />} data-testid="edit-offline">
          This customer was read from this workstation’s cache (as of {formatDateTime(loaded.data.asOf)}). Changes can be saved only when the bank is reachable.
        </Alert>
      ) : null}
      {/* A new updatedAt (after a reload) starts the form again from the bank's current values. */}
      <EditForm key={customer.updatedAt} customer={customer} branches={branches.data} onReload={reload} reloading={loaded.isFetching} />
    </Stack>
  );
}

type Step = { kind: 'form' } | { kind: 'confirm'; values: CustomerFields; changed: FormField[] };

function EditForm({ customer, branches, onReload, reloading }: { customer: Customer; branches: Branch[] | undefined; onReload: () => void; reloading: boolean }) {
  const before = useMemo(() => valuesOf(customer), [customer]);
  const form = useCustomerForm(before);
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [duplicates, setDuplicates] = useState<DuplicateCustomer[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const update = useApiMutation('customers.update');
  const onDuplicates = useCallback((d: DuplicateCustomer[]) => setDuplicates(d), []);

  const review = form.handleSubmit((values) => {
    setProblem(null);
    const changed = changedFields(customer, values);
    if (changed.length === 0) {
      setProblem('Nothing has changed yet.');
      return;
    }
    if (changed.includes('nationalId') && hasHardDuplicate(duplicates)) {
      form.setError('nationalId', { type: 'server', message: 'This national id belongs to another customer.' }, { shouldFocus: true });
      return;
    }
    setStep({ kind: 'confirm', values, changed });
  });

  const save = async (values: CustomerFields) => {
    setSaving(true);
    setProblem(null);
    try {
      await update.mutateAsync({ ...values, id: customer.id, expectedUpdatedAt: customer.updatedAt });
      notifications.show({ color: 'teal', title: 'Customer updated', message: `${values.legalName}: changes saved.` });
      navigate(`customers/${customer.id}`);
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT') {
        setConflict(e.message);
      } else if (e instanceof AppError && (e.code === 'VALIDATION' || e.code === 'DUPLICATE') && placeIssues(form, e)) {
        setStep({ kind: 'form' });
        setProblem(e.code === 'DUPLICATE' ? e.message : 'The bank refused some fields; they are marked below.');
      } else {
        setProblem(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {conflict && (
        <Alert color="orange" variant="light" title="Someone else changed this customer" icon={<IconAlertTriangle size={18} />} data-testid="edit-conflict">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{conflict}</Text>
            <Text size="sm">Reload to see their changes; then make yours again on the current record.</Text>
            <Button size="xs" variant="light" color="orange" leftSection={<IconRefresh size={14} />} onClick={onReload} loading={reloading} data-testid="edit-reload">
              Reload the customer
            </Button>
          </Stack>
        </Alert>
      )}
      {problem && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="edit-error">
          {problem}
        </Alert>
      )}
      <CustomerFormStep
        visible={step.kind === 'form'}
        form={form}
        onReview={review}
        onDuplicates={onDuplicates}
        excludeId={customer.id}
        cancelTo={`customers/${customer.id}`}
        reviewLabel="Review changes…"
      />
      {step.kind === 'confirm' && (
        <Paper withBorder radius="sm" p="md" data-testid="customer-confirm">
          <Stack gap="sm">
            <Text fw={600}>{step.changed.length === 1 ? 'This change' : `These ${step.changed.length} changes`} will be saved:</Text>
            <CustomerSummary values={step.values} before={customer} fields={step.changed} branches={branches} />
            {step.changed.some((f) => f === 'nationalId' || f === 'legalName' || f === 'dateOfBirth') && <DuplicateWarning duplicates={duplicates} saving="saving" />}
            <Group justify="space-between" mt="xs">
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep({ kind: 'form' })} disabled={saving} data-testid="customer-back">
                Back to edit
              </Button>
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                loading={saving}
                disabled={conflict !== null}
                onClick={() => void save(step.values)}
                data-testid="customer-confirm-save"
                autoFocus
              >
                Save changes
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </>
  );
}
