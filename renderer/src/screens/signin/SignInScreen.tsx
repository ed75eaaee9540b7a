import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Badge, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingBank } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { AppError } from '../../../../shared/errors';
import type { Session } from '../../../../shared/contract';
import { bindSession, call, errorMessage } from '../../api/client';
import { ChangePasswordForm } from '../my-account/ChangePasswordForm';
import type { BankStatus } from '../../state/bank';
import { useSession } from '../../state/session';
import { DemoUsers } from './DemoUsers';
import { MfaStep } from './MfaStep';
import { PasswordStep } from './PasswordStep';
import { SignInError, type SignInProblem } from './SignInError';
import { passwordStepSchema, type PasswordStepValues } from './sign-in-schemas';

type Step = { kind: 'password' } | { kind: 'mfa'; credentials: PasswordStepValues } | { kind: 'change'; session: Session & { notices: string[] } };

export function SignInScreen({ status }: { status: BankStatus }) {
  const notice = useSession((s) => s.notice);
  const prefill = useSession((s) => s.prefill);
  const form = useForm<PasswordStepValues>({ resolver: zodResolver(passwordStepSchema), defaultValues: { username: prefill ?? '', password: '' } });
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [failures, setFailures] = useState(0);
  const submitRef = useRef<HTMLButtonElement>(null);

  const attempt = async (credentials: PasswordStepValues, totp?: string) => {
    setBusy(true);
    setProblem(null);
    useSession.getState().clearNotice();
    try {
      const session = await call('auth.signIn', totp ? { ...credentials, totp } : credentials);
      if (session.mustChangePassword) {
        // An administrator set this password: the server allows nothing but choosing one's own first.
        bindSession(session.token);
        setStep({ kind: 'change', session });
        return;
      }
      useSession.getState().signedIn(session);
      // Security events since the last sign-in (e.g. the authenticator was replaced): shown until dismissed.
      for (const message of session.notices) notifications.show({ color: 'yellow', title: 'Security notice', message, autoClose: false });
    } catch (e) {
      if (e instanceof AppError && e.code === 'MFA_REQUIRED' && !totp) {
        setStep({ kind: 'mfa', credentials });
      } else {
        setProblem({ code: e instanceof AppError ? e.code : 'CLIENT', message: errorMessage(e) });
        setFailures((n) => n + 1);
        if (e instanceof AppError && e.code === 'LOCKED') setStep({ kind: 'password' });
      }
    } finally {
      setBusy(false);
    }
  };

  const pickDemoUser = (username: string) => {
    if (!status.demo) return;
    setStep({ kind: 'password' });
    setProblem(null);
    form.reset({ username, password: status.demo.password });
    // Enter now signs in as the picked user.
    window.setTimeout(() => submitRef.current?.focus(), 0);
  };

  return (
    <Center mih="100vh" p="md">
      {/* Top-aligned: each card is as tall as its content (the form grows with errors and the MFA step). */}
      <Group align="flex-start" gap="lg" justify="center">
        <Paper withBorder shadow="sm" radius="md" p="xl" w={380}>
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap">
              <IconBuildingBank size={30} stroke={1.5} color="var(--mantine-primary-color-filled)" />
              <div>
                <Title order={3} data-testid="signin-bank-name">
                  {status.bankName}
                </Title>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    CloudBank Analytics
                  </Text>
                  <Badge size="xs" variant="light" color={status.mode === 'demo' ? 'orange' : 'teal'} data-testid="signin-mode">
                    {status.mode === 'demo' ? 'Demo bank' : 'Live'}
                  </Badge>
                </Group>
              </div>
            </Group>
            {notice && !problem && (
              <Alert color={notice.tone === 'warning' ? 'yellow' : 'blue'} variant="light" data-testid="signin-notice">
                {notice.message}
              </Alert>
            )}
            {problem && <SignInError problem={problem} />}
            {step.kind === 'change' ? (
              <Stack gap="sm" data-testid="forced-password-change">
                <Alert color="yellow" variant="light">
                  An administrator set your password. Choose your own password to continue.
                </Alert>
                <ChangePasswordForm
                  submitLabel="Set password"
                  onCancel={() => {
                    void call('auth.signOut', {}).catch(() => undefined);
                    bindSession(null);
                    form.reset({ username: step.session.user.username, password: '' });
                    setStep({ kind: 'password' });
                  }}
                  onChanged={() => {
                    const { session } = step;
                    useSession.getState().signedIn({ ...session, mustChangePassword: false });
                    notifications.show({ color: 'teal', title: 'Password set', message: 'Use your new password from now on.' });
                    for (const message of session.notices.filter((m) => !m.startsWith('An administrator set your password')))
                      notifications.show({ color: 'yellow', title: 'Security notice', message, autoClose: false });
                  }}
                />
              </Stack>
            ) : step.kind === 'password' ? (
              <PasswordStep form={form} busy={busy} onSubmit={(v) => void attempt(v)} submitRef={submitRef} />
            ) : (
              <MfaStep
                username={step.credentials.username}
                busy={busy}
                failures={failures}
                onSubmit={(code) => void attempt(step.credentials, code)}
                onBack={() => {
                  setProblem(null);
                  setStep({ kind: 'password' });
                }}
              />
            )}
          </Stack>
        </Paper>
        {status.demo && <DemoUsers users={status.demo.users} password={status.demo.password} onPick={(u) => pickDemoUser(u.username)} />}
      </Group>
    </Center>
  );
}
