// Prints the database users script for a database name: npm run infra:db-users -- --database NAME
import { parseArgs } from 'node:util';
import { dbUsersScript } from './db-users';

const { values } = parseArgs({ options: { database: { type: 'string', default: 'cloudbank' } } });
process.stdout.write(dbUsersScript(values.database ?? 'cloudbank'));
