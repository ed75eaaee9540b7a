import { Button, type MantineSize } from '@mantine/core';
import type { ReactNode } from 'react';

interface DownloadButtonProps<F extends string> {
  /** The file format this button makes. */
  format: F;
  /** The format being made now (its button spins), or null. */
  busy: F | null;
  onDownload: (format: F) => Promise<void>;
  icon: ReactNode;
  size?: MantineSize;
  disabled?: boolean;
  testId?: string;
  children: ReactNode;
}

/** "Make this as a file" in one format, beside its siblings (PDF, XLSX, CSV…); spins while that format is being made. */
export function DownloadButton<F extends string>({ format, busy, onDownload, icon, size, disabled, testId, children }: DownloadButtonProps<F>) {
  return (
    <Button size={size} variant="default" leftSection={icon} loading={busy === format} disabled={disabled} onClick={() => void onDownload(format)} data-testid={testId}>
      {children}
    </Button>
  );
}
