import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Code, CopyButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { MethodOutput } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { mfaStepSchema, type MfaStepValues } from '../signin/sign-in-schemas';

type Enrolment = MethodOutput<'auth.mfaBegin'>;

/** The server's SVG as an <img>: the CSP allows data: images, and an image cannot run script. */
function svgDataUri(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

export function MfaEnrolment({ onEnabled }: { onEnabled: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<MfaStepValues>({ resolver: zodResolver(mfaStepSchema), defaultValues: { code: '' } });

  const begin = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await call('auth.mfaBegin', {}));
      form.reset({ code: '' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = form.handleSubmit(async ({ code }) => {
    setError(null);
    try {
      await call('auth.mfaConfirm', { code: code.trim() });
      setEnrolment(null);
      onEnabled();
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  if (!enrolment) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          Two-step sign-in asks for a 6-digit code from an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…) after your password, so a
          stolen password alone cannot open your account.
        </Text>
        {error && (
          <Alert color="red" variant="light" data-testid="mfa-error">
            {error}
          </Alert>
        )}
        <Button onClick={() => void begin()} loading={busy} data-testid="mfa-begin">
          Set up two-step sign-in
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="mfa-enrolment">
      <Text size="sm">1. Scan this code with your authenticator app, or type the secret into it.</Text>
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Image src={svgDataUri(enrolment.qrSvg)} alt="QR code for your authenticator app" className="qr-box" data-testid="mfa-qr" fit="contain" />
        <Stack gap={6} maw={360}>
          <Text size="xs" c="dimmed">
            Secret (for manual entry, time-based, 6 digits, 30 seconds)
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code fz="sm" style={{ wordBreak: 'break-all' }} data-testid="mfa-secret">
              {enrolment.secret}
            </Code>
            <CopyButton value={enrolment.secret}>
              {({ copied, copy }) => (
                <Button size="compact-xs" variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
      </Group>
      <form onSubmit={confirm} noValidate>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">2. Enter the code the app shows now. Two-step sign-in starts with your next sign-in.</Text>
          {error && (
            <Alert color="red" variant="light" data-testid="mfa-error">
              {error}
            </Alert>
          )}
          <Group align="flex-start" gap="xs">
            <TextInput
              placeholder="123456"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
              aria-label="Code from your authenticator app"
              error={form.formState.errors.code?.message}
              styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
              w={160}
              data-testid="mfa-confirm-code"
              {...form.register('code')}
            />
            <Button type="submit" loading={form.formState.isSubmitting} data-testid="mfa-confirm-submit">
              Turn on
            </Button>
            <Button variant="subtle" onClick={() => setEnrolment(null)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
