import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import type { S3Settings } from '../../../../shared/contract';
import { useCan } from '../../state/session';

/** The route of Settings → Report storage (shell/routes REPORT_STORAGE_ROUTE; screens do not import the shell). */
const SETTINGS_ROUTE = 'settings/report-storage';

/**
 * Where reports go in S3, as the Reports screen shows it: read-only. The settings are edited in one
 * place, Settings → Report storage (administrators); credentials never appear anywhere, the AWS chain
 * (profile, SSO, environment) provides them.
 */
export function StoragePanel({ settings, outbox }: { settings: S3Settings | null; outbox: number }) {
  const canEdit = useCan('settings.manage');
  const where = settings ? `s3://${settings.bucket}/${settings.prefix}` : null;
  return (
    <Paper withBorder p="sm" data-testid="report-storage">
      <Group justify="space-between">
        <Title order={5}>Report storage (Amazon S3)</Title>
        {outbox > 0 && (
          <Text size="xs" c="orange" data-testid="report-outbox">
            {outbox} waiting in the outbox
          </Text>
        )}
      </Group>
      {where && settings ? (
        <Text size="sm" data-testid="report-storage-where">
          Reports are stored in <strong>{where}</strong> ({settings.region}), encrypted with{' '}
          {settings.encryption === 'aws:kms' ? `the KMS key ${settings.kmsKeyId ?? ''}` : 'SSE-S3'}
          {settings.endpoint ? ` through ${settings.endpoint}` : ''}.
        </Text>
      ) : (
        <Text size="sm" c="dimmed" data-testid="report-storage-where">
          Not set up: reports stay on this workstation until an administrator sets the S3 bucket.
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        Credentials come from your AWS sign-in (profile, SSO or environment), never typed into the app.{' '}
        {canEdit ? (
          <Anchor href={`#/${SETTINGS_ROUTE}`} size="xs" data-testid="report-storage-settings-link">
            Change in Settings → Report storage
          </Anchor>
        ) : (
          'An administrator changes it under Settings → Report storage.'
        )}
      </Text>
    </Paper>
  );
}
