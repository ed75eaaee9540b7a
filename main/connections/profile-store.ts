import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { connectionProfileSchema } from '../../shared/contract';

/** A profile as kept on disk: the public fields plus the password sealed by the SecretStore. */
export const storedProfileSchema = connectionProfileSchema.omit({ hasPassword: true }).extend({ sealedPassword: z.string().optional() });
export type StoredProfile = z.infer<typeof storedProfileSchema>;

const sectionSchema = z.object({ activeId: z.string().nullable().default(null), profiles: z.array(storedProfileSchema).default([]) });
type Section = z.infer<typeof sectionSchema>;

/**
 * The `connections` section of settings.json in the data dir. Every call reads the file afresh (the
 * CLI may change it while the app runs) and writes it whole through a temp file, fsync and rename,
 * so a crash leaves the old file or the new one, never half of one. Other sections are kept as
 * they are: this store owns only its key.
 */
export class ConnectionStore {
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  private readAll(): Record<string, unknown> {
    if (!existsSync(this.file)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (e) {
      // Never overwrite a damaged file with defaults: that would silently drop every profile.
      throw new Error(`Settings file ${this.file} is damaged (${e instanceof Error ? e.message : String(e)}); fix or remove it.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`Settings file ${this.file} is damaged (not a JSON object); fix or remove it.`);
    return parsed as Record<string, unknown>;
  }

  private section(all: Record<string, unknown>): Section {
    const res = sectionSchema.safeParse(all.connections ?? {});
    if (!res.success) throw new Error(`The connections in ${this.file} are damaged (${res.error.issues[0]?.message ?? 'invalid'}); fix or remove that section.`);
    return res.data;
  }

  private write(all: Record<string, unknown>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(all, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(tmp, this.file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  private update(change: (s: Section) => Section): Section {
    const all = this.readAll();
    const next = change(this.section(all));
    this.write({ ...all, connections: next });
    return next;
  }

  list(): StoredProfile[] {
    return this.section(this.readAll()).profiles;
  }

  get(id: string): StoredProfile | undefined {
    return this.list().find((p) => p.id === id);
  }

  activeId(): string | null {
    return this.section(this.readAll()).activeId;
  }

  /** The active profile, or null for the embedded demo bank (also when the id points nowhere). */
  active(): StoredProfile | null {
    const s = this.section(this.readAll());
    return s.profiles.find((p) => p.id === s.activeId) ?? null;
  }

  upsert(profile: StoredProfile): void {
    this.update((s) => {
      const i = s.profiles.findIndex((p) => p.id === profile.id);
      const profiles = [...s.profiles];
      if (i >= 0) profiles[i] = profile;
      else profiles.push(profile);
      return { ...s, profiles };
    });
  }

  remove(id: string): boolean {
    let found = false;
    this.update((s) => {
      found = s.profiles.some((p) => p.id === id);
      return { ...s, profiles: s.profiles.filter((p) => p.id !== id), activeId: s.activeId === id ? null : s.activeId };
    });
    return found;
  }

  setActive(id: string | null): void {
    this.update((s) => {
      if (id !== null && !s.profiles.some((p) => p.id === id)) throw new Error(`No connection profile ${id}`);
      return { ...s, activeId: id };
    });
  }
}
