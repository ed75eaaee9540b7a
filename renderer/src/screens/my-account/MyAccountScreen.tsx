import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconShieldCheck } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../../../shared/roles';
import { errorText, useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { ErrorView, LoadingView } from '../../components/StateViews';
import { useSession } from '../../state/session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { MfaEnrolment } from './MfaEnrolment';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={140}>
        {label}
      </Text>
      <div>{children}</div>
    </Group>
  );
}

/** The signed-in person's own profile, permissions and two-step sign-in (not a bank account: see screens/accounts). */
export function MyAccountScreen() {
  const me = useApiQuery('auth.me', {});
  const [replacing, setReplacing] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const onReplaced = () => {
    setReplacing(false);
    notifications.show({ color: 'teal', title: 'New authenticator app is on', message: 'From now on, sign in with the codes from the new app; the old one no longer works.' });
  };
  const onEnabled = () => {
    notifications.show({ color: 'teal', title: 'Two-step sign-in is on', message: 'You will be asked for a code at every sign-in.' });
    // auth.mfaConfirm refreshes auth.me by itself (method-tables.ts); the header's session copy is updated here.
    const session = useSession.getState().session;
    if (session) useSession.setState({ session: { ...session, user: { ...session.user, mfaEnabled: true } } });
  };

  if (me.isPending) return <LoadingView />;
  if (!me.data) return <ErrorView message={errorText(me.error) ?? 'No answer'} onRetry={() => void me.refetch()} />;
  const { user, permissions, idleTimeoutMs } = me.data;

  return (
    <Stack gap="md" data-testid="my-account-screen" maw={980}>
      <PageHeader title="My account" description="Your profile, what your role may do, your password and two-step sign-in." />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" radius="sm">
          <Stack gap={8}>
            <Text fw={600}>Profile</Text>
            <Row label="Name">{user.displayName}</Row>
            <Row label="Username">
              <span className="mono">{user.username}</span>
            </Row>
            <Row label="Role">
              <Badge variant="light" size="sm">
                {ROLE_LABELS[user.role]}
              </Badge>
            </Row>
            <Row label="May use">
              <Group gap={4}>
                {permissions
                  .filter((p) => p !== 'public' && p !== 'session')
                  .map((p) => (
                    <Badge key={p} variant="outline" size="xs" radius="sm" tt="none">
                      {p}
                    </Badge>
                  ))}
              </Group>
            </Row>
            <Row label="Idle sign-out">after {Math.round(idleTimeoutMs / 60_000)} minutes without activity</Row>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="sm">
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={600}>Two-step sign-in (MFA)</Text>
              <Badge color={user.mfaEnabled ? 'teal' : 'gray'} variant={user.mfaEnabled ? 'light' : 'outline'} data-testid="mfa-state" data-enabled={user.mfaEnabled}>
                {user.mfaEnabled ? 'On' : 'Off'}
              </Badge>
            </Group>
            {user.mfaEnabled && replacing ? (
              <MfaEnrolment replacing onEnabled={onReplaced} onCancel={() => setReplacing(false)} />
            ) : user.mfaEnabled ? (
              <Stack gap="xs" align="flex-start">
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <IconShieldCheck size={20} color="var(--mantine-color-teal-6)" style={{ flexShrink: 0 }} />
                  <Text size="sm">
                    Your account asks for a code from your authenticator app at every sign-in. To move it to a new phone you need your password and a code from the current app; if
                    you no longer have it, ask an administrator.
                  </Text>
                </Group>
                <Button variant="default" size="xs" onClick={() => setReplacing(true)} data-testid="mfa-replace">
                  Move to a new authenticator app
                </Button>
              </Stack>
            ) : (
              <MfaEnrolment onEnabled={onEnabled} />
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="sm" data-testid="password-panel">
          <Stack gap="sm">
            <Text fw={600}>Password</Text>
            {changingPassword ? (
              <ChangePasswordForm
                onCancel={() => setChangingPassword(false)}
                onChanged={() => {
                  setChangingPassword(false);
                  notifications.show({ color: 'teal', title: 'Password changed', message: 'Use the new password from now on. Your other sessions were signed out.' });
                }}
              />
            ) : (
              <Stack gap="xs" align="flex-start">
                <Text size="sm">Change it whenever you think someone else may know it. You need the current one.</Text>
                <Button variant="default" size="xs" leftSection={<IconKey size={14} />} onClick={() => setChangingPassword(true)} data-testid="change-password">
                  Change password
                </Button>
              </Stack>
            )}
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
