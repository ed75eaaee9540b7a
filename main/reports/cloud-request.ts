import { z } from 'zod';
import { reportDefinitionSchema } from '../../shared/report-definition';
import type { S3Settings } from '../../shared/contract';

/**
 * A desktop asks for a report to be built "in the cloud" by writing a request object to S3
 * (`<prefix>requests/<id>.json`); S3 invokes the Lambda worker for it, which writes the report's files
 * and then `<prefix>requests/<id>.status.json`, which the desktop polls. Nothing but S3 is needed on
 * either side, and a request survives the desktop being closed meanwhile.
 */
export const cloudRequestSchema = z.object({ requestId: z.string().uuid(), definition: reportDefinitionSchema, author: z.string().min(1).max(200), requestedAt: z.number().int() });
export type CloudRequest = z.infer<typeof cloudRequestSchema>;

export const cloudStatusSchema = z.object({
  requestId: z.string().uuid(),
  state: z.enum(['done', 'failed']),
  message: z.string().nullable(),
  reportId: z.string().uuid().nullable(),
  keys: z.record(z.string(), z.string()),
});
export type CloudStatus = z.infer<typeof cloudStatusSchema>;

export const requestKey = (s: Pick<S3Settings, 'prefix'>, id: string): string => `${s.prefix}requests/${id}.json`;
export const statusKey = (s: Pick<S3Settings, 'prefix'>, id: string): string => `${s.prefix}requests/${id}.status.json`;
