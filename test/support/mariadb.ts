import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/** The MariaDB server on this machine (root, empty password) unless CLOUDBANK_TEST_MYSQL says otherwise. */
export const MYSQL_SERVER = process.env.CLOUDBANK_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';

/** A fresh, uniquely named database for one test file; drop() removes it. */
export async function freshDatabase(prefix = 'cbtest'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const conn = await createConnection(MYSQL_SERVER);
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    url: `${MYSQL_SERVER.replace(/\/$/, '')}/${name}`,
    name,
    async drop() {
      const c = await createConnection(MYSQL_SERVER);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
