import { Alert, Checkbox, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { Controller, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { TLS_MODE_LABELS, TLS_MODES, type TlsMode } from '../../../../shared/contract';
import type { DraftInput, DraftOutput } from './connection-values';

const TLS_OPTIONS = TLS_MODES.map((m) => ({ value: m, label: TLS_MODE_LABELS[m] }));

function isTlsMode(v: string | null): v is TlsMode {
  return v !== null && (TLS_MODES as readonly string[]).includes(v);
}

interface Props {
  control: Control<DraftInput, unknown, DraftOutput>;
  register: UseFormRegister<DraftInput>;
  errors: { mode?: string | undefined; caFile?: string | undefined; ack?: string | undefined };
}

/**
 * TLS is always on; the choice is only how the server is verified. Switching verification off is
 * shown in red and must be confirmed with a checkbox, which the server requires too.
 */
export function TlsFields({ control, register, errors }: Props) {
  const mode = useWatch({ control, name: 'tls.mode' });
  return (
    <Stack gap="xs">
      <Controller
        control={control}
        name="tls.mode"
        render={({ field }) => (
          <Select
            label="Server certificate"
            description="The connection is always encrypted (TLS). This decides how the server proves who it is."
            data={TLS_OPTIONS}
            allowDeselect={false}
            value={field.value}
            onChange={(v) => isTlsMode(v) && field.onChange(v)}
            onBlur={field.onBlur}
            error={errors.mode}
            data-testid="conn-tls-mode"
          />
        )}
      />
      {mode === 'verify-custom' && (
        <TextInput
          label="CA certificate file"
          description="Full path of the PEM file with the CA that signed the server's certificate"
          placeholder="/etc/ssl/certs/bank-ca.pem"
          autoComplete="off"
          error={errors.caFile}
          data-testid="conn-ca-file"
          {...register('tls.caFile')}
        />
      )}
      {mode === 'insecure-no-verify' && (
        <Alert color="red" variant="outline" icon={<IconAlertOctagon size={18} />} title="The server will not be verified" data-testid="conn-insecure-warning">
          <Stack gap="xs">
            <Text size="sm">
              The connection stays encrypted, but anyone between this computer and the database could pose as the server and collect the password and the bank data. Use this only
              for a test server you control.
            </Text>
            <Checkbox
              color="red"
              label="I understand: connect without verifying the server certificate"
              error={errors.ack}
              data-testid="conn-insecure-ack"
              {...register('insecureAcknowledged')}
            />
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
