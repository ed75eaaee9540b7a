import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { reportEntrySchema, reportResultSchema, s3SettingsSchema, type ReportEntry, type ReportResult, type S3Settings } from '../../shared/contract';
import { AppError } from '../../shared/errors';

/**
 * Reports generated on this workstation: one index (definition, period, author, as-of, upload state)
 * and one result model file per report, in the data dir (folder 0700, files 0600). They are the
 * user's work products rather than the bank's data, must be there offline, and are shared through S3;
 * so they live beside the cache, not in the bank. Files are written whole through a temporary file and
 * read back through the contract's schemas.
 */
const indexSchema = z.array(reportEntrySchema);
const MAX_REPORTS = 500;

export class ReportHistory {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'reports');
  }

  private async readJson(file: string): Promise<unknown> {
    try {
      return JSON.parse(await readFile(join(this.dir, file), 'utf8')) as unknown;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  private async writeJson(file: string, value: unknown): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = join(this.dir, `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    await writeFile(tmp, JSON.stringify(value), { mode: 0o600 });
    await rename(tmp, join(this.dir, file));
  }

  /** One write at a time: two reports finishing together must both stay in the index. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async list(): Promise<ReportEntry[]> {
    const parsed = indexSchema.safeParse(await this.readJson('history.json'));
    return parsed.success ? parsed.data.sort((a, b) => b.generatedAt - a.generatedAt) : [];
  }

  async entry(id: string): Promise<ReportEntry> {
    const e = (await this.list()).find((x) => x.id === id);
    if (!e) throw new AppError('NOT_FOUND', 'That report is not in this workstation’s history.');
    return e;
  }

  async result(id: string): Promise<ReportResult> {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('VALIDATION', 'Not a report id.');
    const parsed = reportResultSchema.safeParse(await this.readJson(`${id}.json`));
    if (!parsed.success) throw new AppError('NOT_FOUND', 'That report’s figures are missing from this workstation.');
    return parsed.data;
  }

  add(entry: ReportEntry, result: ReportResult): Promise<ReportEntry> {
    return this.serial(async () => {
      await this.writeJson(`${entry.id}.json`, result);
      const all = await this.list();
      const kept = [entry, ...all.filter((x) => x.id !== entry.id)];
      for (const old of kept.slice(MAX_REPORTS)) await rm(join(this.dir, `${old.id}.json`), { force: true });
      await this.writeJson('history.json', kept.slice(0, MAX_REPORTS));
      return entry;
    });
  }

  update(id: string, change: (e: ReportEntry) => ReportEntry): Promise<ReportEntry> {
    return this.serial(async () => {
      const all = await this.list();
      const at = all.findIndex((x) => x.id === id);
      const current = all[at];
      if (!current) throw new AppError('NOT_FOUND', 'That report is not in this workstation’s history.');
      const next = change(current);
      all[at] = next;
      await this.writeJson('history.json', all);
      return next;
    });
  }

  async storage(): Promise<S3Settings | null> {
    const parsed = s3SettingsSchema.safeParse(await this.readJson('storage.json'));
    return parsed.success ? parsed.data : null;
  }

  setStorage(s: S3Settings): Promise<S3Settings> {
    return this.serial(async () => {
      await this.writeJson('storage.json', s);
      return s;
    });
  }
}
