import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ApiSetup } from './api/client';
import { queryClient } from './api/query-client';
import { MissingTokenPage } from './components/FullPage';
import { Gate } from './Gate';
import { useTheme } from './state/theme';
import { theme } from './theme';

export function App({ setup }: { setup: ApiSetup }) {
  const scheme = useTheme((s) => s.scheme);
  return (
    <MantineProvider theme={theme} forceColorScheme={scheme}>
      {/* Bottom-right: toasts never cover the header's controls (theme, sign-out) while they show. */}
      <Notifications position="bottom-right" limit={3} />
      <QueryClientProvider client={queryClient}>{setup.kind === 'missing-token' ? <MissingTokenPage /> : <Gate />}</QueryClientProvider>
    </MantineProvider>
  );
}
