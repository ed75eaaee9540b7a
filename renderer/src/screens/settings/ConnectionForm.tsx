import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Divider, Group, NumberInput, Stack } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import type { ConnectionProfile, ConnectionTestResult } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { PasswordField, TextField } from '../../components/form/bound-fields';
import { FormActions } from '../../components/form/FormActions';
import { FormError } from '../../components/form/FormError';
import { LabelledSegmentedControl } from '../../components/form/LabelledSegmentedControl';
import { placeServerIssues } from '../../components/form/place-server-issues';
import { draftSchema, NEW_CONNECTION, numberOrUndefined, valuesOf, type DraftInput, type DraftOutput } from './connection-values';
import { EndpointFields } from './EndpointFields';
import { TestResultView } from './TestResultView';
import { TlsFields } from './TlsFields';

const FIELDS: readonly FieldPath<DraftInput>[] = [
  'name',
  'host',
  'port',
  'database',
  'user',
  'auth',
  'awsRegion',
  'password',
  'tls.mode',
  'tls.caFile',
  'insecureAcknowledged',
  'readerHost',
  'readerPort',
  'poolSize',
];

interface Props {
  /** The profile being edited; undefined for a new one. */
  profile?: ConnectionProfile;
  onSaved: (profile: ConnectionProfile) => void;
  onCancel: () => void;
}

export function ConnectionForm({ profile, onSaved, onCancel }: Props) {
  // Refreshes the connections list on success: method-tables.ts.
  const save = useApiMutation('connections.save');
  const form = useForm<DraftInput, unknown, DraftOutput>({ resolver: zodResolver(draftSchema), defaultValues: profile ? valuesOf(profile) : NEW_CONNECTION });
  const { register, handleSubmit, control, formState, setError, trigger, getValues } = form;
  const [problem, setProblem] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<{ key: string; result: ConnectionTestResult } | null>(null);
  const auth = useWatch({ control, name: 'auth' });
  // A result is about the settings it was run with: shown only while the form still holds them.
  const current = JSON.stringify(useWatch({ control }));
  const result = tested && tested.key === current ? tested.result : null;
  const errors = formState.errors;

  // Point at the fields the server objected to (a taken name, a missing password) where it says which.
  const show = (e: unknown) => {
    if (!placeServerIssues(e, setError, (path) => FIELDS.find((f) => f === path || `draft.${f}` === path))) setProblem(errorMessage(e));
  };

  const onSave = handleSubmit(async (values) => {
    setProblem(null);
    try {
      onSaved(await save.mutateAsync(values));
    } catch (e) {
      show(e);
    }
  });

  // Not handleSubmit: a test is not a submit, so Save must not spin while it runs.
  const onTest = async () => {
    setProblem(null);
    setTested(null);
    if (!(await trigger())) return;
    const values = getValues();
    const parsed = draftSchema.safeParse(values);
    if (!parsed.success) return;
    setTesting(true);
    try {
      setTested({ key: JSON.stringify(values), result: await call('connections.test', { draft: parsed.data }) });
    } catch (e) {
      show(e);
    } finally {
      setTesting(false);
    }
  };

  return (
    <form onSubmit={onSave} noValidate data-testid="connection-form">
      <Stack gap="sm">
        <FormError error={problem} testId="conn-form-error" />
        <TextField form={form} name="name" label="Name" placeholder="Production (eu-west-1)" autoFocus autoComplete="off" data-testid="conn-name" />
        <EndpointFields control={control} register={register} endpoint="primary" errors={{ host: errors.host?.message, port: errors.port?.message }} />
        <Group grow align="flex-start">
          <TextField form={form} name="database" label="Database" autoComplete="off" data-testid="conn-database" />
          <TextField form={form} name="user" label="User" autoComplete="off" data-testid="conn-user" />
        </Group>
        <Controller
          control={control}
          name="auth"
          render={({ field }) => (
            <LabelledSegmentedControl
              label="Authentication"
              labelId="conn-auth-label"
              data={[
                { value: 'password', label: 'Password' },
                { value: 'iam', label: 'AWS IAM token' },
              ]}
              value={field.value}
              onChange={(v) => field.onChange(v === 'iam' ? 'iam' : 'password')}
              data-testid="conn-auth"
            />
          )}
        />
        {auth === 'password' ? (
          <PasswordField
            form={form}
            name="password"
            label="Password"
            description={
              profile?.hasPassword
                ? 'Leave empty to keep the saved password (retype it if you change the server or its certificate check)'
                : 'Stored encrypted on this computer; never shown again'
            }
            placeholder={profile?.hasPassword ? '•••••••• (saved)' : undefined}
            autoComplete="new-password"
            data-testid="conn-password"
          />
        ) : (
          <TextField
            form={form}
            name="awsRegion"
            label="AWS region"
            description="A short-lived token is requested for every connection with your AWS credentials; the user must be created WITH AWSAuthenticationPlugin"
            placeholder="eu-west-1"
            autoComplete="off"
            data-testid="conn-region"
          />
        )}
        <TlsFields form={form} />
        <Divider label="Optional" labelPosition="left" />
        <EndpointFields control={control} register={register} endpoint="reader" errors={{ host: errors.readerHost?.message, port: errors.readerPort?.message }} />
        <Controller
          control={control}
          name="poolSize"
          render={({ field }) => (
            <NumberInput
              label="Connections per endpoint"
              description="Pool limit; keep it low when many workstations share one database"
              min={1}
              max={50}
              allowDecimal={false}
              w={240}
              value={field.value ?? ''}
              onChange={(v) => field.onChange(numberOrUndefined(v))}
              onBlur={field.onBlur}
              error={errors.poolSize?.message}
              data-testid="conn-pool-size"
            />
          )}
        />
        {result && <TestResultView result={result} />}
        <Group justify="space-between" mt="xs">
          <Button variant="light" leftSection={<IconPlugConnected size={16} />} onClick={() => void onTest()} loading={testing} data-testid="conn-test">
            Test connection
          </Button>
          <FormActions
            submitLabel={profile ? 'Save changes' : 'Save connection'}
            busy={formState.isSubmitting}
            onCancel={onCancel}
            submitTestId="conn-save"
            cancelTestId="conn-cancel"
          />
        </Group>
      </Stack>
    </form>
  );
}
