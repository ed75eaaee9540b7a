import { Alert } from '@mantine/core';
import { errorMessage } from '../../api/client';

interface Props {
  /** A message, or an error to describe; nothing is shown while it is null or undefined. */
  error: unknown;
  /** What did not happen ("Not recorded"), above the message. */
  title?: string;
  testId?: string;
}

/** A form's or dialog's refusal that belongs to no single field: one red box above its buttons. */
export function FormError({ error, title, testId }: Props) {
  if (error === null || error === undefined || error === '') return null;
  return (
    <Alert color="red" variant="light" title={title} data-testid={testId}>
      {typeof error === 'string' ? error : errorMessage(error)}
    </Alert>
  );
}
