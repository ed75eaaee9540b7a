import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../../infra/lib/bundle';
import { WORKERS, type WorkerSpec } from '../../infra/lib/workers';
import { tempDir } from '../support/temp';

// The Lambda bundles, loaded by a plain Node process from a folder with no node_modules anywhere
// above it: what the Lambda runtime does with the zip. (AWS Lambda itself cannot run here.)

const dir = tempDir('cbbundle-');
const shipped = (w: WorkerSpec): string => join(dir.path, 'shipped', w.id);

beforeAll(() => {
  for (const w of WORKERS) cpSync(bundleWorker(w, join(dir.path, 'built')), shipped(w), { recursive: true });
}, 120_000);
afterAll(() => dir.remove());

function runIn(folder: string, script: string): string {
  // No environment from this machine: no NODE_PATH, no AWS or CloudBank settings.
  return execFileSync(process.execPath, ['-e', script], { cwd: folder, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 60_000 });
}

describe('Lambda worker bundles', () => {
  it('nothing above the shipped folders could resolve a package', () => {
    for (let d = join(dir.path, 'shipped'); d !== '/'; d = join(d, '..')) expect(existsSync(join(d, 'node_modules')), d).toBe(false);
  });

  for (const w of WORKERS) {
    it(`${w.id}: loads with every dependency inside and exports handler`, () => {
      expect(runIn(shipped(w), "process.stdout.write(typeof require('./index.js').handler)")).toBe('function');
      // The desktop's native SQLite module is never required by a worker bundle.
      expect(readFileSync(join(shipped(w), 'index.js'), 'utf8')).not.toMatch(/require\(["']better-sqlite3-multiple-ciphers["']\)/);
    });

    it(`${w.id}: without the stack's environment it says which settings are missing`, () => {
      const out = runIn(shipped(w), "require('./index.js').handler({}).then(() => console.log('ran'), (e) => console.log(e.message))");
      expect(out).toMatch(w.id === 'ReportWorker' ? /CLOUDBANK_REPORTS_BUCKET/ : /CLOUDBANK_DB_HOST/);
    });
  }

  it('ReportWorker: pdfkit’s standard fonts and the DejaVu fonts resolve from inside the bundle', () => {
    const w = WORKERS.find((x) => x.id === 'ReportWorker');
    if (!w) throw new Error('report worker not in WORKERS');
    const out = runIn(
      shipped(w),
      "const r = require('node:module').createRequire(require('node:path').join(process.cwd(), 'index.js'));" +
        "const f = r('#standard-fonts/Helvetica'); const ttf = r.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');" +
        "process.stdout.write(JSON.stringify({ font: f.name, ttf: ttf.startsWith(process.cwd()), icc: require('node:fs').existsSync('data/sRGB_IEC61966_2_1.icc') }))",
    );
    expect(JSON.parse(out)).toEqual({ font: 'Helvetica', ttf: true, icc: true });
  });
});
