import { Alert, Checkbox, Stack, Text } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { TLS_MODE_LABELS, TLS_MODES } from '../../../../shared/contract';
import { bindField, SelectField, TextField } from '../../components/form/bound-fields';
import type { DraftInput, DraftOutput } from './connection-values';

const TLS_OPTIONS = TLS_MODES.map((m) => ({ value: m, label: TLS_MODE_LABELS[m] }));

interface Props {
  form: UseFormReturn<DraftInput, unknown, DraftOutput>;
}

/**
 * TLS is always on; the choice is only how the server is verified. Switching verification off is
 * shown in red and must be confirmed with a checkbox, which the server requires too.
 */
export function TlsFields({ form }: Props) {
  const mode = useWatch({ control: form.control, name: 'tls.mode' });
  return (
    <Stack gap="xs">
      <SelectField
        form={form}
        name="tls.mode"
        label="Server certificate"
        description="The connection is always encrypted (TLS). This decides how the server proves who it is."
        data={TLS_OPTIONS}
        data-testid="conn-tls-mode"
      />
      {mode === 'verify-custom' && (
        <TextField
          form={form}
          name="tls.caFile"
          label="CA certificate file"
          description="Full path of the PEM file with the CA that signed the server's certificate"
          placeholder="/etc/ssl/certs/bank-ca.pem"
          autoComplete="off"
          data-testid="conn-ca-file"
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
              data-testid="conn-insecure-ack"
              {...bindField({ form, name: 'insecureAcknowledged' })}
            />
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
