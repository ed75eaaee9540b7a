import { AppShell, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconArrowsExchange, IconFlame, IconLogout, IconMoon, IconUserPlus } from '@tabler/icons-react';
import { Suspense, useEffect, useMemo } from 'react';
import { LoadingView } from '../components/StateViews';
import { navigate, useRoute } from '../state/route';
import { useCan, useSession } from '../state/session';
import { watchSync } from '../state/sync';
import { useTheme } from '../state/theme';
import { CommandPalette } from './CommandPalette';
import { FraudAlertToaster, openHighestRiskAlert } from './FraudAlertToaster';
import { ComplianceToaster } from '../screens/compliance/ComplianceToaster';
import { Header } from './Header';
import { useNarrowWindow } from './narrow-window';
import { NavLinks } from './NavLinks';
import type { PaletteAction } from './palette-actions';
import { routeOf } from './routes';
import { usePermittedRoutes } from './usePermittedRoutes';

/** The signed-in frame: header, navigation of permitted screens, command palette, current screen. */
export function AppLayout() {
  const [navOpened, nav] = useDisclosure(false);
  // Narrow windows fold the sidebar away; the header's burger opens it.
  const narrow = useNarrowWindow();
  const [paletteOpened, palette] = useDisclosure(false);
  const routes = usePermittedRoutes();
  const path = useRoute((s) => s.path);
  const current = routeOf(routes, path);
  const fallback = routes[0];

  // An unknown or forbidden address (typed, bookmarked, another role's) lands on the first permitted screen.
  useEffect(() => {
    if (!current && fallback) navigate(fallback.path);
  }, [current, fallback]);

  // Signed in from here on: the header's offline / syncing badge and the Sync screen share this feed.
  useEffect(() => watchSync(), []);

  useHotkeys([['mod+K', palette.toggle]], []);
  const canOperate = useCan('banking.operate');
  const canLookUp = useCan('banking.view');
  const canReviewFraud = useCan('fraud.view');

  const actions = useMemo<PaletteAction[]>(
    () => [
      ...routes.map((r) => ({ id: `go-${r.path}`, label: r.label, description: r.description, group: 'Screen', icon: r.icon, run: () => navigate(r.path) })),
      ...(canOperate
        ? [
            {
              id: 'register-customer',
              label: 'Register customer',
              description: 'New customer with KYC details',
              group: 'Banking',
              icon: IconUserPlus,
              run: () => navigate('customers/new'),
            },
            {
              id: 'new-deposit',
              label: 'New operation',
              description: 'Deposit, withdrawal, transfer, external transfer',
              group: 'Banking',
              icon: IconArrowsExchange,
              run: () => navigate('operations'),
            },
          ]
        : []),
      ...(canReviewFraud
        ? [
            {
              id: 'highest-risk-alert',
              label: 'Open highest-risk alert',
              description: 'The open fraud alert with the highest risk score',
              group: 'Fraud',
              icon: IconFlame,
              run: () => void openHighestRiskAlert(),
            },
          ]
        : []),
      { id: 'toggle-theme', label: 'Toggle dark / light theme', group: 'Command', icon: IconMoon, run: () => useTheme.getState().toggle() },
      { id: 'sign-out', label: 'Sign out', group: 'Command', icon: IconLogout, run: () => void useSession.getState().signOut() },
    ],
    [routes, canOperate, canReviewFraud],
  );

  const Screen = current?.screen;
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 210, breakpoint: 'sm', collapsed: { mobile: !navOpened, desktop: narrow && !navOpened } }} padding="md">
      <AppShell.Header>
        <Header navOpened={navOpened} narrow={narrow} onToggleNav={nav.toggle} onOpenPalette={palette.open} />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavLinks routes={routes} current={path} onNavigate={nav.close} />
        <Text size="xs" c="dimmed" mt="auto" px="xs" pb={4}>
          Ctrl/⌘ K to jump anywhere
        </Text>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<LoadingView />}>{Screen ? <Screen key={current.path} /> : <LoadingView />}</Suspense>
      </AppShell.Main>
      <CommandPalette opened={paletteOpened} onClose={palette.close} actions={actions} searchBank={canLookUp} />
      <FraudAlertToaster />
      <ComplianceToaster />
    </AppShell>
  );
}
