import { ActionIcon, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface Props {
  value: string;
  /** What is copied, for the tooltip and screen readers: "Copy account number". */
  label: string;
  size?: 'sm' | 'md';
  className?: string;
  testId?: string;
}

/** A small icon button beside a number people copy (account numbers, references); says "Copied" once done. */
export function CopyIconButton({ value, label, size = 'md', className, testId }: Props) {
  const icon = size === 'sm' ? 14 : 16;
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : label}>
          <ActionIcon variant="subtle" size={size} onClick={copy} aria-label={label} className={className} data-testid={testId}>
            {copied ? <IconCheck size={icon} /> : <IconCopy size={icon} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}
