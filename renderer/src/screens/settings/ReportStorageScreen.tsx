import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useState, type ChangeEvent } from 'react';
import { s3SettingsSchema, type S3Settings } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { ErrorView, LoadingView } from '../../components/StateViews';

type Form = { bucket: string; prefix: string; region: string; encryption: S3Settings['encryption']; kmsKeyId: string; endpoint: string };
type Errors = Partial<Record<keyof Form, string>>;

const EMPTY: Form = { bucket: '', prefix: 'reports/', region: 'eu-central-1', encryption: 'AES256', kmsKeyId: '', endpoint: '' };

function formOf(s: S3Settings): Form {
  return { bucket: s.bucket, prefix: s.prefix, region: s.region, encryption: s.encryption, kmsKeyId: s.kmsKeyId ?? '', endpoint: s.endpoint ?? '' };
}

function issuesOf(issues: readonly { path: readonly PropertyKey[] | string; message: string }[]): Errors {
  const out: Errors = {};
  for (const i of issues) {
    const key = String(Array.isArray(i.path) ? i.path[0] : String(i.path).split('.')[0]) as keyof Form;
    out[key] ??= i.message;
  }
  return out;
}

/**
 * Settings → Report storage: the one place the S3 bucket, prefix, region and encryption of generated
 * reports are set (administrators). Checked here and again by the server with the same rules; every
 * change is audited with the settings before and after. No credential field: the AWS chain provides them.
 */
export function ReportStorageScreen() {
  const current = useApiQuery('settings.reportStorage.get', {});
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  useEffect(() => {
    if (current.data?.settings) setForm(formOf(current.data.settings));
  }, [current.data]);
  const save = useApiMutation('settings.reportStorage.set', {
    onSuccess: (r) => {
      setErrors({});
      notifications.show({
        color: 'teal',
        message: r.changed ? `Reports are stored in s3://${r.settings.bucket}/${r.settings.prefix} (${r.settings.region}); the change is in the audit log.` : 'Nothing changed.',
      });
    },
    onError: (e) => {
      if (e instanceof AppError && e.issues?.length) setErrors(issuesOf(e.issues));
      notifications.show({ color: 'red', title: 'Report storage not saved', message: errorMessage(e) });
    },
  });
  if (current.isPending) return <LoadingView label="Loading the report storage settings…" />;
  if (current.error) return <ErrorView message={errorMessage(current.error)} onRetry={() => void current.refetch()} />;

  const submit = (): void => {
    const parsed = s3SettingsSchema.safeParse({ ...form, kmsKeyId: form.kmsKeyId || null, endpoint: form.endpoint || null });
    if (!parsed.success) {
      setErrors(issuesOf(parsed.error.issues));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  };
  const field = (k: keyof Form) => ({ value: form[k], error: errors[k], onChange: (e: ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.currentTarget.value }) });

  return (
    <Stack gap="sm" data-testid="report-storage-screen">
      <PageHeader title="Report storage" description="Where generated reports are kept and shared: an Amazon S3 bucket, encrypted at rest." />
      <Alert color="blue" variant="light" icon={<IconLock size={16} />}>
        Credentials are never entered here: the AWS SDK finds them through the standard chain (an AWS profile or SSO sign-in, environment variables, an instance role). Every change
        is recorded in the audit log with the settings before and after.
      </Alert>
      {!current.data.settings && (
        <Text size="sm" c="dimmed" data-testid="storage-unset">
          Not set yet: reports are kept on each workstation only, and managers cannot store or share them.
        </Text>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Bucket" description="3–63 lower-case letters, digits, dots and hyphens" {...field('bucket')} data-testid="storage-bucket" />
          <TextInput label="Prefix" description="Folders ending in /, e.g. board-packs/ (or empty)" {...field('prefix')} data-testid="storage-prefix" />
          <TextInput label="Region" description="The bucket’s region, e.g. eu-central-1" {...field('region')} data-testid="storage-region" />
          <Select
            label="Server-side encryption"
            value={form.encryption}
            allowDeselect={false}
            data={[
              { value: 'AES256', label: 'SSE-S3 (keys managed by S3)' },
              { value: 'aws:kms', label: 'SSE-KMS (a KMS key)' },
            ]}
            onChange={(v) => setForm({ ...form, encryption: v === 'aws:kms' ? 'aws:kms' : 'AES256', kmsKeyId: v === 'aws:kms' ? form.kmsKeyId : '' })}
            data-testid="storage-encryption"
          />
          {form.encryption === 'aws:kms' && (
            <TextInput label="KMS key" description="Key id, alias/…, or a key or alias ARN in the bucket’s region" {...field('kmsKeyId')} data-testid="storage-kms-key" />
          )}
          <TextInput
            label="Endpoint (S3-compatible servers only)"
            description="Leave empty for Amazon S3"
            placeholder="https://minio.bank.internal:9000"
            {...field('endpoint')}
            data-testid="storage-endpoint"
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="md">
          <Button onClick={submit} loading={save.isPending} data-testid="storage-save">
            Save report storage
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
