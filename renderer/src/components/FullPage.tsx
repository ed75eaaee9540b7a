import { Button, Center, Code, Group, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconBuildingBank, IconKey, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function FullPage({ children, width = 440 }: { children: ReactNode; width?: number }) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={width}>
        {children}
      </Paper>
    </Center>
  );
}

export function FullPageLoading() {
  return (
    <Center mih="100vh" data-testid="app-loading">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">Starting CloudBank…</Text>
      </Group>
    </Center>
  );
}

export function FullPageError({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <FullPage>
      <Stack gap="md" data-testid="app-error">
        <Group gap="sm">
          <ThemeIcon color="red" variant="light" size="lg">
            <IconAlertTriangle size={20} />
          </ThemeIcon>
          <Title order={3}>{title}</Title>
        </Group>
        <Text size="sm">{message}</Text>
        <Button leftSection={<IconRefresh size={16} />} onClick={onRetry} w="fit-content">
          Try again
        </Button>
      </Stack>
    </FullPage>
  );
}

/** Browser edition opened without its launch token: nothing can work, so say exactly what to do. */
export function MissingTokenPage() {
  return (
    <FullPage width={520}>
      <Stack gap="md" data-testid="missing-token">
        <Group gap="sm">
          <ThemeIcon variant="light" size="lg">
            <IconBuildingBank size={20} />
          </ThemeIcon>
          <Title order={3}>CloudBank Analytics</Title>
        </Group>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconKey size={18} style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">
            Open the link printed by <Code>cloudbank serve</Code> / <Code>npm start</Code> — it carries the access token.
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          The link looks like http://127.0.0.1:PORT/?token=… and works in this browser tab only. If the service was restarted, use the new link it printed.
        </Text>
      </Stack>
    </FullPage>
  );
}
