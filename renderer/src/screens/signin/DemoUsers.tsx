import { Badge, Code, CopyButton, Group, Paper, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../../../../shared/roles';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
}

/** Demo mode only: who can sign in, with the shared password; a click fills the form. */
export function DemoUsers({ users, password, onPick }: { users: DemoUser[]; password: string; onPick: (user: DemoUser) => void }) {
  return (
    <Paper withBorder radius="md" p="lg" w={340} data-testid="demo-users">
      <Stack gap="sm">
        <div>
          <Title order={4}>Demo users</Title>
          <Text size="xs" c="dimmed">
            Generated demo bank. Pick a role to fill the form.
          </Text>
        </div>
        <Group gap={6}>
          <Text size="sm">Password for all:</Text>
          <CopyButton value={password}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy'}>
                <Code onClick={copy} style={{ cursor: 'pointer' }} data-testid="demo-password">
                  {password}
                </Code>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Stack gap={2} role="list">
          {users.map((u) => (
            <UnstyledButton
              key={u.username}
              role="listitem"
              onClick={() => onPick(u)}
              data-testid="demo-user"
              data-username={u.username}
              p={6}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              className="palette-item"
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {u.displayName}
                  </Text>
                  <Text size="xs" c="dimmed" className="mono">
                    {u.username}
                  </Text>
                </div>
                <Badge size="sm" variant="light" style={{ flexShrink: 0 }}>
                  {ROLE_LABELS[u.role]}
                </Badge>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
