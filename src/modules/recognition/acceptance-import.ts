import { parse } from 'csv-parse/sync';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { municipalities } from '../../platform/networks/schema.ts';
import { acceptancePoints } from './schema.ts';
import { ACCEPTANCE_CATEGORIES } from './views/acceptance.tsx';

const REQUIRED = ['name', 'kategorie', 'verguenstigung'] as const;
const MAX_ROWS = 5000;

export type AcceptanceImport =
  | { ok: true; created: number; updated: number; errors: Array<{ line: number; key: string }> }
  | { ok: false; code: 'empty' }
  | { ok: false; code: 'columns'; missing: string[] };

/**
 * Reads the office's list of acceptance points (UTF-8 CSV, semicolon or comma). A row is matched by name and
 * postcode, so reading the same file twice updates instead of doubling; a point without coordinates is put at
 * its municipality's centre. Rows with problems are named by line and left out; the rest is read.
 */
export async function importAcceptancePoints(db: Db, networkId: string, data: Buffer, now: Date): Promise<AcceptanceImport> {
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), delimiter, skip_empty_lines: true, trim: true, relax_column_count: true, to: MAX_ROWS });
  } catch {
    return { ok: false, code: 'empty' };
  }
  if (rows.length === 0) return { ok: false, code: 'empty' };
  const missing = REQUIRED.filter((column) => !(column in rows[0]!));
  if (missing.length) return { ok: false, code: 'columns', missing };

  const towns = await db.select().from(municipalities).where(eq(municipalities.networkId, networkId));
  const byName = new Map(towns.map((m) => [m.name.toLowerCase(), m]));
  const errors: Array<{ line: number; key: string }> = [];
  let created = 0;
  let updated = 0;
  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    const name = (row.name ?? '').slice(0, 200);
    const category = (row.kategorie ?? '').toLowerCase();
    const discount = row.verguenstigung ?? '';
    const website = row.webseite ?? '';
    if (!name || !discount) {
      errors.push({ line, key: 'form.required' });
      continue;
    }
    if (!(ACCEPTANCE_CATEGORIES as readonly string[]).includes(category)) {
      errors.push({ line, key: 'recognition.acceptance.unknownCategory' });
      continue;
    }
    if (website && !/^https?:\/\/[^\s<>"]+$/i.test(website)) {
      errors.push({ line, key: 'form.invalid' });
      continue;
    }
    const town = byName.get((row.kommune ?? row.ort ?? '').toLowerCase());
    const values = {
      networkId,
      municipalityId: town?.id ?? null,
      name,
      category,
      discount: discount.slice(0, 500),
      street: (row.strasse ?? '').slice(0, 200),
      postcode: (row.plz ?? '').slice(0, 10),
      place: (row.ort ?? town?.name ?? '').slice(0, 120),
      lat: town?.lat ?? null,
      lng: town?.lng ?? null,
      website: website.slice(0, 300),
      updatedAt: now,
    };
    const [result] = await (db as NodePgDatabase)
      .insert(acceptancePoints)
      .values({ ...values, createdAt: now })
      .onConflictDoUpdate({ target: [acceptancePoints.networkId, acceptancePoints.name, acceptancePoints.postcode], set: values })
      // xmax is 0 for a row this statement inserted, and set for one it updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    if (result?.inserted) created += 1;
    else updated += 1;
  }
  return { ok: true, created, updated, errors };
}
