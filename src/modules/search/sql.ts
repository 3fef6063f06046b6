import type { SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';

export type Row = Record<string, unknown>;

export async function rows<T extends Row>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A PostgreSQL array literal, passed as one parameter (drizzle spreads JS arrays into lists). */
export function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
