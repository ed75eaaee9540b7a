import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { call, errorMessage } from '../../api/client';
import { FullPage } from '../../components/FullPage';
import { useBank } from '../../state/bank';
import { useSession } from '../../state/session';
import { setupAdminSchema, type SetupAdminValues } from './sign-in-schemas';

/** First start of a live bank: nobody can sign in until the first administrator exists. */
export function SetupAdminScreen() {
  const { register, handleSubmit, formState } = useForm<SetupAdminValues>({
    resolver: zodResolver(setupAdminSchema),
    defaultValues: { username: '', displayName: '', password: '', confirm: '' },
  });
  const [error, setError] = useState<string | null>(null);
  const errors = formState.errors;

  const onSubmit = handleSubmit(async ({ username, displayName, password }) => {
    setError(null);
    try {
      await call('auth.setupAdmin', { username, displayName, password });
      notifications.show({ color: 'teal', title: 'Administrator created', message: `Sign in as ${username}.` });
      useSession.getState().setupDone(username.trim());
      await useBank.getState().load();
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <FullPage width={460}>
      <form onSubmit={onSubmit} noValidate data-testid="setup-admin">
        <Stack gap="sm">
          <Title order={3}>Create the first administrator</Title>
          <Text size="sm" c="dimmed">
            This bank has no staff accounts yet. The administrator you create here can then add the others.
          </Text>
          {error && (
            <Alert color="red" variant="light" data-testid="setup-error">
              {error}
            </Alert>
          )}
          <TextInput label="Username" autoComplete="username" autoFocus error={errors.username?.message} data-testid="setup-username" {...register('username')} />
          <TextInput label="Display name" autoComplete="name" error={errors.displayName?.message} data-testid="setup-display-name" {...register('displayName')} />
          <PasswordInput
            label="Password"
            description="At least 12 characters"
            autoComplete="new-password"
            error={errors.password?.message}
            data-testid="setup-password"
            {...register('password')}
          />
          <PasswordInput label="Repeat password" autoComplete="new-password" error={errors.confirm?.message} data-testid="setup-confirm" {...register('confirm')} />
          <Button type="submit" loading={formState.isSubmitting} data-testid="setup-submit" mt={4}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </FullPage>
  );
}
