import { zodResolver } from '@hookform/resolvers/zod';
import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { PasswordField } from '../../components/form/bound-fields';
import { FormActions } from '../../components/form/FormActions';
import { FormError } from '../../components/form/FormError';
import { placeServerIssues } from '../../components/form/place-server-issues';

/** auth.changePassword's own input, plus the confirmation typed twice. */
const schema = contract['auth.changePassword'].input
  .extend({ confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The two new passwords differ' })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], message: 'Choose a password different from the current one' });
type Values = z.input<typeof schema>;
const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;

interface Props {
  /** Called after the server accepted the new password. */
  onChanged: () => void;
  onCancel?: () => void;
  submitLabel?: string;
}

/**
 * Change one's own password: the current one, then a new one twice. The policy (12+ characters,
 * not a common password, not the username or one's name) is the server's; its answer is shown on
 * the field it concerns.
 */
export function ChangePasswordForm({ onChanged, onCancel, submitLabel = 'Change password' }: Props) {
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { currentPassword: '', newPassword: '', confirm: '' } });
  const [problem, setProblem] = useState<string | null>(null);
  const { handleSubmit, formState, setError, reset } = form;

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setProblem(null);
    try {
      // Called directly (not through a cached mutation): during sign-in this runs before the session is in the store.
      await call('auth.changePassword', { currentPassword, newPassword });
      reset();
      onChanged();
    } catch (e) {
      if (!placeServerIssues(e, setError, (path) => FIELDS.find((f) => f === path))) setProblem(errorMessage(e));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="change-password-form">
      <Stack gap="sm">
        <FormError error={problem} testId="change-password-error" />
        <PasswordField form={form} name="currentPassword" label="Current password" autoComplete="current-password" autoFocus data-testid="current-password" />
        <PasswordField
          form={form}
          name="newPassword"
          label="New password"
          description="At least 12 characters; not a common password, your username or your name. A few unrelated words work well."
          autoComplete="new-password"
          data-testid="new-password"
        />
        <PasswordField form={form} name="confirm" label="New password again" autoComplete="new-password" data-testid="confirm-password" />
        <Text size="xs" c="dimmed">
          Your other open sessions are signed out when the password changes.
        </Text>
        <FormActions submitLabel={submitLabel} busy={formState.isSubmitting} onCancel={onCancel} cancelDisabled={formState.isSubmitting} submitTestId="change-password-submit" />
      </Stack>
    </form>
  );
}
