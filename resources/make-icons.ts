// Makes every icon the installers need from resources/icon.svg: npm run icons.
//   icons/icon.png (1024), icons/png/<n>x<n>.png (Linux), icons/icon.icns (macOS), icons/icon.ico (Windows)
// SVG rendering: @resvg/resvg-js (no system libraries); ICNS/ICO packing: png2icons (pure JS).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

export const ICON_SOURCE = join(import.meta.dirname, 'icon.svg');
export const ICON_DIR = join(import.meta.dirname, 'icons');
/** The sizes Linux desktops look up (hicolor theme); 1024 is the master for ICNS and ICO. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

function render(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());
}

export interface IconFiles {
  png: string;
  icns: string;
  ico: string;
  linux: string[];
}

export function makeIcons(outDir = ICON_DIR, source = ICON_SOURCE): IconFiles {
  const svg = readFileSync(source, 'utf8');
  mkdirSync(join(outDir, 'png'), { recursive: true });
  const linux = LINUX_SIZES.map((size) => {
    const file = join(outDir, 'png', `${size}x${size}.png`);
    writeFileSync(file, render(svg, size));
    return file;
  });
  const master = render(svg, 1024);
  const png = join(outDir, 'icon.png');
  writeFileSync(png, master);
  // Small sizes are rendered from the vector by Windows/macOS packers' own scaling: bicubic keeps edges crisp.
  const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true);
  if (!icns || !ico) throw new Error('png2icons could not pack the icon (is icons/icon.png a valid 1024×1024 PNG?)');
  writeFileSync(join(outDir, 'icon.icns'), icns);
  writeFileSync(join(outDir, 'icon.ico'), ico);
  return { png, icns: join(outDir, 'icon.icns'), ico: join(outDir, 'icon.ico'), linux };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = makeIcons();
  process.stdout.write(`Icons written: ${[out.png, out.icns, out.ico, ...out.linux].length} files in ${ICON_DIR}\n`);
}
