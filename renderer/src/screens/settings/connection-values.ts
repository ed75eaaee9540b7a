import type { z } from 'zod';
import { connectionDraftSchema, type ConnectionProfile, type ConnectionTestCause } from '../../../../shared/contract';

/** The Settings form validates with exactly the schema the server checks connections.save with. */
export const draftSchema = connectionDraftSchema;
export type DraftInput = z.input<typeof draftSchema>;
export type DraftOutput = z.output<typeof draftSchema>;

export const NEW_CONNECTION: DraftInput = {
  name: '',
  host: '',
  port: 3306,
  database: '',
  user: '',
  auth: 'password',
  awsRegion: '',
  tls: { mode: 'verify-rds', caFile: '' },
  readerHost: '',
  readerPort: undefined,
  poolSize: 10,
  password: '',
  insecureAcknowledged: false,
};

/**
 * An existing profile as form values. The password is never sent to the page, so the field starts
 * empty ("leave empty to keep"); turning verification off must be confirmed again on every save.
 */
export function valuesOf(p: ConnectionProfile): DraftInput {
  return {
    id: p.id,
    name: p.name,
    host: p.host,
    port: p.port,
    database: p.database,
    user: p.user,
    auth: p.auth,
    awsRegion: p.awsRegion ?? '',
    tls: { mode: p.tls.mode, caFile: p.tls.caFile ?? '' },
    readerHost: p.readerHost ?? '',
    readerPort: p.readerPort,
    poolSize: p.poolSize,
    password: '',
    insecureAcknowledged: false,
  };
}

export const CAUSE_LABELS: Record<ConnectionTestCause, string> = {
  wrong_password: 'Wrong user or password',
  tls: 'TLS / certificate problem',
  unreachable: 'Server unreachable',
  timeout: 'No answer (timeout)',
  privileges: 'Missing privileges',
  unknown_database: 'Unknown database',
  other: 'Could not connect',
};

export function endpointText(p: Pick<ConnectionProfile, 'host' | 'port' | 'database'>): string {
  return `${p.host}:${p.port}/${p.database}`;
}

/** Mantine's NumberInput reports '' for an empty field: the schema should see "absent", not 0. */
export function numberOrUndefined(v: string | number): number | undefined {
  if (v === '' || v === null) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}
