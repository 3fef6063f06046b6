import path from 'node:path';

/** Where built downloads wait for their single use: the data folder's exports directory. */
export function exportFilePath(dataDir: string, file: string): string {
  return path.join(dataDir, 'exports', path.basename(file));
}
