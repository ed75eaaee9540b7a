import S3rver from 's3rver';
import type { AddressInfo } from 'node:net';
import { tempDir } from './temp';

/**
 * A real S3-protocol server (s3rver) on a free loopback port, with its own folder and bucket, for
 * one test file. It speaks the S3 REST API and refuses expired presigned links; it does not check
 * signatures otherwise. The AWS SDK finds its credentials through the standard chain (environment),
 * as it would on a desktop; the instance-metadata lookup is switched off so nothing leaves the machine.
 */
export async function startS3(bucket: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const dir = tempDir('s3rver-');
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir.path, configureBuckets: [{ name: bucket, configs: [] }] });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async close() {
      await server.close();
      dir.remove();
    },
  };
}
