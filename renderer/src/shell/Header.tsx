import { ActionIcon, Badge, Burger, Button, Group, Kbd, Text, Tooltip } from '@mantine/core';
import { IconBuildingBank, IconLogout, IconMoon, IconSearch, IconSun } from '@tabler/icons-react';
import { ROLE_LABELS } from '../../../shared/roles';
import { useBank } from '../state/bank';
import { useSession } from '../state/session';
import { useTheme } from '../state/theme';
import { ConnectionBadge } from './ConnectionBadge';
import { SyncIndicator } from './SyncIndicator';

const isMac = /Mac|iPhone|iPad/.test(navigator.userAgent);

export function Header({ navOpened, narrow, onToggleNav, onOpenPalette }: { navOpened: boolean; narrow: boolean; onToggleNav: () => void; onOpenPalette: () => void }) {
  const status = useBank((s) => s.status);
  const user = useSession((s) => s.session?.user);
  const signOut = useSession((s) => s.signOut);
  const { scheme, toggle } = useTheme();

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom={narrow ? undefined : 'sm'} size="sm" aria-label="Toggle navigation" data-testid="nav-toggle" />
        <IconBuildingBank size={22} stroke={1.6} color="var(--mantine-primary-color-filled)" />
        <Text fw={650} size="md" data-testid="bank-name" truncate>
          {status?.bankName ?? 'CloudBank'}
        </Text>
        {status?.mode === 'demo' && (
          <Badge size="sm" variant="light" color="orange">
            Demo data
          </Badge>
        )}
        <ConnectionBadge />
        <SyncIndicator />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconSearch size={14} />}
          rightSection={<Kbd size="xs">{isMac ? '⌘K' : 'Ctrl K'}</Kbd>}
          onClick={onOpenPalette}
          visibleFrom="sm"
          data-testid="open-palette"
        >
          Go to…
        </Button>
        {user && (
          <div style={{ textAlign: 'right', lineHeight: 1.15 }} data-testid="current-user">
            <Text size="sm" fw={600} data-testid="current-user-name">
              {user.displayName}
            </Text>
            <Text size="xs" c="dimmed" data-testid="current-user-role">
              {ROLE_LABELS[user.role]}
            </Text>
          </div>
        )}
        <Tooltip label={scheme === 'dark' ? 'Light theme' : 'Dark theme'}>
          <ActionIcon variant="default" size="lg" onClick={toggle} aria-label="Toggle colour theme" data-testid="theme-toggle">
            {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Sign out">
          <ActionIcon variant="default" size="lg" onClick={() => void signOut()} aria-label="Sign out" data-testid="sign-out">
            <IconLogout size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
