import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CheckedLogo } from './logo.ts';

/** Stored uploads get a random name; the name is all a URL can ask for, so no path ever leaves the folder. */
const UPLOAD_NAME = /^[a-f0-9]{32}\.(png|jpg)$/;

const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg' } as const;

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}

export async function saveUpload(dataDir: string, logo: CheckedLogo): Promise<string> {
  const name = `${crypto.randomBytes(16).toString('hex')}.${logo.extension}`;
  await fs.mkdir(uploadsDir(dataDir), { recursive: true });
  await fs.writeFile(path.join(uploadsDir(dataDir), name), logo.data, { flag: 'wx', mode: 0o644 });
  return name;
}

export async function deleteUpload(dataDir: string, name: string | null): Promise<void> {
  if (!name || !UPLOAD_NAME.test(name)) return;
  await fs.rm(path.join(uploadsDir(dataDir), name), { force: true });
}

export async function readUpload(dataDir: string, name: string): Promise<{ data: Buffer; contentType: string } | null> {
  const match = UPLOAD_NAME.exec(name);
  if (!match) return null;
  try {
    const data = await fs.readFile(path.join(uploadsDir(dataDir), name));
    return { data, contentType: CONTENT_TYPES[match[1] as 'png' | 'jpg'] };
  } catch {
    return null;
  }
}
