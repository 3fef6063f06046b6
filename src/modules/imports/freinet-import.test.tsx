import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { offers, type Offer } from '../offers/schema.ts';
import { Description } from '../offers/views/description.tsx';
import { organisations } from '../organisations/schema.ts';
import { importFreinet, importTarget } from './commands.ts';

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

async function run(network: Network, source: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>) {
  const target = await importTarget(ctx.deps.db, network, null, ctx.clock.now);
  return importFreinet(ctx.deps.db, target, source);
}

async function offersOf(network: Network): Promise<Map<string, Offer>> {
  const rows = await ctx.deps.db.select().from(offers).where(eq(offers.networkId, network.id));
  return new Map(rows.map((o) => [o.externalId ?? o.id, o]));
}

async function organisationCount(network: Network): Promise<number> {
  const [row] = await ctx.deps.db.select({ n: sql<number>`count(*)::int` }).from(organisations).where(eq(organisations.networkId, network.id));
  return row?.n ?? 0;
}

function get<T>(map: Map<string, T>, key: string): T {
  const value = map.get(key);
  if (!value) throw new Error(`missing ${key}`);
  return value;
}

describe('FreiNet import', () => {
  it('imports the fixture: exact counts, organisations by id and by name, places, dates, safe descriptions', async () => {
    const { gems, municipality } = region;
    const byName = await createOrganisation(ctx, { networkId: gems.id, name: 'Heimatverein Krostitz e. V.', status: 'pending' });
    const byId = await createOrganisation(ctx, { networkId: gems.id, name: 'FFw Rackwitz', externalId: '503' });
    const before = await organisationCount(gems);

    const summary = await run(gems, fs.createReadStream(FIXTURE));

    expect(summary.fatal).toBeNull();
    expect({ read: summary.read, created: summary.created, updated: summary.updated, skipped: summary.skippedCount }).toEqual({
      read: 25,
      created: 22,
      updated: 0,
      skipped: 3,
    });
    expect(summary.organisationsCreated).toBe(17);
    expect(await organisationCount(gems)).toBe(before + 17);
    expect(summary.skipped).toEqual([
      { where: { index: 23, line: expect.any(Number), externalId: '1003' }, reasons: [{ key: 'imports.reason.duplicateOffer', params: { first: 3 } }] },
      { where: { index: 24, line: 339, externalId: '1024' }, reasons: [{ key: 'imports.reason.xml', params: { detail: expect.stringContaining('unexpected close tag') } }] },
      { where: { index: 25, line: expect.any(Number), externalId: '1025' }, reasons: [{ key: 'imports.reason.titleMissing', params: { column: 'angebotsname' } }] },
    ]);
    const warnings = summary.warnings.map((w) => [w.where?.externalId ?? null, w.problem.key]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        ['1015', 'imports.warning.municipality'],
        ['1012', 'imports.warning.postcode'],
        [null, 'imports.warning.repaired'],
      ]),
    );
    expect(summary.warningCount).toBe(3);

    const stored = await offersOf(gems);
    expect(stored.size).toBe(22);
    for (const offer of stored.values()) {
      expect(offer.status).toBe('published');
      expect(offer.expiresAt?.getTime()).toBe(ctx.clock.now.getTime() + 90 * DAY);
    }

    // Organisations: matched by name (and given FreiNet's id), matched by id (and renamed), created once for three offers.
    const [heimatverein] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, byName.id));
    expect(heimatverein).toMatchObject({ externalId: '501', status: 'verified' });
    expect(get(stored, '1001').organisationId).toBe(byName.id);
    const [feuerwehr] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, byId.id));
    expect(feuerwehr?.name).toBe('Freiwillige Feuerwehr Rackwitz');
    expect(get(stored, '1004').organisationId).toBe(byId.id);
    const school = get(stored, '1002').organisationId;
    expect(get(stored, '1003').organisationId).toBe(school);
    expect(get(stored, '1016').organisationId).toBe(school);
    const [schoolRow] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, school));
    expect(schoolRow).toMatchObject({ externalId: '502', status: 'verified', name: 'Förderverein Grundschule Delitzsch-Nord e. V.' });

    // Places: "OT" districts, "Gemeinde …", capitals; unknown ones stay empty.
    expect(get(stored, '1003').municipalityId).toBe(municipality('Delitzsch').id);
    expect(get(stored, '1009').municipalityId).toBe(municipality('Wiedemar').id);
    expect(get(stored, '1011').municipalityId).toBe(municipality('Schönwölkau').id);
    expect(get(stored, '1020').municipalityId).toBe(municipality('Schkeuditz').id);
    expect(get(stored, '1015').municipalityId).toBeNull();
    expect(get(stored, '1003').district).toBe('Selben');

    // Coordinates: 0.000000 and missing mean "unknown".
    expect(get(stored, '1003')).toMatchObject({ lat: null, lng: null });
    expect(get(stored, '1008')).toMatchObject({ lat: null, lng: null });
    expect(get(stored, '1001')).toMatchObject({ lat: 51.4617, lng: 12.4528 });

    // Dates: created as FreiNet says, published when last edited (or created).
    expect(get(stored, '1001').createdAt.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(get(stored, '1001').publishedAt?.toISOString()).toBe(new Date(1717200000 * 1000).toISOString());
    expect(get(stored, '1021').publishedAt?.toISOString()).toBe(new Date(1711929600 * 1000).toISOString());
    expect(get(stored, '1014').publishedAt?.getTime()).toBe(ctx.clock.now.getTime());

    // Texts: entities decoded in every field.
    expect(get(stored, '1005').title).toBe('Kaffee & Kuchen im Seniorentreff');
    expect(get(stored, '1006').summary).toBe('Gespendete Lebensmittel prüfen und für die Ausgabe vorbereiten.');
    expect(get(stored, '1022').title).toBe('Einkaufshilfe für Nachbarn – kurzfristig');
    expect(get(stored, '1001').description).toContain('Wir suchen tatkräftige Unterstützung für unser Dorffest.');
    expect(get(stored, '1014').description).toBe('<p><strong>Termine:</strong> donnerstags 16–18 Uhr</p>');

    // HTML: only the safe subset is stored, and what a page renders of it runs nothing.
    for (const id of ['1001', '1002', '1017', '1018']) {
      const description = get(stored, id).description;
      const page = render(<Description html={description} />);
      for (const html of [description, page]) {
        expect(html).not.toMatch(/<script|<style|<iframe|<img|javascript:|\son\w+=|alert\(|display:none/i);
      }
    }
    expect(get(stored, '1001').description).toBe(
      '<p>Wir suchen tatkräftige Unterstützung für unser Dorffest.</p><ul><li>Zelte aufbauen</li><li>Kuchen verkaufen</li></ul>' +
        '<p><a href="https://www.heimatverein-krostitz.example">Zur Website</a> Klick mich</p><p><strong>Termine:</strong> Samstag, 16. August, ab 9 Uhr</p>',
    );
    expect(render(<Description html={get(stored, '1018').description} />)).toContain(
      '<a href="mailto:kita-sonnenschein@rackwitz.example" rel="nofollow noopener">die Kita-Leitung</a>',
    );
    expect(get(stored, '1002').description).toContain('<p>Lesen &amp; Vorlesen macht Spaß – für Groß und Klein.</p>');

    // The full-text trigger saw the imported text.
    const [found] = await ctx.deps.db
      .select({ id: offers.id })
      .from(offers)
      .where(and(eq(offers.networkId, gems.id), sql`${offers.search} @@ to_tsquery('german', 'Krötenzaun')`));
    expect(found?.id).toBe(get(stored, '1007').id);

    const [audit] = await ctx.deps.db.select().from(auditLog).where(and(eq(auditLog.networkId, gems.id), eq(auditLog.action, 'imports.freinet')));
    expect(audit?.details).toMatchObject({ read: 25, created: 22, skipped: 3 });
  });

  it('imports the same file again as updates only, changes what changed and keeps what people decided', async () => {
    const { gems, municipality } = region;
    const before = await offersOf(gems);
    const organisationsBefore = await organisationCount(gems);
    await ctx.deps.db.update(offers).set({ status: 'paused', statusReason: 'Winterpause' }).where(eq(offers.id, get(before, '1007').id));
    await ctx.deps.db.update(offers).set({ status: 'expired' }).where(eq(offers.id, get(before, '1008').id));
    await ctx.deps.db.update(offers).set({ field: 'schule' }).where(eq(offers.id, get(before, '1002').id));
    ctx.clock.advance(10 * DAY);

    const changed = fs
      .readFileSync(FIXTURE, 'utf8')
      .replace('Lesepatin oder Lesepate gesucht', 'Lesepatin oder Lesepate für die 2. Klasse')
      .replace('<geo_breite>51.439200</geo_breite>', '<geo_breite>0.000000</geo_breite>')
      .replace(/(<angebotsname>Gassi gehen mit Tierheimhunden<\/angebotsname>[\s\S]*?)<ort>Delitzsch<\/ort>/, '$1<ort>Taucha</ort>');
    const summary = await run(gems, [changed]);

    expect({ created: summary.created, updated: summary.updated, skipped: summary.skippedCount, organisations: summary.organisationsCreated }).toEqual({
      created: 0,
      updated: 22,
      skipped: 3,
      organisations: 0,
    });
    expect(await organisationCount(gems)).toBe(organisationsBefore);
    const after = await offersOf(gems);
    expect(after.size).toBe(22);
    for (const [id, offer] of after) expect(offer.id).toBe(get(before, id).id);

    expect(get(after, '1002').title).toBe('Lesepatin oder Lesepate für die 2. Klasse');
    // FreiNet knows no field of activity: what the network office chose stays.
    expect(get(after, '1002').field).toBe('schule');
    expect(get(after, '1004')).toMatchObject({ lat: null, lng: null });
    expect(get(after, '1019').municipalityId).toBe(municipality('Taucha').id);
    expect(get(after, '1007')).toMatchObject({ status: 'paused', statusReason: 'Winterpause' });
    expect(get(after, '1008').status).toBe('published');
    expect(get(after, '1001').expiresAt?.getTime()).toBe(ctx.clock.now.getTime() + 90 * DAY);
    expect(get(after, '1007').expiresAt?.getTime()).toBe(get(before, '1007').expiresAt?.getTime());
  });

  it('keeps what came before a cut-off file, names the cut record and stops with a reason', async () => {
    const { weisswasser } = region;
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const cut = text.slice(0, text.indexOf('<angebot angebotsId="1010">') + 200);
    const summary = await run(weisswasser, [cut]);
    expect(summary.created).toBe(9);
    expect(summary.skipped).toEqual([{ where: expect.objectContaining({ index: 10, externalId: '1010' }), reasons: expect.any(Array) }]);
    expect(summary.fatal?.problem.key).toBe('imports.fatal.truncated');
    expect((await offersOf(weisswasser)).size).toBe(9);
    // Weißwasser has none of the GEMS places: each offer is kept without a municipality, with a warning.
    expect(summary.warnings.filter((w) => w.problem.key === 'imports.warning.municipality')).toHaveLength(9);
  });

  it('rolls a record back whole when the database refuses it, and goes on with the next', async () => {
    const { weisswasser } = region;
    // A refusal after the new organisation was written: only a transaction per record undoes both.
    await ctx.deps.database.query(`
      CREATE FUNCTION test_refuse_offer() RETURNS trigger AS $$
      BEGIN
        IF NEW.title = 'Kaputt' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await ctx.deps.database.query('CREATE TRIGGER test_refuse BEFORE INSERT ON offers FOR EACH ROW EXECUTE FUNCTION test_refuse_offer()');
    try {
      const xml = `<angebotsliste>
        <angebot angebotsId="9001"><einrichtungsname>Neuer Verein</einrichtungsname><einrichtungs_id>9901</einrichtungs_id><angebotsname>Kaputt</angebotsname></angebot>
        <angebot angebotsId="9002"><einrichtungsname>Zweiter Verein</einrichtungsname><einrichtungs_id>9902</einrichtungs_id><angebotsname>Heil</angebotsname></angebot>
      </angebotsliste>`;
      const summary = await run(weisswasser, [xml]);
      expect(summary.created).toBe(1);
      expect(summary.skipped).toEqual([
        { where: expect.objectContaining({ externalId: '9001' }), reasons: [{ key: 'imports.reason.database', params: { detail: expect.stringContaining('refused for the test') } }] },
      ]);
      const names = (await ctx.deps.db.select().from(organisations).where(eq(organisations.networkId, weisswasser.id))).map((o) => o.name);
      expect(names).toContain('Zweiter Verein');
      expect(names).not.toContain('Neuer Verein');
    } finally {
      await ctx.deps.database.query('DROP TRIGGER test_refuse ON offers');
      await ctx.deps.database.query('DROP FUNCTION test_refuse_offer()');
    }
  });
});
