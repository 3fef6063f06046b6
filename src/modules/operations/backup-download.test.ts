import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, ENGINE, openTestDatabase, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { restoreFromFile } from '../../platform/backup.ts';
import type { Database } from '../../platform/db.ts';
import type { User } from '../../platform/auth/schema.ts';
import { seedDemoNetworks } from '../networks/demo.ts';
import { BACKUP_DOWNLOADED, BACKUP_DOWNLOADS_PER_HOUR, backupFileName } from './rules.ts';

let ctx: TestContext;
let admin: Client;
let adminUser: User;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-backup-download-'));

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoNetworks(ctx.deps.db, { content: true, now: ctx.clock.now });
  adminUser = await createUser(ctx, { email: 'betrieb@example.org', name: 'Betrieb Taucha', platformAdmin: true });
  admin = await signedInClient(ctx, adminUser);
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** How many rows each of `tables` holds. */
async function rowCounts(database: Database, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM public."${table}"`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

async function downloadsBy(user: User): Promise<number> {
  const [row] = await ctx.deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(eq(auditLog.action, BACKUP_DOWNLOADED), eq(auditLog.actorId, user.id)));
  return row?.n ?? 0;
}

describe(`backup download (${ENGINE})`, () => {
  it('explains the file and how to restore it, with a download form', async () => {
    const page = await admin.get('/verwaltung/sicherung');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Datensicherung</h1>');
    expect(page.body).toContain('Passwörter');
    expect(page.body).toContain('<code>npx mitmachnetz restore DATEI</code>');
    expect(page.body).toMatch(/<form method="post" action="\/verwaltung\/sicherung"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+"/);
    expect(page.body).toContain('Sicherung herunterladen</button>');
    expect(page.body).toContain('Bisher wurde hier keine Sicherung heruntergeladen.');
    expect(page.body).toMatch(/href="\/verwaltung\/sicherung" aria-current="page"/);
    expect((await admin.get('/verwaltung')).body).toContain('href="/verwaltung/sicherung"');

    await admin.get('/sprache/en?weiter=/verwaltung/sicherung');
    const english = await admin.get('/verwaltung/sicherung');
    expect(english.body).toContain('<h1>Backup</h1>');
    expect(english.body).toContain('<code>npx mitmachnetz restore FILE</code>');
    await admin.get('/sprache/de?weiter=/verwaltung/sicherung');
  });

  it('hands out a gzip file that restores into a fresh database with the same rows', async () => {
    const before = await downloadsBy(adminUser);
    const response = await admin.submit('/verwaltung/sicherung', {}, '/verwaltung/sicherung');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/gzip');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${backupFileName(ctx.clock.now)}"`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-encoding']).toBeUndefined();
    // The embedded database writes the file first, so its size is known; PostgreSQL streams it.
    if (ENGINE === 'pglite') expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(await downloadsBy(adminUser)).toBe(before + 1);

    const file = path.join(dir, 'download.jsonl.gz');
    fs.writeFileSync(file, response.rawPayload);
    const lines = zlib.gunzipSync(response.rawPayload).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as { format: string; tables: Array<{ name: string }> };
    expect(header.format).toBe('mitmachnetz-backup');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true });
    const tables = header.tables.map((t) => t.name);

    const expected = await rowCounts(ctx.deps.database, tables);
    for (const table of ['networks', 'municipalities', 'users', 'sessions', 'organisations', 'offers', 'placements', 'audit_log']) {
      expect(expected[table], table).toBeGreaterThan(0);
    }
    const fresh = await openTestDatabase();
    try {
      expect(await restoreFromFile(fresh.database, file)).toEqual(expected);
      expect(await rowCounts(fresh.database, tables)).toEqual(expected);
      // The download's own audit entry was written before the snapshot, so it is in the file.
      const { rows } = await fresh.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [BACKUP_DOWNLOADED]);
      expect(rows[0]!.n).toBe(before + 1);
    } finally {
      await fresh.drop();
    }
    // The embedded database's spool file is gone once the download is open.
    expect(fs.readdirSync(ctx.dataDir).filter((name) => name.startsWith('backup-download-'))).toEqual([]);
  });

  it('lists who downloaded a backup when', async () => {
    const page = await admin.get('/verwaltung/sicherung');
    expect(page.body).toContain('Zuletzt heruntergeladen');
    expect(page.body).toMatch(/<td data-label="Zeitpunkt"><time datetime="[^"]+">[^<]+<\/time><\/td><td data-label="Heruntergeladen von">Betrieb Taucha<\/td>/);
    expect(page.body).not.toContain('Bisher wurde hier keine Sicherung heruntergeladen.');
  });

  it('refuses a download without a valid CSRF token, and logs nothing', async () => {
    await admin.get('/verwaltung/sicherung');
    const before = await downloadsBy(adminUser);
    for (const token of [undefined, 'falsch']) {
      const body = token === undefined ? '' : new URLSearchParams({ _csrf: token }).toString();
      const response = await admin.request({
        method: 'POST',
        url: '/verwaltung/sicherung',
        payload: body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['content-disposition']).toBeUndefined();
    }
    expect(await downloadsBy(adminUser)).toBe(before);
  });

  it(`allows each person ${BACKUP_DOWNLOADS_PER_HOUR} downloads an hour, then refuses with 429`, async () => {
    const secondUser = await createUser(ctx, { email: 'vertretung@example.org', name: 'Vertretung', platformAdmin: true });
    const second = await signedInClient(ctx, secondUser);
    for (let i = 0; i < BACKUP_DOWNLOADS_PER_HOUR; i++) {
      const response = await second.submit('/verwaltung/sicherung', {}, '/verwaltung/sicherung');
      expect(response.statusCode, `download ${i + 1}`).toBe(200);
    }
    const refused = await second.submit('/verwaltung/sicherung', {}, '/verwaltung/sicherung');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Zu viele Versuche');
    // The wait is an hour, not a moment, and the page says so.
    expect(refused.body).toMatch(/Bitte versuchen Sie es in (59|60) Minuten erneut\./);
    expect(refused.headers['content-disposition']).toBeUndefined();
    expect(await downloadsBy(secondUser)).toBe(BACKUP_DOWNLOADS_PER_HOUR);

    // Counted per person: the other admin's downloads are not used up.
    const other = await admin.submit('/verwaltung/sicherung', {}, '/verwaltung/sicherung');
    expect(other.statusCode).toBe(200);
  });
});
