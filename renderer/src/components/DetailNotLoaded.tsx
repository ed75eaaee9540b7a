import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorView, LoadingView } from './StateViews';

interface DetailNotLoadedProps {
  /** The way back to the list, shown above as on the loaded page. */
  back: ReactNode;
  /** What is being opened ("alert #12"). */
  what: string;
  /** Still asking; otherwise the read failed or found nothing. */
  loading: boolean;
  error: string | null;
  onRetry: () => void;
}

/** A detail page (an alert, a case) before its data is there: the way back, then loading or what went wrong. */
export function DetailNotLoaded({ back, what, loading, error, onRetry }: DetailNotLoadedProps) {
  return (
    <Stack gap="sm">
      {back}
      {loading ? <LoadingView label={`Loading ${what}…`} /> : <ErrorView title={`Could not load ${what}`} message={error ?? 'Not found'} onRetry={onRetry} />}
    </Stack>
  );
}
