import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { downloadBase64 } from './download';

/** A file the server made (a statement, a report, an export), as the contract returns it. */
interface ServerFile {
  filename: string;
  mimeType: string;
  base64: string;
}

/**
 * Has the server make a file in one of several formats and saves it. `busy` is the format being made (its
 * DownloadButton spins); a failure is a red notification titled by `failTitle`. `make` answers null when there
 * is nothing to make yet.
 */
export function useFileDownload<F extends string>(make: (format: F) => Promise<ServerFile | null>, failTitle: (format: F) => string) {
  const [busy, setBusy] = useState<F | null>(null);
  const download = async (format: F): Promise<void> => {
    setBusy(format);
    try {
      const file = await make(format);
      if (file) downloadBase64(file.filename, file.mimeType, file.base64);
    } catch (e) {
      notifications.show({ color: 'red', title: failTitle(format), message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, download };
}
