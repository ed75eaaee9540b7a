import PDFDocument from 'pdfkit';
import { fontFile } from './font-file';

/**
 * An A4 document (pages buffered, so headers and page numbers can be drawn at the end) with the DejaVu
 * faces registered as 'body', 'bold' and 'light', and its bytes once `doc.end()` is called.
 */
export function a4Document(margin: number, info: PDFKit.DocumentInfo): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin, bufferPages: true, info });
  doc.registerFont('body', fontFile('DejaVuSans.ttf'));
  doc.registerFont('bold', fontFile('DejaVuSans-Bold.ttf'));
  doc.registerFont('light', fontFile('DejaVuSans-ExtraLight.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
