import { Button, Group, Paper, Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { s3SettingsSchema, type S3Settings } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';

type Form = { bucket: string; prefix: string; region: string; encryption: S3Settings['encryption']; kmsKeyId: string; endpoint: string };

const empty: Form = { bucket: '', prefix: 'reports/', region: 'eu-central-1', encryption: 'AES256', kmsKeyId: '', endpoint: '' };

/** Where reports go in S3. Credentials are never typed here: the AWS chain (profile, SSO, environment) provides them. */
export function StoragePanel({ settings, outbox, readOnly }: { settings: S3Settings | null; outbox: number; readOnly: boolean }) {
  const [form, setForm] = useState<Form>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof Form, string>>>({});
  useEffect(() => {
    if (settings)
      setForm({
        bucket: settings.bucket,
        prefix: settings.prefix,
        region: settings.region,
        encryption: settings.encryption,
        kmsKeyId: settings.kmsKeyId ?? '',
        endpoint: settings.endpoint ?? '',
      });
  }, [settings]);
  const save = useApiMutation('reports.storage.set', {
    onSuccess: (s) => notifications.show({ color: 'teal', message: `Reports are stored in s3://${s.bucket}/${s.prefix} (${s.region}).` }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) }),
  });
  const submit = (): void => {
    const parsed = s3SettingsSchema.safeParse({ ...form, kmsKeyId: form.kmsKeyId || null, endpoint: form.endpoint || null });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };
  const field = (k: keyof Form) => ({
    value: form[k],
    error: errors[k],
    readOnly,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.currentTarget.value }),
  });
  return (
    <Paper withBorder p="sm" data-testid="report-storage">
      <Group justify="space-between">
        <Title order={5}>Report storage (Amazon S3)</Title>
        {outbox > 0 && (
          <Text size="xs" c="orange">
            {outbox} waiting in the outbox
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb={6}>
        Credentials come from your AWS sign-in (profile, SSO or environment) — never typed here. Files are encrypted at rest.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <TextInput label="Bucket" {...field('bucket')} data-testid="storage-bucket" />
        <TextInput label="Prefix" {...field('prefix')} data-testid="storage-prefix" />
        <TextInput label="Region" {...field('region')} data-testid="storage-region" />
        <Select
          label="Encryption"
          readOnly={readOnly}
          value={form.encryption}
          allowDeselect={false}
          data={[
            { value: 'AES256', label: 'SSE-S3 (AES-256)' },
            { value: 'aws:kms', label: 'SSE-KMS (a KMS key)' },
          ]}
          onChange={(v) => setForm({ ...form, encryption: v === 'aws:kms' ? 'aws:kms' : 'AES256' })}
        />
        {form.encryption === 'aws:kms' && <TextInput label="KMS key id or ARN" {...field('kmsKeyId')} />}
        <TextInput
          label="Endpoint (S3-compatible only)"
          placeholder="AWS: leave empty"
          {...field('endpoint')}
          data-testid="storage-endpoint"
        />
      </SimpleGrid>
      {!readOnly && (
        <Group justify="flex-end" mt="xs">
          <Button size="xs" onClick={submit} loading={save.isPending} data-testid="storage-save">
            Save storage
          </Button>
        </Group>
      )}
    </Paper>
  );
}
