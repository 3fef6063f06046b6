import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, ENGINE, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { eventCertificateCode } from './certificate.ts';
import { findEvent } from './queries.ts';
import { eventRegistrations, events } from './schema.ts';
import { createEvent, DAY, gemsEvents, localInDays, startEventWorld, type EventWorld } from './testing.ts';

/*
 * Issue 14, points 2 and 5: on-site events are placed from the venue's postcode or municipality and shown
 * on a server-drawn map (list and event page) that needs no script; the certificate names and links its
 * verification page, and the code's own address verifies.
 */

let ctx: TestContext;
let world: EventWorld;
beforeAll(async () => ({ ctx, world } = await startEventWorld()));
afterAll(() => ctx.close());

const base = () => gemsEvents(world);

function form(overrides: Record<string, string>) {
  return {
    organiser: 'office',
    kind: 'network_meeting',
    title: 'Treffen',
    description: '',
    startsAt: localInDays(ctx, 12, '18:00'),
    endsAt: localInDays(ctx, 12, '20:00'),
    mode: 'onsite',
    place: 'Rathaus',
    accessibility: '',
    municipalityId: world.krostitz.id,
    onlineUrl: '',
    audience: '',
    capacity: '',
    registrationEnabled: '1',
    questions: '',
    costs: '',
    repeatCount: '0',
    repeatWeeks: '1',
    ...overrides,
  };
}

async function create(office: Client, overrides: Record<string, string>) {
  const response = await office.submit(`${base()}/neu`, form(overrides), `${base()}/neu`);
  expect(response.statusCode, JSON.stringify(overrides)).toBe(303);
  const id = response.headers.location!.match(/veranstaltungen\/([0-9a-f-]{36})/)![1]!;
  const [row] = await ctx.deps.db.select().from(events).where(eq(events.id, id));
  return row!;
}

describe(`events on the map (${ENGINE})`, () => {
  it('places an on-site event at its postcode or its municipality, like an organisation’s address', async () => {
    const office = await signedInClient(ctx, world.office);
    const rackwitz = world.region.municipality('Rackwitz');
    const centre = { lat: world.krostitz.lat, lng: world.krostitz.lng };
    expect(centre.lat).not.toBeNull();
    // 04509 is shared by Krostitz and its neighbours: the municipality's centre is closer.
    const shared = await create(office, { title: 'Am Markt', place: 'Rathaus, Markt 3, 04509 Krostitz' });
    expect({ lat: shared.lat, lng: shared.lng }).toEqual(centre);
    // A postcode of another place wins over the chosen municipality.
    const elsewhere = await create(office, { title: 'Im Bürgerhaus', place: 'Bürgerhaus, 04519 Rackwitz' });
    expect(elsewhere.lat).toBeCloseTo(51.4392, 3);
    expect(elsewhere.lng).toBeCloseTo(12.3772, 3);
    // No postcode, or one nobody knows: the municipality's centre; the free-text place is not refused.
    expect(await create(office, { title: 'Ohne PLZ', place: 'Dorfplatz' })).toMatchObject(centre);
    expect(await create(office, { title: 'Unbekannte PLZ', place: 'Hof, 99999 Irgendwo' })).toMatchObject(centre);
    // Neither, or online: no position.
    expect(await create(office, { title: 'Nirgends', place: 'Dorfplatz', municipalityId: '' })).toMatchObject({ lat: null, lng: null });
    expect(await create(office, { title: 'Im Netz', mode: 'online', place: '', onlineUrl: 'https://meet.example/x' })).toMatchObject({ lat: null, lng: null });
    // Editing the place moves it.
    const edited = await office.submit(`${base()}/${shared.id}/bearbeiten`, form({ title: 'Am Markt', place: 'Gruppenraum, 04519 Rackwitz', municipalityId: rackwitz.id }), `${base()}/${shared.id}/bearbeiten`);
    expect(edited.statusCode).toBe(303);
    const [moved] = await ctx.deps.db.select().from(events).where(eq(events.id, shared.id));
    expect(moved?.lat).toBeCloseTo(51.4392, 3);
  });

  it('shows the list’s on-site events on a map drawn on the server, with a numbered list of places that carries the links', async () => {
    const visitor = new Client(ctx.app);
    const list = await visitor.get(base());
    expect(list.statusCode).toBe(200);
    const section = list.body.slice(list.body.indexOf('<section aria-labelledby="karte"'));
    expect(section).toContain('<h2 id="karte">Veranstaltungen vor Ort auf der Karte</h2>');
    expect(section).toMatch(/<svg viewBox="0 0 600 \d+" role="img" aria-labelledby="karte-svg-title"/);
    // Outlines of the network's municipalities, names, and one numbered marker per place.
    expect(section).toContain('<path d="M');
    expect(section).toContain('>Delitzsch</text>');
    const places = [...section.matchAll(/<li value="(\d+)"><strong>([^<]+)<\/strong>/g)].map((m) => [m[1], m[2]]);
    expect(places.length).toBeGreaterThanOrEqual(2);
    // The place at the Rackwitz postcode holds an event of Krostitz (postcode wins) and one of Rackwitz.
    expect(places.map((p) => p[1])).toEqual(expect.arrayContaining(['Krostitz', 'Krostitz / Rackwitz']));
    // Events at one place share its marker: the place at the Krostitz centre lists both events there.
    const krostitz = section.slice(section.indexOf('<strong>Krostitz</strong>'));
    const firstPlace = krostitz.slice(0, krostitz.indexOf('</ul>'));
    expect(firstPlace).toContain('>Ohne PLZ</a>');
    expect(firstPlace).toContain('>Unbekannte PLZ</a>');
    // Online events and events without a position are in the list above, not on the map.
    expect(section).not.toContain('>Im Netz</a>');
    expect(section).not.toContain('>Nirgends</a>');
    expect(list.body).toContain('>Nirgends</a>');
    // The map needs no script.
    expect(section.slice(0, section.indexOf('</section>'))).not.toContain('<script');
    // The month view has no map; the page of all networks draws the places without outlines.
    expect((await visitor.get(`${base()}?ansicht=monat`)).body).not.toContain('aria-labelledby="karte"');
    const all = await visitor.get('/veranstaltungen');
    expect(all.body).toContain('Veranstaltungen vor Ort auf der Karte');
  });

  it('shows an on-site event’s place on its page, and no map for an online event', async () => {
    const visitor = new Client(ctx.app);
    const onsite = await createEvent(ctx, { networkId: world.gems.id, title: 'Vor Ort', municipalityId: world.krostitz.id, lat: world.krostitz.lat, lng: world.krostitz.lng });
    const page = await visitor.get(`${base()}/${onsite.id}`);
    expect(page.body).toContain('<h2 id="karte">Auf der Karte</h2>');
    expect(page.body).toMatch(/<li value="1"><strong>Krostitz<\/strong>/);
    const online = await createEvent(ctx, { networkId: world.gems.id, title: 'Online', mode: 'online', place: '', onlineUrl: 'https://meet.example/y' });
    expect((await visitor.get(`${base()}/${online.id}`)).body).not.toContain('id="karte"');
  });
});

describe(`the certificate names its verification page (${ENGINE})`, () => {
  it('prints the page’s name and address and a link with the code, and that link verifies', async () => {
    const starts = new Date(ctx.clock.now.getTime() - 3 * DAY);
    const event = await createEvent(ctx, { networkId: world.gems.id, kind: 'training', title: 'Schulung Kassenführung', startsAt: starts, endsAt: new Date(starts.getTime() + 2 * 3_600_000) });
    const [present] = await ctx.deps.db
      .insert(eventRegistrations)
      .values({ eventId: event.id, name: 'Paula Prüfbar', email: 'paula@example.org', status: 'confirmed', position: 1, attended: true, tokenHash: 'f'.repeat(64), userId: world.volunteer.id })
      .returning();
    const volunteer = await signedInClient(ctx, world.volunteer);
    const pdf = await volunteer.get(`${base()}/${event.id}/teilnahme/${present!.id}/bescheinigung.pdf`);
    expect(pdf.statusCode).toBe(200);
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    const publicUrl = ctx.deps.config.publicUrl;
    const code = await eventCertificateCode(ctx.deps.db, ctx.deps.config.cookieSecret!, (await findEvent(ctx.deps.db, event.id))!, present!, ctx.clock.now);
    expect(text).toContain('Teilnahmebescheinigung prüfen');
    expect(text).toContain(`${publicUrl}/veranstaltungen/nachweis`);
    expect(text.replace(/\s+/g, '')).toContain(`${publicUrl}/veranstaltungen/nachweis?code=${code}`);
    // The link is a real link in the PDF.
    expect(pdf.rawPayload.toString('latin1')).toContain('/URI');

    const direct = await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${code}`);
    expect(direct.statusCode).toBe(200);
    expect(direct.body).toContain('Die Bescheinigung ist echt.');
    expect(direct.body).toContain('Paula Prüfbar');
    const altered = await new Client(ctx.app).get(`/veranstaltungen/nachweis?code=${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`);
    expect(altered.statusCode).toBe(404);
    expect(altered.body).not.toContain('Paula');
  });
});
