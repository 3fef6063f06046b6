import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { textToDescriptionHtml } from '../offers/description.ts';
import { offers, type Offer } from '../offers/schema.ts';
import { runImportExport } from './cli.ts';
import { importCsv, importFreinet, importTarget } from './commands.ts';
import { offersCsv } from './csv.ts';
import { offersForExport } from './queries.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/freinet-gems.xml');
const DAY = 86_400_000;

let ctx: TestContext;
let region: Awaited<ReturnType<typeof demoRegion>>;

beforeAll(async () => {
  ctx = await createTestApp();
  region = await demoRegion(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

async function exportCsv(networkId: string, pageSize?: number): Promise<string> {
  let text = '';
  for await (const chunk of offersCsv(offersForExport(ctx.deps.db, networkId, pageSize))) text += chunk;
  return text;
}

async function importText(networkId: string, text: string) {
  const [network] = [region.gems, region.weisswasser].filter((n) => n.id === networkId);
  if (!network) throw new Error('unknown network');
  const target = await importTarget(ctx.deps.db, network, null, ctx.clock.now);
  return importCsv(ctx.deps.db, target, Buffer.from(text, 'utf8'));
}

async function offersOf(networkId: string): Promise<Offer[]> {
  const rows = await ctx.deps.db.select().from(offers).where(eq(offers.networkId, networkId));
  return rows.sort((a, b) => a.title.localeCompare(b.title, 'de'));
}

/** What a person sees of an offer: everything but ids, bookkeeping times and the search vector. */
function content(offer: Offer) {
  const { id: _id, externalId: _externalId, createdAt: _c, updatedAt: _u, publishedAt: _p, expiresAt: _e, createdBy: _b, search: _s, expiryReminderSentAt: _r, ...rest } = offer;
  return rest;
}

describe('CSV export and import', () => {
  it('exports every offer and reads the export back as the same offers, in the same network and in an empty one', async () => {
    const { gems, municipality } = region;
    // Offers from FreiNet (HTML descriptions with labelled links) and offers typed on the platform.
    const target = await importTarget(ctx.deps.db, gems, null, ctx.clock.now);
    await importFreinet(ctx.deps.db, target, fs.createReadStream(FIXTURE));
    const club = await createOrganisation(ctx, { networkId: gems.id, name: 'Sportverein "Blau-Weiß" Krostitz; Abteilung Turnen', municipalityId: municipality('Krostitz').id });
    await createOffer(ctx, {
      networkId: gems.id,
      organisationId: club.id,
      municipalityId: municipality('Krostitz').id,
      title: '=HYPERLINK("https://evil.example";"Hier klicken")',
      summary: '+49 Telefonkette; "Wir rufen an"',
      description: textToDescriptionHtml('Erste Zeile\nzweite Zeile\n\n- Punkt eins\n- Punkt zwei\n\nMehr unter https://sv-krostitz.example/turnen.'),
      field: 'sport',
      targetGroups: ['kinder', 'familien'],
      skills: ['Erste Hilfe', 'Geduld'],
      tags: ['Turnen', 'Kinder'],
      commitment: 'regular',
      hoursPerWeek: 2.5,
      weekdays: [2, 4],
      timesOfDay: ['afternoon'],
      suitability: ['youth', 'wheelchair'],
      street: 'Sportplatzweg 3',
      postcode: '04509',
      place: 'Krostitz',
      district: 'Hohenossig',
      lat: 51.4617,
      lng: -0.5,
      startsOn: '2025-03-01',
      endsOn: '2025-12-31',
      peopleWanted: 2,
      contactName: 'Erika Beispiel',
      contactEmail: 'turnen@sv-krostitz.example',
      contactPhone: '034295 1234',
    });
    await createOffer(ctx, { networkId: gems.id, organisationId: club.id, title: 'Entwurf: Vereinsfest', status: 'draft', publishedAt: null, expiresAt: null, remote: true });
    await createOffer(ctx, { networkId: gems.id, organisationId: club.id, title: '@Pause im Winter', status: 'paused', description: '<p>Kurz <em>gesagt</em></p>' });
    const before = await offersOf(gems.id);
    expect(before).toHaveLength(25);

    // Small pages, so the export crosses page borders.
    const text = await exportCsv(gems.id, 7);
    expect(text.startsWith('\ufeffTitel;Kurzbeschreibung;Beschreibung;Tätigkeitsfeld;Organisation;Straße;PLZ;Ort;')).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 25 + 0);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"";""Hier klicken"")"`);
    expect(text).toContain(`"'+49 Telefonkette; ""Wir rufen an"""`);
    expect(text).toContain(`'@Pause im Winter`);
    expect(text).toContain(';51,4617;-0,5;');
    expect(text).toContain(';Di, Do;nachmittags;Kinder, Familien;Jugendliche ab 14, rollstuhlgerecht;Erste Hilfe, Geduld;Turnen, Kinder;01.03.2025;31.12.2025;2;');
    // A labelled link cannot be written as text without losing its label: that description goes as HTML.
    expect(text).toContain('<a href=""https://jugendclub-krostitz.example/graffiti"">unserer Seite</a>');

    ctx.clock.advance(DAY);
    const again = await importText(gems.id, text);
    expect(again.fatal).toBeNull();
    expect(again.skipped).toEqual([]);
    expect({ created: again.created, updated: again.updated, organisations: again.organisationsCreated }).toEqual({ created: 0, updated: 25, organisations: 0 });
    const after = await offersOf(gems.id);
    expect(after.map(({ updatedAt: _u, search: _s, ...o }) => o)).toEqual(before.map(({ updatedAt: _u, search: _s, ...o }) => o));

    // Into an empty network: the same offers again, made anew (places unknown there, so without municipality).
    const { weisswasser } = region;
    const fresh = await importText(weisswasser.id, text);
    expect({ created: fresh.created, skipped: fresh.skippedCount }).toEqual({ created: 25, skipped: 0 });
    const copies = await offersOf(weisswasser.id);
    expect(copies.map((o) => ({ ...content(o), networkId: gems.id, organisationId: null, municipalityId: null }))).toEqual(
      before.map((o) => ({ ...content(o), organisationId: null, municipalityId: null })),
    );
    // Offers made on the platform come back with their old id as external id; a second import finds them.
    const second = await importText(weisswasser.id, text);
    expect({ created: second.created, updated: second.updated }).toEqual({ created: 0, updated: 25 });
  });

  it('names broken rows by line number and imports the rest', async () => {
    const { weisswasser } = region;
    const countBefore = (await offersOf(weisswasser.id)).length;
    const long = 'Ein viel zu langer Titel für ein Angebot '.repeat(6);
    const text = [
      'Titel;Organisation;Tätigkeitsfeld;Breitengrad;Längengrad;Beschreibung;Externe ID',
      'Lesepatin;Stadtbibliothek Weißwasser;Kultur und Musik;51,505;14,6378;Einfach vorlesen;W-1',
      'Gassi gehen;Tierheim Weißwasser;Umwelt, Naturschutz oder Tierschutz;91;14,6;;W-2',
      'Basteln;Kita Glückskäfer;Basteln und Malen;;;;W-3',
      `${long};Glasmacherverein;Kultur und Musik;;;;W-4`,
      ';Glasmacherverein;Kultur und Musik;;;;W-5',
      'Hausaufgaben;Grundschule Weißwasser;Schule oder Kindergarten;;;"Zeile eins\nZeile zwei\n\nAbsatz";W-6',
      'Kaputt;Glasmacherverein;Sport und Bewegung;abc;14;;W-7',
      'Nachzügler;Glasmacherverein;Sport und Bewegung;;;;W-8',
    ].join('\r\n');
    const summary = await importText(weisswasser.id, text);
    expect({ read: summary.read, created: summary.created, skipped: summary.skippedCount }).toEqual({ read: 8, created: 3, skipped: 5 });
    expect(summary.skipped.map((s) => [s.where.line, s.where.externalId, s.reasons.map((r) => r.key)])).toEqual([
      [3, 'W-2', ['imports.reason.lat']],
      [4, 'W-3', ['imports.reason.field']],
      [5, 'W-4', ['imports.reason.tooLong']],
      [6, 'W-5', ['imports.reason.titleMissing']],
      [11, 'W-7', ['imports.reason.lat']],
    ]);
    const stored = await offersOf(weisswasser.id);
    expect(stored).toHaveLength(countBefore + 3);
    expect(stored.filter((o) => o.externalId?.startsWith('W-')).map((o) => o.externalId).sort()).toEqual(['W-1', 'W-6', 'W-8']);
    // The same file again: no duplicates.
    const again = await importText(weisswasser.id, text);
    expect({ created: again.created, updated: again.updated, skipped: again.skippedCount }).toEqual({ created: 0, updated: 3, skipped: 5 });
    expect(await offersOf(weisswasser.id)).toHaveLength(countBefore + 3);
  });
});

describe('the command behind `mitmachnetz import` and `export`, in this process', () => {
  function capture() {
    const text = { stdout: '', stderr: '' };
    const stream = (key: 'stdout' | 'stderr') => new Writable({ write: (chunk, _encoding, done) => ((text[key] += String(chunk)), done()) });
    return { text, out: { stdout: stream('stdout'), stderr: stream('stderr') } };
  }

  it('shows progress every 100 records and names an unknown network', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-progress-'));
    try {
      const file = path.join(dir, 'viele.xml');
      const offersXml = Array.from(
        { length: 250 },
        (_, i) => `<angebot angebotsId="P${i}"><einrichtungsname>Verein ${i % 7}</einrichtungsname><angebotsname>Angebot ${i}</angebotsname><ort>Taucha</ort></angebot>`,
      );
      fs.writeFileSync(file, `<angebotsliste>${offersXml.join('\n')}</angebotsliste>`);
      const run = capture();
      const code = await runImportExport(ctx.deps.db, { command: 'import', format: 'freinet', file, network: 'weisswasser' }, ctx.clock.now, run.out);
      expect(code).toBe(0);
      expect(run.text.stderr.split('\n').filter(Boolean)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^100 /), expect.stringMatching(/^200 /)]),
      );
      expect(run.text.stdout).toMatch(/^250 /);

      const unknown = capture();
      expect(await runImportExport(ctx.deps.db, { command: 'import', format: 'freinet', file, network: 'nirgendwo' }, ctx.clock.now, unknown.out)).toBe(1);
      expect(unknown.text.stderr).toMatch(/nirgendwo/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
