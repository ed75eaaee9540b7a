import { Alert } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import type { ErrorCode } from '../../../../shared/errors';

export interface SignInProblem {
  code: ErrorCode | 'CLIENT';
  message: string;
}

const TITLES: Partial<Record<SignInProblem['code'], string>> = {
  LOCKED: 'Account locked',
  UNAUTHENTICATED: 'Sign-in failed',
  OFFLINE: 'Cannot reach the CloudBank service',
  VALIDATION: 'Check what you entered',
};

/** The server's own message, under a title that says what kind of problem it is. */
export function SignInError({ problem }: { problem: SignInProblem }) {
  return (
    <Alert
      color="red"
      variant="light"
      title={TITLES[problem.code] ?? 'Could not sign in'}
      icon={problem.code === 'LOCKED' ? <IconLock size={18} /> : <IconAlertTriangle size={18} />}
      data-testid="signin-error"
      data-code={problem.code}
      role="alert"
    >
      {problem.message}
    </Alert>
  );
}
