import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/*
 * Publications' files. The type is read from the content (file-type), never from the name or the
 * browser's claim; only documents and images of the listed kinds are kept. Files are stored under a
 * random key, and their names are reduced to safe characters for the download header.
 */

export const MAX_FILE_MEGABYTES = 20;

/** Detected extension → the type the download declares. */
const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

export type FileCheck = { ok: true; ext: string; mediaType: string } | { ok: false; reason: 'type' | 'empty' };

export async function checkFile(data: Buffer): Promise<FileCheck> {
  if (data.length === 0) return { ok: false, reason: 'empty' };
  const detected = await fileTypeFromBuffer(data);
  const mediaType = detected ? ALLOWED[detected.ext] : undefined;
  if (!detected || !mediaType) return { ok: false, reason: 'type' };
  return { ok: true, ext: detected.ext, mediaType };
}

/**
 * A name safe to show and to send: no folders, no control or quoting characters, no leading dots, at
 * most 120 characters, and the extension of what the file really is.
 */
export function safeFileName(given: string, ext: string): string {
  const base = given.split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '-')
    .replace(/^[.\s-]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 110);
  return `${stem || 'datei'}.${ext}`;
}

/** The header value: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function storageDir(dataDir: string): string {
  return path.join(dataDir, 'knowledge');
}

export async function storeFile(dataDir: string, data: Buffer): Promise<string> {
  const key = crypto.randomUUID();
  await fs.mkdir(storageDir(dataDir), { recursive: true });
  await fs.writeFile(path.join(storageDir(dataDir), key), data, { mode: 0o600 });
  return key;
}

export async function readStoredFile(dataDir: string, key: string): Promise<Buffer> {
  if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error('bad storage key');
  return fs.readFile(path.join(storageDir(dataDir), key));
}

export async function removeStoredFile(dataDir: string, key: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(key)) return;
  await fs.rm(path.join(storageDir(dataDir), key), { force: true });
}

/** The text of a PDF for the search; an unreadable PDF gives no text rather than an error. */
export async function pdfText(data: Buffer): Promise<string> {
  try {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(data));
    const { text } = await extractText(pdf, { mergePages: true });
    return (Array.isArray(text) ? text.join('\n') : text).slice(0, 200_000);
  } catch {
    return '';
  }
}
