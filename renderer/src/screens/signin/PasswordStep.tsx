import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { RefObject } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { PasswordStepValues } from './sign-in-schemas';

interface Props {
  form: UseFormReturn<PasswordStepValues>;
  busy: boolean;
  onSubmit: (values: PasswordStepValues) => void;
  submitRef: RefObject<HTMLButtonElement | null>;
}

export function PasswordStep({ form, busy, onSubmit, submitRef }: Props) {
  const { register, handleSubmit, formState } = form;
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          data-autofocus
          autoFocus
          error={formState.errors.username?.message}
          data-testid="signin-username"
          {...register('username')}
        />
        <PasswordInput label="Password" autoComplete="current-password" error={formState.errors.password?.message} data-testid="signin-password" {...register('password')} />
        <Button type="submit" loading={busy} ref={submitRef} data-testid="signin-submit" mt={4}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
