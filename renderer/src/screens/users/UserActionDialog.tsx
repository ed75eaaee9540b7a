import { PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { StaffRow } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { ROLE_LABELS, ROLES, type Role } from '../../../../shared/roles';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { bindText } from '../../components/form/bind-text';
import { FormActions } from '../../components/form/FormActions';
import { FormError } from '../../components/form/FormError';

/** What an administrator can do to a staff user, each with its own dialog. */
export type UserAction = 'role' | 'password' | 'mfa' | 'sessions' | 'deactivate' | 'reactivate';

export const ACTION_TITLES: Record<UserAction, string> = {
  role: 'Change role',
  password: 'Set a temporary password',
  mfa: 'Reset two-step sign-in',
  sessions: 'Sign out everywhere',
  deactivate: 'Deactivate user',
  reactivate: 'Reactivate user',
};

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const isRole = (v: string | null): v is Role => v !== null && (ROLES as readonly string[]).includes(v);

interface Props {
  action: UserAction;
  user: StaffRow;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** One dialog body per action: says what will happen, asks only what the action needs, shows the server's refusal. */
export function UserActionDialog({ action, user, onDone, onCancel }: Props) {
  const [role, setRole] = useState<Role>(user.role);
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const setRoleM = useApiMutation('admin.setRole');
  const setActive = useApiMutation('admin.setActive');
  const resetMfa = useApiMutation('admin.resetMfa');
  const revoke = useApiMutation('admin.revokeSessions');
  const setPasswordM = useApiMutation('admin.setPassword');
  const busy = setRoleM.isPending || setActive.isPending || resetMfa.isPending || revoke.isPending || setPasswordM.isPending;
  const who = `${user.displayName} (${user.username})`;

  const run = async () => {
    setProblem(null);
    setFieldError(null);
    try {
      switch (action) {
        case 'role':
          await setRoleM.mutateAsync({ id: user.id, role });
          return onDone(`${who} is now ${ROLE_LABELS[role]}; their sessions were ended so the new permissions apply at once.`);
        case 'password':
          await setPasswordM.mutateAsync({ id: user.id, password });
          return onDone(`${who} must choose their own password at the next sign-in.`);
        case 'mfa':
          await resetMfa.mutateAsync({ id: user.id });
          return onDone(`Two-step sign-in is off for ${who}; they will be told at the next sign-in and should set it up again.`);
        case 'sessions': {
          const { ended } = await revoke.mutateAsync({ id: user.id });
          return onDone(`${ended === 0 ? 'No open session' : ended === 1 ? 'One session' : `${ended} sessions`} of ${who} ${ended === 0 ? 'to end' : 'ended'}.`);
        }
        case 'deactivate':
          await setActive.mutateAsync({ id: user.id, active: false, reason });
          return onDone(`${who} is deactivated and signed out.`);
        case 'reactivate':
          await setActive.mutateAsync({ id: user.id, active: true, reason: '' });
          return onDone(`${who} can sign in again.`);
      }
    } catch (e) {
      const issue = e instanceof AppError ? e.issues?.[0] : undefined;
      if (issue && action === 'password') setFieldError(issue.message);
      else setProblem(errorMessage(e));
    }
  };

  const explain: Record<UserAction, string> = {
    role: 'The user’s open sessions end, so the new role’s permissions apply from their next sign-in.',
    password:
      'For a forgotten password. Give it to the person through a safe channel: they must replace it with their own before they can do anything else. Their sessions end now.',
    mfa: 'For a lost or replaced phone. Their sessions end; at the next sign-in they are told and should set up their authenticator again.',
    sessions: 'Every open session of this user ends now (e.g. a workstation left signed in). They can sign in again.',
    deactivate: 'The user can no longer sign in or be assigned fraud alerts, and is signed out now. Their history stays in the audit log.',
    reactivate: 'The user can sign in again with their current password.',
  };
  const disabled = busy || (action === 'role' && role === user.role) || (action === 'password' && password.length === 0);

  return (
    <Stack gap="sm" data-testid={`user-action-${action}`}>
      <Text size="sm">{explain[action]}</Text>
      <FormError error={problem} testId="user-action-error" />
      {action === 'role' && (
        <Select label="New role" data={ROLE_OPTIONS} value={role} allowDeselect={false} onChange={(v) => isRole(v) && setRole(v)} data-testid="user-action-role-select" />
      )}
      {action === 'password' && (
        <PasswordInput
          label="Temporary password"
          description="At least 12 characters; not a common password or the person’s name"
          autoComplete="new-password"
          {...bindText(password, setPassword)}
          error={fieldError}
          data-testid="user-action-password-input"
        />
      )}
      {action === 'deactivate' && (
        <TextInput
          label="Reason (for the audit log)"
          placeholder="e.g. left the bank on 30 November"
          maxLength={200}
          {...bindText(reason, setReason)}
          data-testid="user-action-reason"
        />
      )}
      <FormActions
        submitLabel={ACTION_TITLES[action]}
        color={action === 'deactivate' || action === 'mfa' ? 'red' : undefined}
        busy={busy}
        disabled={disabled}
        onConfirm={() => void run()}
        onCancel={onCancel}
        cancelDisabled={busy}
        submitTestId="user-action-confirm"
      />
    </Stack>
  );
}
