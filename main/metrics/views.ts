import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { savedViewSchema, type MetricQuery, type SavedView } from '../../shared/contract';
import { AppError } from '../../shared/errors';

/**
 * Saved explorer views live on the workstation, per user: they are preferences, must work offline,
 * and are not the bank's data. One JSON file, written whole through a temporary file so a crash
 * never leaves half a file; read back through the contract's schema, never trusted as stored.
 */
const fileSchema = z.record(z.string(), z.array(savedViewSchema));
const MAX_VIEWS = 200;

export class SavedViews {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  static inDataDir(dataDir: string): SavedViews {
    return new SavedViews(join(dataDir, 'explore-views.json'));
  }

  private async read(): Promise<Record<string, SavedView[]>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw e;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  }

  private async write(all: Record<string, SavedView[]>): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
    await rename(tmp, this.file);
  }

  /** Writes one after another: two saves at once must not lose either. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async list(user: string): Promise<SavedView[]> {
    return (await this.read())[user] ?? [];
  }

  save(user: string, input: { id?: string; name: string; query: MetricQuery }, now: number): Promise<SavedView> {
    return this.serial(async () => {
      const all = await this.read();
      const mine = all[user] ?? [];
      const existing = input.id ? mine.find((v) => v.id === input.id) : undefined;
      if (input.id && !existing) throw new AppError('NOT_FOUND', 'That saved view no longer exists; save it as a new view.');
      const clash = mine.find((v) => v.name.toLowerCase() === input.name.toLowerCase() && v.id !== input.id);
      if (clash) throw new AppError('CONFLICT', `You already have a view called “${clash.name}”. Choose another name or open that view to change it.`);
      if (!existing && mine.length >= MAX_VIEWS) throw new AppError('VALIDATION', `You have ${MAX_VIEWS} saved views; delete some before saving more.`);
      const view: SavedView = { id: existing?.id ?? randomUUID(), name: input.name, query: input.query, createdAt: existing?.createdAt ?? now };
      all[user] = existing ? mine.map((v) => (v.id === view.id ? view : v)) : [...mine, view];
      await this.write(all);
      return view;
    });
  }

  delete(user: string, id: string): Promise<boolean> {
    return this.serial(async () => {
      const all = await this.read();
      const mine = all[user] ?? [];
      if (!mine.some((v) => v.id === id)) return false;
      all[user] = mine.filter((v) => v.id !== id);
      await this.write(all);
      return true;
    });
  }
}
