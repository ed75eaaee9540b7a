import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudOff, IconRefresh } from '@tabler/icons-react';
import type { Refusal } from './refusal';

/** A refused or failed operation, explained; "Try again" only where repeating the same request can help. */
export function RefusalAlert({ refusal, onRetry, retrying }: { refusal: Refusal; onRetry?: () => void; retrying?: boolean }) {
  const offline = refusal.code === 'OFFLINE';
  return (
    <Alert
      color={offline ? 'orange' : 'red'}
      variant="light"
      title={refusal.title}
      icon={offline ? <IconCloudOff size={18} /> : <IconAlertTriangle size={18} />}
      data-testid="refusal"
      data-code={refusal.code}
      role="alert"
    >
      <Stack gap={6} align="flex-start">
        <Text size="sm">{refusal.explanation}</Text>
        {refusal.detail && (
          <Text size="xs" c="dimmed" data-testid="refusal-detail">
            The bank said: {refusal.detail}
          </Text>
        )}
        {refusal.retryable && onRetry && (
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRetry} loading={retrying} data-testid="refusal-retry">
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
