import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { call, errorMessage } from '../../api/client';

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
  const { register, handleSubmit, formState, setError, reset } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  });
  const [problem, setProblem] = useState<string | null>(null);
  const errors = formState.errors;

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setProblem(null);
    try {
      // Called directly (not through a cached mutation): during sign-in this runs before the session is in the store.
      await call('auth.changePassword', { currentPassword, newPassword });
      reset();
      onChanged();
    } catch (e) {
      const issue = e instanceof AppError ? e.issues?.find((i) => (FIELDS as readonly string[]).includes(i.path)) : undefined;
      if (issue) setError(issue.path as (typeof FIELDS)[number], { message: issue.message });
      else setProblem(errorMessage(e));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="change-password-form">
      <Stack gap="sm">
        {problem && (
          <Alert color="red" variant="light" data-testid="change-password-error">
            {problem}
          </Alert>
        )}
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          autoFocus
          error={errors.currentPassword?.message}
          data-testid="current-password"
          {...register('currentPassword')}
        />
        <PasswordInput
          label="New password"
          description="At least 12 characters; not a common password, your username or your name. A few unrelated words work well."
          autoComplete="new-password"
          error={errors.newPassword?.message}
          data-testid="new-password"
          {...register('newPassword')}
        />
        <PasswordInput label="New password again" autoComplete="new-password" error={errors.confirm?.message} data-testid="confirm-password" {...register('confirm')} />
        <Text size="xs" c="dimmed">
          Your other open sessions are signed out when the password changes.
        </Text>
        <Group justify="flex-end" gap="xs">
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={formState.isSubmitting}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={formState.isSubmitting} data-testid="change-password-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
