import PDFDocument from 'pdfkit';
import { fontFile } from './font-file';

/**
 * Text as the PDF's font can print it. A character the embedded DejaVu font has no glyph for was drawn
 * as nothing: a branch named "＝HYPERLINK(…)" (full-width equals sign) printed as "HYPERLINK(…)", and a
 * full-width name vanished — the page showed something other than what the bank holds (issue 14 part B).
 * Now such a character prints as its compatibility form when the font has that (＝ → =, Ｊ → J), otherwise
 * as U+FFFD "�", visibly: never silently dropped.
 */

type GlyphCheck = (codePoint: number) => boolean;

let regular: GlyphCheck | null = null;

/** Whether DejaVu Sans (the PDFs' body font; Bold covers the same characters) has a glyph for a code point. */
function hasGlyph(): GlyphCheck {
  if (regular) return regular;
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.font(fontFile('DejaVuSans.ttf'));
  // pdfkit keeps the loaded fontkit font on the document; it answers the coverage question exactly.
  const font: unknown = (doc as unknown as { _font?: { font?: unknown } })._font?.font;
  const check = font !== null && typeof font === 'object' && 'hasGlyphForCodePoint' in font ? font.hasGlyphForCodePoint : null;
  if (typeof check !== 'function') throw new Error('pdfkit no longer exposes its font: cannot check glyph coverage');
  const bound = (cp: number): boolean => Boolean((check as (this: unknown, cp: number) => unknown).call(font, cp));
  regular = bound;
  return bound;
}

/** Invisible and layout characters need no glyph: a PDF reader never shows them anyway. */
const SILENT = /[\p{Cc}\p{Cf}\s]/u;

export function printable(text: string, covered: GlyphCheck = hasGlyph()): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (SILENT.test(ch) || covered(cp)) {
      out += ch;
      continue;
    }
    const folded = ch.normalize('NFKC');
    out += folded !== ch && [...folded].every((c) => covered(c.codePointAt(0) ?? 0)) ? folded : '\uFFFD';
  }
  return out;
}

/** Every string in a value (a report's result model), printable; numbers and the rest unchanged. */
export function printableDeep<T>(value: T, covered: GlyphCheck = hasGlyph()): T {
  if (typeof value === 'string') return printable(value, covered) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableDeep(v, covered)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v, covered);
    return out as T;
  }
  return value;
}
