import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react';
import type { ConnectionTestResult } from '../../../../shared/contract';
import { CAUSE_LABELS } from './connection-values';

/** What "Test connection" found: the cause in words, what to fix, and the TLS facts when it connected. */
export function TestResultView({ result }: { result: ConnectionTestResult }) {
  const title = result.ok ? 'Connection works' : result.cause ? CAUSE_LABELS[result.cause] : 'Could not connect';
  return (
    <Stack gap="xs" data-testid="conn-test-result" data-ok={result.ok ? 'true' : 'false'} data-cause={result.cause ?? ''} role="status" aria-live="polite">
      <Alert
        color={result.ok ? 'teal' : 'red'}
        variant="light"
        title={
          <Group gap={6}>
            <span>{title}</span>
            {result.endpoint === 'reader' && (
              <Badge size="xs" variant="outline" color="red">
                reader endpoint
              </Badge>
            )}
          </Group>
        }
        icon={result.ok ? <IconCircleCheck size={18} /> : <IconPlugConnectedX size={18} />}
      >
        <Stack gap={6}>
          <Text size="sm" data-testid="conn-test-message">
            {result.message}
          </Text>
          {result.missingPrivileges && result.missingPrivileges.length > 0 && (
            <List size="sm" spacing={2} data-testid="conn-test-missing">
              {result.missingPrivileges.map((m) => (
                <List.Item key={m}>
                  <span className="mono">{m}</span>
                </List.Item>
              ))}
            </List>
          )}
          {(result.tlsVersion || result.serverVersion) && (
            <Group gap="xs">
              {result.tlsVersion && (
                <Badge size="sm" variant="light" color="teal" tt="none" data-testid="conn-test-tls">
                  {result.tlsVersion} · {result.tlsCipher ?? 'cipher unknown'}
                </Badge>
              )}
              {result.serverVersion && (
                <Badge size="sm" variant="outline" color="gray" tt="none">
                  {result.serverVersion}
                </Badge>
              )}
              {result.elapsedMs !== undefined && (
                <Text size="xs" c="dimmed">
                  {result.elapsedMs} ms
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </Alert>
      {result.warnings && result.warnings.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Worth fixing" data-testid="conn-test-warnings">
          <List size="sm" spacing={4}>
            {result.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
