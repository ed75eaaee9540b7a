import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Code, CopyButton, Group, Image, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { MethodOutput } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { PasswordField, TextField } from '../../components/form/bound-fields';
import { FormError } from '../../components/form/FormError';
import { mfaStepSchema, type MfaStepValues } from '../signin/sign-in-schemas';
import { mfaBeginSchema, mfaReplaceSchema, type MfaBeginValues } from './mfa-schemas';

type Enrolment = MethodOutput<'auth.mfaBegin'>;

/** The server's SVG as an <img>: the CSP allows data: images, and an image cannot run script. */
function svgDataUri(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/**
 * Turns two-step sign-in on, or (`replacing`) moves it to a new authenticator. Either starts with a
 * step-up — the password, and the code from the current app when replacing — because a session alone
 * (someone at an unlocked workstation) must not be able to change how the account signs in.
 */
export function MfaEnrolment({ onEnabled, replacing = false, onCancel }: { onEnabled: () => void; replacing?: boolean; onCancel?: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Refreshes "My account" (auth.me) once two-step sign-in is on.
  const mfaConfirm = useApiMutation('auth.mfaConfirm');
  const form = useForm<MfaStepValues>({ resolver: zodResolver(mfaStepSchema), defaultValues: { code: '' } });
  const proof = useForm<MfaBeginValues>({
    resolver: zodResolver(replacing ? mfaReplaceSchema : mfaBeginSchema),
    defaultValues: replacing ? { password: '', code: '' } : { password: '' },
  });

  const begin = proof.handleSubmit(async (values) => {
    setError(null);
    try {
      setEnrolment(await call('auth.mfaBegin', replacing ? { password: values.password, code: values.code?.trim() } : { password: values.password }));
      proof.reset();
      form.reset({ code: '' });
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const confirm = form.handleSubmit(async ({ code }) => {
    setError(null);
    try {
      await mfaConfirm.mutateAsync({ code: code.trim() });
      setEnrolment(null);
      onEnabled();
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  if (!enrolment) {
    return (
      <form onSubmit={begin} noValidate>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            {replacing
              ? 'To move two-step sign-in to a new authenticator app, confirm it is you: your password and the code your current app shows now.'
              : 'Two-step sign-in asks for a 6-digit code from an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…) after your password, so a stolen password alone cannot open your account. Confirm it is you with your password to start.'}
          </Text>
          <FormError error={error} testId="mfa-error" />
          <PasswordField form={proof} name="password" label="Your password" autoComplete="current-password" w={280} data-testid="mfa-password" />
          {replacing && (
            <TextField
              form={proof}
              name="code"
              label="Code from your current app"
              placeholder="123456"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              w={160}
              data-testid="mfa-current-code"
            />
          )}
          <Group gap="xs">
            <Button type="submit" loading={proof.formState.isSubmitting} data-testid="mfa-begin">
              {replacing ? 'Continue to the new app' : 'Set up two-step sign-in'}
            </Button>
            {onCancel && (
              <Button variant="subtle" onClick={onCancel}>
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      </form>
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
          <FormError error={error} testId="mfa-error" />
          <Group align="flex-start" gap="xs">
            <TextField
              form={form}
              name="code"
              placeholder="123456"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
              aria-label="Code from your authenticator app"
              styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
              w={160}
              data-testid="mfa-confirm-code"
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
