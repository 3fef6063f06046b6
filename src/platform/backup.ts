import type { Database } from './db.ts';

// Placeholder signatures; implemented in the backup commit.
export async function backupToFile(_database: Database, _file: string): Promise<Record<string, number>> {
  throw new Error('not implemented');
}
export async function restoreFromFile(_database: Database, _file: string): Promise<Record<string, number>> {
  throw new Error('not implemented');
}
