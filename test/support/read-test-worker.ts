// A read worker for the pool's own tests: real SQLite work (a recursive count that takes as long as asked),
// typed failures, and a log of the jobs this thread ran, so a test can see which jobs never ran.
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/errors';
import { serveReadJobs } from '../../main/metrics/read-worker-serve';

export type TestJob = { op: 'count'; tag: string; upTo: number } | { op: 'ran' } | { op: 'fail'; code: 'NOT_FOUND' } | { op: 'crash' };

const db = new Database(':memory:');
const count = db.prepare('with recursive c(x) as (select 1 union all select x + 1 from c where x < ?) select count(*) as n from c');
const ran: string[] = [];

serveReadJobs<TestJob>(async (job) => {
  switch (job.op) {
    case 'count':
      ran.push(job.tag);
      return { tag: job.tag, n: (count.get(job.upTo) as { n: number }).n };
    case 'ran':
      return ran;
    case 'fail':
      throw new AppError(job.code, 'There is no such thing.');
    case 'crash':
      process.exit(3);
  }
});
