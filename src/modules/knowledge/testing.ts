import { createRequire } from 'node:module';
import type { Client } from '../../../test/helpers.ts';

/** A small PDF with the given text, made with pdfkit (which the app already uses). */
export async function pdfWith(text: string): Promise<Buffer> {
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');
  const doc = new PDFDocument({ compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Posts a file as a browser's multipart form would, with the CSRF token first. */
export async function uploadFile(client: Client, url: string, formPage: string, file: { name: string; type: string; data: Buffer }) {
  await client.get(formPage);
  const boundary = '----mmnboundary7MA4YWxkTrZu0gW';
  const head = (name: string, extra = '') => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(`${head('_csrf')}\r\n${client.lastCsrf}\r\n`),
    Buffer.from(`${head('datei', `; filename="${file.name}"`)}Content-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request({ method: 'POST', url, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
