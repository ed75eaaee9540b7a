import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LINUX_SIZES, makeIcons, type IconFiles } from '../../resources/make-icons';
import { tempDir } from '../support/temp';

// The Electron binary cannot be downloaded here, so no installer is built: these tests check the
// packaging configuration with electron-builder's own validator and prove that every file the
// packaged app loads at run time is packed (and unpacked where a worker thread needs it).

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
type Config = {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  publish: { provider: string; url: string };
  win: { target: { target: string }[]; icon: string };
  nsis: Record<string, unknown>;
  mac: { target: { target: string }[]; icon: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize: boolean };
  linux: { target: string[]; icon: string };
};
const yamlText = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
const config = parse(yamlText) as Config;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; bin: Record<string, string>; dependencies: Record<string, string> };

/** What electron-builder packs from the project: `files` globs, with "!" exclusions. */
function packed(file: string): boolean {
  let inside = false;
  for (const g of config.files) {
    if (g.startsWith('!')) {
      if (minimatch(file, g.slice(1), { dot: true })) inside = false;
    } else if (minimatch(file, g, { dot: true })) inside = true;
  }
  return inside;
}
const unpacked = (file: string): boolean => config.asarUnpack.some((g) => minimatch(file, g, { dot: true }));

/** The bundles scripts/build-main.mjs writes, read from the script itself so the two cannot drift. */
function buildMainOutputs(): { entry: string; outfile: string }[] {
  const text = readFileSync(join(ROOT, 'scripts/build-main.mjs'), 'utf8');
  return [...text.matchAll(/entryPoints: \['([^']+)'\],\s*outfile: '([^']+)'/g)].map((m) => ({ entry: m[1] ?? '', outfile: m[2] ?? '' }));
}

/** Packages a bundle loads from node_modules at run time (build-main keeps packages external). */
async function externalPackages(entry: string, external: string[] = []): Promise<string[]> {
  const r = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    external,
    write: false,
    outdir: join(ROOT, '.unused'),
    metafile: true,
    logLevel: 'silent',
  });
  const names = new Set<string>();
  for (const o of Object.values(r.metafile.outputs)) {
    for (const i of o.imports) {
      if (!i.external || i.path.startsWith('node:') || !/^[@a-z]/.test(i.path)) continue;
      names.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : (i.path.split('/')[0] ?? i.path));
    }
  }
  return [...names].sort();
}

/**
 * Dependencies a package declares only for `npm install` (fetching a prebuilt binary), which its code
 * never requires; the test below proves that by reading the code.
 */
const INSTALL_TIME_ONLY: Record<string, string[]> = { 'better-sqlite3-multiple-ciphers': ['prebuild-install'] };

/** node_modules folders a package needs at run time, as Node resolves them (nested copies included). */
function dependencyClosure(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    let pkgJson: string | null = null;
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(candidate)) {
        pkgJson = candidate;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    if (!pkgJson) return; // an optional dependency for another platform
    const folder = dirname(pkgJson);
    const rel = folder.slice(ROOT.length + 1);
    if (seen.has(rel)) return;
    seen.add(rel);
    const p = JSON.parse(readFileSync(pkgJson, 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    const skip = INSTALL_TIME_ONLY[name] ?? [];
    for (const d of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) if (!skip.includes(d)) visit(d, folder);
  };
  for (const n of names) visit(n, ROOT);
  return [...seen].sort();
}

describe('electron-builder.yml', () => {
  it('is a valid configuration for electron-builder 26 (its own schema)', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig: (dir: string, file: string, x: null) => Promise<object>;
      validateConfiguration: (c: object, l: object) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => object };
    const loaded = await getConfig(ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    // The validator has teeth: an unknown Windows option is refused.
    await expect(validateConfiguration({ ...loaded, win: { target: 'nsis', perMachin: false } }, new DebugLogger(false))).rejects.toThrow(/configuration\.win/);
  });

  it('names the app and installs per user on Windows (NSIS, no elevation)', () => {
    expect(config.appId).toBe('com.cloudbank.analytics');
    expect(config.productName).toBe('CloudBank Analytics');
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
  });

  it('signs macOS builds with the hardened runtime and minimal entitlements, notarised with credentials from the environment', () => {
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    for (const f of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const plist = readFileSync(join(ROOT, f), 'utf8');
      expect(plist).toMatch(/^<\?xml[\s\S]*<plist version="1.0">/);
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    }
    // No signing or notarisation secret is ever written into the file.
    expect(yamlText).not.toMatch(/APPLE_APP_SPECIFIC_PASSWORD:|CSC_KEY_PASSWORD:|password:\s*\S|appleIdPassword/i);
  });

  it('builds AppImage and deb on Linux, rebuilds native modules for Electron, updates from the release URL', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.publish).toMatchObject({ provider: 'generic', url: '${env.CLOUDBANK_UPDATE_URL}' });
    expect(pkg.dependencies['electron-updater']).toBeDefined();
  });
});

describe('icons from one source (resources/icon.svg)', () => {
  const dir = tempDir('cbicons-');
  let icons: IconFiles;
  beforeAll(() => {
    icons = makeIcons(dir.path);
  }, 60_000);
  afterAll(() => dir.remove());

  const pngSize = (file: string): [number, number] => {
    const b = readFileSync(file);
    expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
    return [b.readUInt32BE(16), b.readUInt32BE(20)];
  };

  it('renders every Linux size and the 1024 master as PNG', () => {
    expect(pngSize(icons.png)).toEqual([1024, 1024]);
    expect(icons.linux.map(pngSize)).toEqual(LINUX_SIZES.map((s) => [s, s]));
  });

  it('packs a Windows ICO with 16 to 256 pixel images', () => {
    const b = readFileSync(icons.ico);
    expect(b.readUInt16LE(2)).toBe(1);
    const count = b.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => b.readUInt8(6 + i * 16) || 256).sort((x, y) => x - y);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('packs a macOS ICNS with retina sizes', () => {
    const b = readFileSync(icons.icns);
    expect(b.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(b.readUInt32BE(4)).toBe(b.length);
    const types: string[] = [];
    for (let off = 8; off < b.length; off += b.readUInt32BE(off + 4)) types.push(b.subarray(off, off + 4).toString('latin1'));
    expect(types).toEqual(expect.arrayContaining(['ic10', 'ic09', 'ic08', 'ic07']));
  });

  it('the configuration points at the files `npm run icons` writes, under buildResources', () => {
    const res = join(ROOT, config.directories.buildResources);
    expect(join(res, config.win.icon)).toBe(join(ROOT, 'resources/icons/icon.ico'));
    expect(join(res, config.mac.icon)).toBe(join(ROOT, 'resources/icons/icon.icns'));
    expect(join(res, config.linux.icon)).toBe(join(ROOT, 'resources/icons/png'));
  });
});

describe('every file the packaged app loads at run time is packed', () => {
  const outputs = buildMainOutputs();

  it('finds the bundles scripts/build-main.mjs emits', () => {
    expect(outputs.map((o) => o.outfile).sort()).toEqual([
      'dist/cache-worker.mjs',
      'dist/cli.mjs',
      'dist/electron/main.cjs',
      'dist/fraud-page-worker.mjs',
      'dist/metrics-read-worker.mjs',
      'dist/preload/preload.cjs',
    ]);
  });

  it('each bundle, the renderer (vite) and package.json "main" are in `files`', () => {
    for (const o of outputs) expect(packed(o.outfile), o.outfile).toBe(true);
    expect(packed(pkg.main)).toBe(true);
    expect(packed('dist/renderer/index.html')).toBe(true);
    expect(packed('dist/renderer/assets/index-abc123.js')).toBe(true);
    expect(packed('package.json')).toBe(true);
    // Source maps stay out of installers; nothing outside dist/ is shipped by accident.
    expect(packed('dist/electron/main.cjs.map')).toBe(false);
    expect(packed('main/electron/main.ts')).toBe(false);
  });

  it('the worker-thread scripts are unpacked', () => {
    for (const o of outputs.filter((x) => /worker\.mjs$/.test(x.outfile))) expect(unpacked(o.outfile), o.outfile).toBe(true);
  });

  it('every package the worker threads import, and everything those need, is unpacked beside them', async () => {
    const workers = outputs.filter((x) => /worker\.mjs$/.test(x.outfile));
    const direct = [...new Set((await Promise.all(workers.map((w) => externalPackages(w.entry)))).flat())];
    expect(direct).toEqual(expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'mysql2', 'kysely']));
    const closure = dependencyClosure(direct);
    const missing = closure.filter((folder) => !unpacked(`${folder}/package.json`));
    expect(missing).toEqual([]);
  }, 60_000);

  it('install-time-only dependencies are never required by their package at run time', () => {
    for (const [name, deps] of Object.entries(INSTALL_TIME_ONLY)) {
      const lib = join(ROOT, 'node_modules', name, 'lib');
      const code = readdirSync(lib, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(lib, f), 'utf8'))
        .join('\n');
      expect(code).toMatch(/require\(['"]bindings['"]\)/);
      for (const d of deps) expect(code).not.toContain(d);
    }
  });

  it('every package any bundle imports is a production dependency (electron-builder packs only those)', async () => {
    const all = new Set<string>();
    for (const o of outputs) for (const p of await externalPackages(o.entry, ['electron'])) all.add(p);
    all.delete('electron');
    const notShipped = [...all].filter((p) => !(p in pkg.dependencies));
    expect(notShipped).toEqual([]);
  }, 60_000);
});
