import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { call, errorMessage } from '../../api/client';
import { PasswordField, TextField } from '../../components/form/bound-fields';
import { FormError } from '../../components/form/FormError';
import { FullPage } from '../../components/FullPage';
import { useBank } from '../../state/bank';
import { useSession } from '../../state/session';
import { setupAdminSchema, type SetupAdminValues } from './sign-in-schemas';

/** First start of a live bank: nobody can sign in until the first administrator exists. */
export function SetupAdminScreen() {
  const form = useForm<SetupAdminValues>({ resolver: zodResolver(setupAdminSchema), defaultValues: { username: '', displayName: '', password: '', confirm: '' } });
  const [error, setError] = useState<string | null>(null);
  const { handleSubmit, formState } = form;

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
          <FormError error={error} testId="setup-error" />
          <TextField form={form} name="username" label="Username" autoComplete="username" autoFocus data-testid="setup-username" />
          <TextField form={form} name="displayName" label="Display name" autoComplete="name" data-testid="setup-display-name" />
          <PasswordField form={form} name="password" label="Password" description="At least 12 characters" autoComplete="new-password" data-testid="setup-password" />
          <PasswordField form={form} name="confirm" label="Repeat password" autoComplete="new-password" data-testid="setup-confirm" />
          <Button type="submit" loading={formState.isSubmitting} data-testid="setup-submit" mt={4}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </FullPage>
  );
}
