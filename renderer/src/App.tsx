import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ApiSetup } from './api/client';
import { MissingTokenPage } from './components/FullPage';
import { Gate } from './Gate';
import { useTheme } from './state/theme';
import { theme } from './theme';

export function App({ setup }: { setup: ApiSetup }) {
  const scheme = useTheme((s) => s.scheme);
  return (
    <MantineProvider theme={theme} forceColorScheme={scheme}>
      <Notifications position="top-right" limit={3} />
      {setup.kind === 'missing-token' ? <MissingTokenPage /> : <Gate />}
    </MantineProvider>
  );
}
