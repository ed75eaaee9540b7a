import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { mfaStepSchema, type MfaStepValues } from './sign-in-schemas';

interface Props {
  username: string;
  busy: boolean;
  /** Increases with each refused code: the field empties and takes focus for the next one. */
  failures: number;
  onSubmit: (code: string) => void;
  onBack: () => void;
}

/** Second step when the account has MFA: the 6-digit code from the authenticator app. */
export function MfaStep({ username, busy, failures, onSubmit, onBack }: Props) {
  const { register, handleSubmit, formState, reset, setFocus } = useForm<MfaStepValues>({ resolver: zodResolver(mfaStepSchema), defaultValues: { code: '' } });
  useEffect(() => {
    if (failures === 0) return;
    reset({ code: '' });
    setFocus('code');
  }, [failures, reset, setFocus]);
  const submit = handleSubmit((v) => onSubmit(v.code.trim()));
  const field = register('code', {
    onChange: (e: { target: { value: string } }) => {
      // Six digits is a complete code: submit without making the user reach for Enter.
      if (/^\d{6}$/.test(e.target.value.trim()) && !busy) void submit();
    },
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconShieldLock size={20} style={{ flexShrink: 0 }} />
          <Text size="sm">
            <b>{username}</b> uses two-step sign-in. Enter the 6-digit code from your authenticator app.
          </Text>
        </Group>
        <TextInput
          label="Authentication code"
          placeholder="123456"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums', fontSize: 18 } }}
          error={formState.errors.code?.message}
          data-testid="mfa-code"
          {...field}
        />
        <Group justify="space-between">
          <Button variant="subtle" onClick={onBack} disabled={busy}>
            Back
          </Button>
          <Button type="submit" loading={busy} data-testid="mfa-submit">
            Verify
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
