import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where this code runs from: the CommonJS bundle (Electron main) has __dirname; ESM (CLI bundle, tsx) has import.meta. */
function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/**
 * The PDFs' font (DejaVu, from the dejavu-fonts-ttf package): it covers Czech and other Latin-extended
 * names, which the PDF standard fonts cannot print. One font for statements and reports alike.
 */
export function fontFile(name: 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf' | 'DejaVuSans-ExtraLight.ttf'): string {
  return createRequire(join(moduleDir(), 'index.js')).resolve(`dejavu-fonts-ttf/ttf/${name}`);
}
