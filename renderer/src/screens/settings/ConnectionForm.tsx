import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Divider, Group, NumberInput, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm, useWatch, type FieldPath } from 'react-hook-form';
import type { ConnectionProfile, ConnectionTestResult } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { call, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
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
  const { register, handleSubmit, control, formState, setError, trigger, getValues } = useForm<DraftInput, unknown, DraftOutput>({
    resolver: zodResolver(draftSchema),
    defaultValues: profile ? valuesOf(profile) : NEW_CONNECTION,
  });
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
    let placed = false;
    if (e instanceof AppError) {
      for (const issue of e.issues ?? []) {
        const field = FIELDS.find((f) => f === issue.path || `draft.${f}` === issue.path);
        if (field) {
          setError(field, { message: issue.message });
          placed = true;
        }
      }
    }
    if (!placed) setProblem(errorMessage(e));
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
        {problem && (
          <Alert color="red" variant="light" data-testid="conn-form-error">
            {problem}
          </Alert>
        )}
        <TextInput label="Name" placeholder="Production (eu-west-1)" autoFocus autoComplete="off" error={errors.name?.message} data-testid="conn-name" {...register('name')} />
        <EndpointFields control={control} register={register} endpoint="primary" errors={{ host: errors.host?.message, port: errors.port?.message }} />
        <Group grow align="flex-start">
          <TextInput label="Database" autoComplete="off" error={errors.database?.message} data-testid="conn-database" {...register('database')} />
          <TextInput label="User" autoComplete="off" error={errors.user?.message} data-testid="conn-user" {...register('user')} />
        </Group>
        <Controller
          control={control}
          name="auth"
          render={({ field }) => (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="conn-auth-label">
                Authentication
              </Text>
              <SegmentedControl
                aria-labelledby="conn-auth-label"
                data={[
                  { value: 'password', label: 'Password' },
                  { value: 'iam', label: 'AWS IAM token' },
                ]}
                value={field.value}
                onChange={(v) => field.onChange(v === 'iam' ? 'iam' : 'password')}
                data-testid="conn-auth"
              />
            </Stack>
          )}
        />
        {auth === 'password' ? (
          <PasswordInput
            label="Password"
            description={
              profile?.hasPassword
                ? 'Leave empty to keep the saved password (retype it if you change the server or its certificate check)'
                : 'Stored encrypted on this computer; never shown again'
            }
            placeholder={profile?.hasPassword ? '•••••••• (saved)' : undefined}
            autoComplete="new-password"
            error={errors.password?.message}
            data-testid="conn-password"
            {...register('password')}
          />
        ) : (
          <TextInput
            label="AWS region"
            description="A short-lived token is requested for every connection with your AWS credentials; the user must be created WITH AWSAuthenticationPlugin"
            placeholder="eu-west-1"
            autoComplete="off"
            error={errors.awsRegion?.message}
            data-testid="conn-region"
            {...register('awsRegion')}
          />
        )}
        <TlsFields
          control={control}
          register={register}
          errors={{ mode: errors.tls?.mode?.message, caFile: errors.tls?.caFile?.message, ack: errors.insecureAcknowledged?.message }}
        />
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
          <Group gap="xs">
            <Button variant="default" onClick={onCancel} data-testid="conn-cancel">
              Cancel
            </Button>
            <Button type="submit" loading={formState.isSubmitting} data-testid="conn-save">
              {profile ? 'Save changes' : 'Save connection'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
