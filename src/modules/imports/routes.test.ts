import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { ROLES, type Role } from '../../platform/roles/schema.ts';
import { offers } from '../offers/schema.ts';
import { organisationMembers } from '../organisations/schema.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/freinet-gems.xml');
const IMPORT = '/netzwerk/gems/verwaltung/import';
const EXPORT = '/netzwerk/gems/verwaltung/export/angebote.csv';

let ctx: TestContext;
let region: Awaited<ReturnType<typeof demoRegion>>;

beforeAll(async () => {
  ctx = await createTestApp();
  region = await demoRegion(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

function multipart(fields: Record<string, string>, file?: { filename: string; type: string; data: Buffer }) {
  const boundary = `----mmnimport${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="datei"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Loads a page for a CSRF token (any page with a form), then uploads the file as a browser would. */
async function upload(client: Client, file: { filename: string; type: string; data: Buffer }, tokenPage = IMPORT) {
  await client.get(tokenPage);
  return client.request({ method: 'POST', url: IMPORT, ...multipart({ _csrf: client.lastCsrf }, file) });
}

function csv(text: string) {
  return { filename: 'angebote.csv', type: 'text/csv', data: Buffer.from(`\ufeff${text}`, 'utf8') };
}

async function offerCount(networkId: string): Promise<number> {
  const [row] = await ctx.deps.db.select({ n: sql<number>`count(*)::int` }).from(offers).where(eq(offers.networkId, networkId));
  return row?.n ?? 0;
}

describe('import and export pages', () => {
  it('refuses everyone but the network office and the platform admin', async () => {
    const { gems, weisswasser } = region;
    const people: Array<{ who: string; client: Client }> = [{ who: 'anonymous', client: new Client(ctx.app) }];
    for (const role of ROLES.filter((r) => r !== 'network_office')) {
      const user = await createUser(ctx, { email: `${role}@gems.example`, roles: [{ networkId: gems.id, role: role as Role }] });
      people.push({ who: role, client: await signedInClient(ctx, user) });
    }
    const otherOffice = await createUser(ctx, { email: 'office@weisswasser.example', roles: [{ networkId: weisswasser.id, role: 'network_office' }] });
    people.push({ who: 'network office of another network', client: await signedInClient(ctx, otherOffice) });
    const organisationAdmin = await createUser(ctx, { email: 'vorstand@verein.example', roles: [{ networkId: gems.id, role: 'organisation' }] });
    const club = await createOrganisation(ctx, { networkId: gems.id });
    await ctx.deps.db.insert(organisationMembers).values({ organisationId: club.id, userId: organisationAdmin.id, role: 'admin' });
    people.push({ who: 'admin of an organisation', client: await signedInClient(ctx, organisationAdmin) });

    for (const { who, client } of people) {
      const page = await client.get(IMPORT);
      const download = await client.get(EXPORT);
      const sent = await upload(client, csv('Titel;Organisation;Externe ID\nEingeschleust;Verein;X-1\n'), '/anmelden');
      if (who === 'anonymous') {
        expect(page.statusCode, who).toBe(303);
        expect(page.headers.location).toBe(`/anmelden?weiter=${encodeURIComponent(IMPORT)}`);
        expect(download.statusCode, who).toBe(303);
      } else {
        expect(page.statusCode, who).toBe(403);
        expect(download.statusCode, who).toBe(403);
        expect(download.body, who).not.toContain('Titel;');
      }
      expect(sent.statusCode, who).toBe(403);
    }
    expect(await offerCount(gems.id)).toBe(0);
  });

  it('lets the network office upload a FreiNet export and shows what happened, record by record', async () => {
    const { gems } = region;
    const office = await createUser(ctx, { email: 'buero@gems.example', roles: [{ networkId: gems.id, role: 'network_office' }] });
    const client = await signedInClient(ctx, office);
    const page = await client.get(IMPORT);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Angebote importieren und exportieren</h1>');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`href="${EXPORT}"`);
    expect(page.body).toContain(`<a href="${IMPORT}" aria-current="page">`);

    const response = await upload(client, { filename: 'freinet.xml', type: 'text/xml', data: fs.readFileSync(FIXTURE) });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('25 Datensätze gelesen: 22 neu angelegt, 0 aktualisiert, 3 übersprungen, 3 Hinweise.');
    expect(response.body).toContain('<caption id="uebersprungen-caption">Übersprungene Datensätze</caption>');
    expect(response.body).toContain('Angebot 24 (angebotsId 1024, Zeile 339)');
    expect(response.body).toContain('Diese angebotsId kommt in der Datei schon vor (Angebot 3)');
    expect(response.body).toContain('„Leipzig“ gehört zu keiner Kommune des Netzwerks');
    expect(await offerCount(gems.id)).toBe(22);

    // The same file again changes nothing but the counts.
    const again = await upload(client, { filename: 'freinet.xml', type: 'text/xml', data: fs.readFileSync(FIXTURE) });
    expect(again.body).toContain('25 Datensätze gelesen: 0 neu angelegt, 22 aktualisiert, 3 übersprungen');
    expect(await offerCount(gems.id)).toBe(22);
    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.actorId, office.id));
    expect(entry?.action).toBe('imports.freinet');
  });

  it('takes a CSV upload, shows values from the file only as text, and asks for a file when none came', async () => {
    const { gems } = region;
    const admin = await createUser(ctx, { email: 'betrieb@mitmachnetz.example', platformAdmin: true });
    const client = await signedInClient(ctx, admin);
    const response = await upload(
      client,
      csv(
        [
          'Titel;Organisation;Breitengrad;Längengrad;Externe ID',
          'Vorlesen im Hort;Hort Krostitz;51,46;12,45;C-1',
          '<b>Fett</b>;Hort Krostitz;<script>alert(1)</script>;12;C-2',
        ].join('\r\n'),
      ),
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('2 Datensätze gelesen: 1 neu angelegt, 0 aktualisiert, 1 übersprungen');
    expect(response.body).toContain('Zeile 3 (Externe ID C-2)');
    expect(response.body).toContain('Der Breitengrad „&lt;script>alert(1)&lt;/script>“ ist keine Zahl');
    expect(response.body).not.toContain('<script>alert(1)</script>');

    await client.get(IMPORT);
    const empty = await client.request({ method: 'POST', url: IMPORT, ...multipart({ _csrf: client.lastCsrf }) });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('class="error-summary"');
    expect(empty.body).toContain('href="#f-datei"');
    expect(empty.body).toContain('aria-invalid="true"');

    const noToken = await client.request({ method: 'POST', url: IMPORT, ...multipart({}, csv('Titel;Organisation;Externe ID\nA;B;C-3\n')) });
    expect(noToken.statusCode).toBe(403);
    expect(await offerCount(gems.id)).toBe(23);
  });

  it('takes files larger than an ordinary form and refuses those over the limit with a message', async () => {
    const { gems } = region;
    const office = await createUser(ctx, { email: 'gross@gems.example', roles: [{ networkId: gems.id, role: 'network_office' }] });
    const client = await signedInClient(ctx, office);
    const xml = (size: number) => ({
      filename: 'gross.xml',
      type: 'text/xml',
      data: Buffer.from(`<angebotsliste><!-- ${'x'.repeat(size)} --></angebotsliste>`),
    });
    const large = await upload(client, xml(3 * 1024 * 1024));
    expect(large.statusCode).toBe(200);
    expect(large.body).toContain('0 Datensätze gelesen');
    const tooLarge = await upload(client, xml(21 * 1024 * 1024));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.body).toContain('Die Datei ist zu groß (höchstens 20 MB).');
  });

  it('sends the network office all offers as a CSV file for Excel', async () => {
    const { gems } = region;
    const office = await createUser(ctx, { email: 'export@gems.example', roles: [{ networkId: gems.id, role: 'network_office' }] });
    const client = await signedInClient(ctx, office);
    const response = await client.get(EXPORT);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="angebote-gems-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = response.body.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^Titel;Kurzbeschreibung;Beschreibung;Tätigkeitsfeld;Organisation;.*;Externe ID$/);
    expect(lines.filter((l) => /;(1\d{3}|C-1)$/.test(l))).toHaveLength(23);
    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.actorId, office.id));
    expect(entry).toMatchObject({ action: 'imports.export_csv', details: { offers: 23 } });
  });
});
