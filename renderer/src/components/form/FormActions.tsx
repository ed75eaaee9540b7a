import { Button, Group, type MantineSize, type MantineSpacing, type StyleProp } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  submitLabel: ReactNode;
  /** While the request runs: the submit button spins and cannot be pressed twice. */
  busy: boolean;
  /** Without it the submit button submits its form; with it the button only calls it. */
  onConfirm?: () => void;
  /** Without it there is no Cancel button (a form that cannot be left, e.g. a forced password change). */
  onCancel?: (() => void) | undefined;
  cancelLabel?: string;
  /** Cancel waits while the request runs, where leaving half-way would hide its answer. */
  cancelDisabled?: boolean;
  disabled?: boolean;
  color?: string | undefined;
  size?: MantineSize | 'compact-xs';
  mt?: StyleProp<MantineSpacing>;
  submitTestId?: string;
  cancelTestId?: string;
}

/** The buttons at the foot of every form and dialog: Cancel on the left, the action on the right. */
export function FormActions({ submitLabel, busy, onConfirm, onCancel, cancelLabel = 'Cancel', cancelDisabled, disabled, color, size, mt, submitTestId, cancelTestId }: Props) {
  return (
    <Group justify="flex-end" gap="xs" mt={mt}>
      {onCancel && (
        <Button size={size} variant="default" onClick={onCancel} disabled={cancelDisabled} data-testid={cancelTestId}>
          {cancelLabel}
        </Button>
      )}
      <Button size={size} type={onConfirm ? 'button' : 'submit'} onClick={onConfirm} color={color} loading={busy} disabled={disabled} data-testid={submitTestId}>
        {submitLabel}
      </Button>
    </Group>
  );
}
