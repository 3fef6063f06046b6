import fs from 'node:fs';
import path from 'node:path';

/**
 * The project's root folder (where package.json, drizzle/, public/ and node_modules/ are), found by
 * walking up from this file, so paths stay right both when running from src/ and from the bundle in dist/.
 */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'drizzle'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Mitmachnetz: no project folder above ${start}`);
  }
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);

/** A path inside the project folder. */
export function projectPath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}
