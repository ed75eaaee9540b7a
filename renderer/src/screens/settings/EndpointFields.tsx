import { Group, NumberInput, TextInput } from '@mantine/core';
import { Controller, type Control, type UseFormRegister } from 'react-hook-form';
import { numberOrUndefined, type DraftInput, type DraftOutput } from './connection-values';

interface Props {
  control: Control<DraftInput, unknown, DraftOutput>;
  register: UseFormRegister<DraftInput>;
  /** The writer endpoint (host, port) or the optional read replica (readerHost, readerPort). */
  endpoint: 'primary' | 'reader';
  errors: { host?: string | undefined; port?: string | undefined };
}

const FIELDS = {
  primary: {
    host: { name: 'host', label: 'Host', placeholder: 'bank.cluster-abc.eu-west-1.rds.amazonaws.com', testId: 'conn-host' },
    port: { name: 'port', label: 'Port', testId: 'conn-port' },
  },
  reader: {
    host: {
      name: 'readerHost',
      label: 'Reader endpoint',
      description: 'Read replica or Aurora reader: sync and reports read there; operations use the host above',
      testId: 'conn-reader-host',
    },
    port: { name: 'readerPort', label: 'Reader port', description: "Same as the host's when empty", testId: 'conn-reader-port' },
  },
} as const;

/** A host and its TCP port on one row, the host wider. */
export function EndpointFields({ control, register, endpoint, errors }: Props) {
  const { host, port } = FIELDS[endpoint];
  return (
    <Group grow align="flex-start">
      <TextInput
        label={host.label}
        description={'description' in host ? host.description : undefined}
        placeholder={'placeholder' in host ? host.placeholder : undefined}
        autoComplete="off"
        error={errors.host}
        data-testid={host.testId}
        {...register(host.name)}
        style={{ flexGrow: 3 }}
      />
      <Controller
        control={control}
        name={port.name}
        render={({ field }) => (
          <NumberInput
            label={port.label}
            description={'description' in port ? port.description : undefined}
            min={1}
            max={65535}
            allowDecimal={false}
            value={field.value ?? ''}
            onChange={(v) => field.onChange(numberOrUndefined(v))}
            onBlur={field.onBlur}
            error={errors.port}
            data-testid={port.testId}
          />
        )}
      />
    </Group>
  );
}
