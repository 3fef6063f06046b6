import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { User } from '../../platform/auth/schema.ts';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createNeed, createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { needs, type Need } from './schema.ts';

let ctx: TestContext;
let region: Awaited<ReturnType<typeof demoRegion>>;
let people: Record<'office' | 'guideKrostitz' | 'guideTaucha' | 'otherOffice' | 'volunteer' | 'organisation' | 'creator', User>;

const REQUESTER = { requesterName: 'Erika Mustermann', requesterEmail: 'erika.mustermann@example.org', requesterPhone: '034295 12345' };

beforeAll(async () => {
  ctx = await createTestApp();
  region = await demoRegion(ctx);
  const gems = region.gems.id;
  people = {
    office: await createUser(ctx, { email: 'office@gems.example', name: 'Nora Netzwerkstelle', roles: [{ networkId: gems, role: 'network_office' }] }),
    guideKrostitz: await createUser(ctx, {
      email: 'lotse-krostitz@example.org',
      roles: [{ networkId: gems, role: 'guide', municipalityIds: [region.municipality('Krostitz').id] }],
    }),
    guideTaucha: await createUser(ctx, {
      email: 'lotse-taucha@example.org',
      roles: [{ networkId: gems, role: 'guide', municipalityIds: [region.municipality('Taucha').id] }],
    }),
    otherOffice: await createUser(ctx, { email: 'office@ww.example', roles: [{ networkId: region.weisswasser.id, role: 'network_office' }] }),
    volunteer: await createUser(ctx, { email: 'volunteer@example.org', roles: [{ networkId: gems, role: 'volunteer' }] }),
    organisation: await createUser(ctx, { email: 'verein@example.org', roles: [{ networkId: gems, role: 'organisation' }] }),
    creator: await createUser(ctx, { email: 'creator@example.org', name: 'Carla Creator' }),
  };
});
afterAll(() => ctx.close());

async function as(who: keyof typeof people | 'anonymous'): Promise<Client> {
  return who === 'anonymous' ? new Client(ctx.app) : signedInClient(ctx, people[who]);
}

function needForm(overrides: Record<string, string | string[]> = {}) {
  return {
    title: 'Begleitung zum Arzt',
    description: 'Dienstags vormittags Begleitung zur Hausärztin nach Delitzsch.',
    field: 'sozial',
    skills: 'Erste Hilfe',
    weekdays: ['2'],
    timesOfDay: ['morning'],
    municipalityId: region.municipality('Krostitz').id,
    place: 'Krostitz, Ortsteil Hohenossig',
    startsOn: '',
    endsOn: '',
    ...overrides,
  };
}

async function privateNeed(values: Partial<typeof needs.$inferInsert> = {}): Promise<Need> {
  const krostitz = region.municipality('Krostitz');
  return createNeed(ctx, {
    networkId: region.gems.id,
    municipalityId: krostitz.id,
    lat: krostitz.lat,
    lng: krostitz.lng,
    createdBy: people.creator.id,
    ...REQUESTER,
    ...values,
  });
}

describe('needs are private by default', () => {
  it('shows a need only to the office, the guide of its municipality and its creator', async () => {
    const need = await privateNeed();
    const url = `/netzwerk/gems/gesuche/${need.id}`;
    for (const who of ['anonymous', 'volunteer', 'organisation', 'guideTaucha', 'otherOffice'] as const) {
      const response = await (await as(who)).get(url);
      expect(response.statusCode, who).toBe(404);
      expect(response.body).not.toContain('Erika Mustermann');
    }
    for (const who of ['office', 'guideKrostitz', 'creator'] as const) {
      const response = await (await as(who)).get(url);
      expect(response.statusCode, who).toBe(200);
      expect(response.body).toContain('Begleitung zum Arzt');
      expect(response.body).toContain('Erika Mustermann');
      expect(response.body).toContain('erika.mustermann@example.org');
    }
    // The same need under the other network's address does not exist.
    expect((await (await as('otherOffice')).get(`/netzwerk/weisswasser/gesuche/${need.id}`)).statusCode).toBe(404);
    for (const sub of ['bearbeiten', 'vorschlaege', 'angebote']) {
      expect((await (await as('volunteer')).get(`${url}/${sub}`)).statusCode, sub).toBe(404);
      expect((await (await as('guideTaucha')).get(`${url}/${sub}`)).statusCode, sub).toBe(404);
    }
  });

  it('lists needs for the office and for guides only in their municipalities', async () => {
    const krostitzNeed = await privateNeed({ title: 'Einkaufshilfe Krostitz' });
    await privateNeed({ title: 'Gartenhilfe Taucha', municipalityId: region.municipality('Taucha').id });
    const office = await (await as('office')).get('/netzwerk/gems/gesuche');
    expect(office.statusCode).toBe(200);
    expect(office.body).toContain('Einkaufshilfe Krostitz');
    expect(office.body).toContain('Gartenhilfe Taucha');
    expect(office.body).toContain('<caption id="gesuche-tabelle-caption">');
    expect(office.body).toContain('role="region" aria-labelledby="gesuche-tabelle-caption" tabindex="0"');

    const guide = await (await as('guideKrostitz')).get('/netzwerk/gems/gesuche');
    expect(guide.statusCode).toBe(200);
    expect(guide.body).toContain('Einkaufshilfe Krostitz');
    expect(guide.body).not.toContain('Gartenhilfe Taucha');
    // A guide cannot widen the list by filtering for another municipality.
    const sneaky = await (await as('guideKrostitz')).get(`/netzwerk/gems/gesuche?kommune=${region.municipality('Taucha').id}`);
    expect(sneaky.body).not.toContain('Gartenhilfe Taucha');

    const filtered = await (await as('office')).get(`/netzwerk/gems/gesuche?kommune=${region.municipality('Taucha').id}&status=open&feld=sozial`);
    expect(filtered.body).toContain('Gartenhilfe Taucha');
    expect(filtered.body).not.toContain('Einkaufshilfe Krostitz');
    expect((await (await as('office')).get('/netzwerk/gems/gesuche?status=quatsch&kommune=nix')).statusCode).toBe(200);

    for (const who of ['volunteer', 'organisation', 'creator', 'otherOffice'] as const) {
      expect((await (await as(who)).get('/netzwerk/gems/gesuche')).statusCode, who).toBe(403);
    }
    expect((await (await as('anonymous')).get('/netzwerk/gems/gesuche')).statusCode).toBe(303);
    expect(krostitzNeed.isPublic).toBe(false);
  });

  it('never shows the requester of a public need to the public', async () => {
    const need = await privateNeed({ title: 'Vorlesen im Seniorenheim gesucht', isPublic: true, field: 'kultur' });
    for (const who of ['anonymous', 'volunteer', 'otherOffice'] as const) {
      const detail = await (await as(who)).get(`/netzwerk/gems/gesuche/${need.id}`);
      expect(detail.statusCode, who).toBe(200);
      expect(detail.body).toContain('Vorlesen im Seniorenheim gesucht');
      expect(detail.body).toContain('Kultur und Musik');
      expect(detail.body).toContain('Krostitz');
      for (const secret of Object.values(REQUESTER)) expect(detail.body, who).not.toContain(secret);
    }
    const list = await (await as('anonymous')).get('/netzwerk/gems/gesuche/oeffentlich');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Vorlesen im Seniorenheim gesucht');
    for (const secret of Object.values(REQUESTER)) expect(list.body).not.toContain(secret);
    // Private needs never appear in the public list.
    await privateNeed({ title: 'Heimliches Gesuch' });
    expect((await (await as('anonymous')).get('/netzwerk/gems/gesuche/oeffentlich')).body).not.toContain('Heimliches Gesuch');
    // Seeing a public need is not editing it.
    expect((await (await as('volunteer')).get(`/netzwerk/gems/gesuche/${need.id}/bearbeiten`)).statusCode).toBe(403);
    expect((await (await as('anonymous')).get(`/netzwerk/gems/gesuche/${need.id}/bearbeiten`)).statusCode).toBe(303);
  });

  it('answers 404 for ids that are not needs', async () => {
    const office = await as('office');
    expect((await office.get('/netzwerk/gems/gesuche/keine-uuid')).statusCode).toBe(404);
    expect((await office.get('/netzwerk/gems/gesuche/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await office.get('/netzwerk/gibtsnicht/gesuche')).statusCode).toBe(404);
  });
});

describe('recording needs', () => {
  it('lets a signed-in person record a need for themself, which the guide of the municipality then sees', async () => {
    const client = await as('creator');
    const form = await client.get('/netzwerk/gems/gesuche/neu');
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('value="other"');
    const response = await client.submit('/netzwerk/gems/gesuche/neu', needForm({ title: 'Hilfe beim Umzug' }));
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/netzwerk\/gems\/gesuche\/[0-9a-f-]{36}\?gespeichert=1$/);
    const id = location.split('/')[4]!.split('?')[0]!;
    const [stored] = await ctx.deps.db.select().from(needs).where(eq(needs.id, id));
    expect(stored).toMatchObject({
      createdBy: people.creator.id,
      requesterName: 'Carla Creator',
      requesterEmail: 'creator@example.org',
      isPublic: false,
      status: 'open',
      skills: ['Erste Hilfe'],
      weekdays: [2],
      timesOfDay: ['morning'],
      lat: region.municipality('Krostitz').lat,
    });
    expect((await client.get(location)).body).toContain('Das Gesuch ist gespeichert.');
    expect((await (await as('guideKrostitz')).get(`/netzwerk/gems/gesuche/${id}`)).statusCode).toBe(200);
  });

  it('keeps one need when the same form is sent twice', async () => {
    const client = await as('creator');
    const first = await client.submit('/netzwerk/gems/gesuche/neu', needForm({ title: 'Doppelt geklickt' }), '/netzwerk/gems/gesuche/neu');
    const second = await client.submit('/netzwerk/gems/gesuche/neu', needForm({ title: 'Doppelt geklickt' }), '/netzwerk/gems/gesuche/neu');
    expect(second.headers.location).toBe(first.headers.location);
    const rows = await ctx.deps.db.select().from(needs).where(eq(needs.title, 'Doppelt geklickt'));
    expect(rows).toHaveLength(1);
  });

  it('lets the office record a need on behalf of someone, with their contact details', async () => {
    const client = await as('office');
    const form = await client.get('/netzwerk/gems/gesuche/neu');
    expect(form.body).toContain('value="other"');
    const response = await client.submit(
      '/netzwerk/gems/gesuche/neu',
      needForm({ title: 'Anruf: Hilfe im Garten', requester: 'other', requesterName: 'Herbert Gärtner', requesterEmail: 'Herbert@Example.org', requesterPhone: '0341 123456' }),
    );
    expect(response.statusCode).toBe(303);
    const [stored] = await ctx.deps.db.select().from(needs).where(eq(needs.title, 'Anruf: Hilfe im Garten'));
    expect(stored).toMatchObject({ requesterName: 'Herbert Gärtner', requesterEmail: 'herbert@example.org', requesterPhone: '0341 123456', createdBy: people.office.id });
  });

  it('lets a guide record needs for others only in their own municipalities', async () => {
    const client = await as('guideKrostitz');
    const elsewhere = await client.submit(
      '/netzwerk/gems/gesuche/neu',
      needForm({ title: 'In Taucha', requester: 'other', requesterName: 'Tina Taucha', municipalityId: region.municipality('Taucha').id }),
      '/netzwerk/gems/gesuche/neu',
    );
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.body).toContain('nur in den Kommunen, die Sie betreuen');
    expect(elsewhere.body).toContain('value="Tina Taucha"');
    const home = await client.submit('/netzwerk/gems/gesuche/neu', needForm({ title: 'In Krostitz', requester: 'other', requesterName: 'Kurt Krostitz' }));
    expect(home.statusCode).toBe(303);
  });

  it('refuses someone else’s need from people who are neither office nor guide', async () => {
    const response = await (await as('volunteer')).submit(
      '/netzwerk/gems/gesuche/neu',
      needForm({ title: 'Fremd', requester: 'other', requesterName: 'Jemand' }),
      '/netzwerk/gems/gesuche/neu',
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="f-requester-error"');
  });

  it('records a need for an organisation its members can follow', async () => {
    const org = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Kita Sonnenschein' });
    const colleague = await createUser(ctx, { email: 'kollegin@kita.example' });
    await ctx.deps.db.insert(organisationMembers).values([
      { organisationId: org.id, userId: people.organisation.id, role: 'admin' },
      { organisationId: org.id, userId: colleague.id, role: 'member' },
    ]);
    const client = await as('organisation');
    expect((await client.get('/netzwerk/gems/gesuche/neu')).body).toContain(`value="org:${org.id}"`);
    const response = await client.submit('/netzwerk/gems/gesuche/neu', needForm({ title: 'Lesepaten für die Kita', requester: `org:${org.id}`, field: 'schule' }));
    expect(response.statusCode).toBe(303);
    const [stored] = await ctx.deps.db.select().from(needs).where(eq(needs.title, 'Lesepaten für die Kita'));
    expect(stored?.organisationId).toBe(org.id);
    expect((await (await signedInClient(ctx, colleague)).get(String(response.headers.location))).statusCode).toBe(200);
    // Claiming an organisation one does not belong to is refused.
    const foreign = await (await as('creator')).submit(
      '/netzwerk/gems/gesuche/neu',
      needForm({ title: 'Fremde Kita', requester: `org:${org.id}` }),
      '/netzwerk/gems/gesuche/neu',
    );
    expect(foreign.statusCode).toBe(422);
  });

  it('marks wrong input with 422 and keeps it, and shows script as text', async () => {
    const client = await as('creator');
    const response = await client.submit(
      '/netzwerk/gems/gesuche/neu',
      needForm({
        title: '',
        description: '<script>alert(1)</script>',
        field: 'zauberei',
        municipalityId: '',
        startsOn: '2026-02-31',
        endsOn: 'morgen',
        weekdays: ['9'],
      }),
      '/netzwerk/gems/gesuche/neu',
    );
    expect(response.statusCode).toBe(422);
    for (const field of ['title', 'field', 'municipalityId', 'endsOn', 'weekdays']) {
      expect(response.body, field).toContain(`href="#f-${field}"`);
    }
    expect(response.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(response.body).not.toContain('<script>alert(1)</script>');
    const badDate = await client.submit('/netzwerk/gems/gesuche/neu', needForm({ startsOn: '2026-02-31' }), '/netzwerk/gems/gesuche/neu');
    expect(badDate.statusCode).toBe(422);
    expect(badDate.body).toContain('Bitte geben Sie ein gültiges Datum ein');
    const reversed = await client.submit('/netzwerk/gems/gesuche/neu', needForm({ startsOn: '2026-05-01', endsOn: '2026-04-01' }), '/netzwerk/gems/gesuche/neu');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.body).toContain('Das Ende liegt vor dem Beginn.');
    const otherNetwork = await client.submit(
      '/netzwerk/gems/gesuche/neu',
      needForm({ municipalityId: region.municipality('Weißwasser/O.L.').id }),
      '/netzwerk/gems/gesuche/neu',
    );
    expect(otherNetwork.statusCode).toBe(422);
    expect(await (await as('anonymous')).get('/netzwerk/gems/gesuche/neu').then((r) => r.statusCode)).toBe(303);
  });

  it('lets the creator edit the need', async () => {
    const need = await privateNeed({ title: 'Alter Titel' });
    const client = await as('creator');
    const form = await client.get(`/netzwerk/gems/gesuche/${need.id}/bearbeiten`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Alter Titel"');
    const response = await client.submit(`/netzwerk/gems/gesuche/${need.id}/bearbeiten`, needForm({ title: 'Neuer Titel', ...REQUESTER, isPublic: '1' }));
    expect(response.statusCode).toBe(303);
    const [stored] = await ctx.deps.db.select().from(needs).where(eq(needs.id, need.id));
    expect(stored).toMatchObject({ title: 'Neuer Titel', isPublic: true, requesterName: REQUESTER.requesterName });
  });
});

describe('status of a need', () => {
  const post = (client: Client, need: Need, status: string, from: string) =>
    client.submit(`/netzwerk/gems/gesuche/${need.id}/status`, { status, from }, `/netzwerk/gems/gesuche/${need.id}`);

  it('moves open → in progress → matched → closed for the office, and refuses skipped steps', async () => {
    const need = await privateNeed();
    const office = await as('office');
    expect((await post(office, need, 'matched', 'open')).statusCode).toBe(422);
    for (const [from, to] of [
      ['open', 'in_progress'],
      ['in_progress', 'matched'],
      ['matched', 'closed'],
    ] as const) {
      const response = await post(office, need, to, from);
      expect(response.statusCode).toBe(303);
      const [stored] = await ctx.deps.db.select().from(needs).where(eq(needs.id, need.id));
      expect(stored?.status).toBe(to);
    }
    // A stale form (someone else moved it meanwhile) changes nothing.
    expect((await post(office, need, 'in_progress', 'open')).statusCode).toBe(409);
  });

  it('lets the creator close but not move the need along, and nobody else touch it', async () => {
    const need = await privateNeed();
    expect((await post(await as('creator'), need, 'in_progress', 'open')).statusCode).toBe(422);
    expect((await post(await as('guideTaucha'), need, 'in_progress', 'open')).statusCode).toBe(404);
    expect((await post(await as('guideKrostitz'), need, 'in_progress', 'open')).statusCode).toBe(303);
    expect((await post(await as('creator'), need, 'closed', 'in_progress')).statusCode).toBe(303);
  });
});

describe('a need reaches a fitting volunteer', () => {
  async function volunteerWith(email: string, name: string, values: Partial<typeof volunteerProfiles.$inferInsert>) {
    const user = await createUser(ctx, { email, name });
    await ctx.deps.db.insert(volunteerProfiles).values({ userId: user.id, ...values });
    return user;
  }

  it('suggests the opted-in volunteer in Krostitz first, with the right reasons, and never one who did not opt in', async () => {
    const krostitz = region.municipality('Krostitz');
    const delitzsch = region.municipality('Delitzsch');
    const need = await privateNeed({
      title: 'Begleitung zum Arzt dienstags',
      field: 'sozial',
      skills: ['Erste Hilfe'],
      weekdays: [2],
      timesOfDay: ['morning'],
    });
    const home = { homeMunicipalityId: krostitz.id, lat: krostitz.lat, lng: krostitz.lng, radiusKm: 15 };
    const best = await volunteerWith('best@example.org', 'Berta Beste', {
      ...home,
      fields: ['sozial'],
      skills: ['erste hilfe'],
      weekdays: [2, 3],
      timesOfDay: ['morning'],
      contactable: true,
    });
    const second = await volunteerWith('second@example.org', 'Dieter Delitzsch', {
      homeMunicipalityId: delitzsch.id,
      lat: delitzsch.lat,
      lng: delitzsch.lng,
      radiusKm: 20,
      fields: ['sozial'],
      contactable: true,
    });
    await volunteerWith('hidden@example.org', 'Hanna Heimlich', {
      ...home,
      fields: ['sozial'],
      skills: ['Erste Hilfe'],
      weekdays: [2],
      timesOfDay: ['morning'],
      contactable: false,
    });
    await volunteerWith('far@example.org', 'Weit Weg', {
      homeMunicipalityId: region.municipality('Weißwasser/O.L.').id,
      lat: 51.505,
      lng: 14.6378,
      radiusKm: 30,
      fields: ['sozial'],
      contactable: true,
    });

    for (const who of ['office', 'guideKrostitz'] as const) {
      const page = await (await as(who)).get(`/netzwerk/gems/gesuche/${need.id}/vorschlaege`);
      expect(page.statusCode, who).toBe(200);
      const body = page.body;
      expect(body).toContain('Berta Beste');
      expect(body).toContain('Dieter Delitzsch');
      expect(body.indexOf('Berta Beste')).toBeLessThan(body.indexOf('Dieter Delitzsch'));
      const bestRow = body.slice(body.indexOf('Berta Beste'), body.indexOf('Dieter Delitzsch'));
      for (const reason of ['gleiches Tätigkeitsfeld', 'weniger als 1 km entfernt', 'dienstags vormittags passt', '<li>Erste Hilfe</li>']) {
        expect(bestRow).toContain(reason);
      }
      expect(body).toContain(`/netzwerk/gems/vermittlungen/neu?need=${need.id}&amp;volunteer=${best.id}`);
      expect(body).toContain(`volunteer=${second.id}`);
      expect(body).not.toContain('Hanna Heimlich');
      expect(body).not.toContain('Weit Weg');
      expect(body).not.toContain('best@example.org');
    }
    // The creator follows the need but does not browse volunteers.
    expect((await (await as('creator')).get(`/netzwerk/gems/gesuche/${need.id}/vorschlaege`)).statusCode).toBe(403);
  });

  it('suggests fitting published offers for a need, with reasons and a link to make a placement', async () => {
    const delitzsch = region.municipality('Delitzsch');
    const org = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Seniorenhilfe Delitzsch' });
    const need = await privateNeed({ title: 'Begleitung zum Arzt', field: 'sozial', weekdays: [2], timesOfDay: ['morning'] });
    const fitting = await createOffer(ctx, {
      networkId: region.gems.id,
      organisationId: org.id,
      municipalityId: delitzsch.id,
      title: 'Besuchsdienst und Begleitung für ältere Menschen',
      field: 'sozial',
      weekdays: [2, 4],
      timesOfDay: ['morning'],
    });
    const wordsOnly = await createOffer(ctx, {
      networkId: region.gems.id,
      organisationId: org.id,
      municipalityId: delitzsch.id,
      title: 'Fahrten zum Arzt organisieren',
      field: 'gesundheit',
    });
    const unrelated = await createOffer(ctx, {
      networkId: region.gems.id,
      organisationId: org.id,
      municipalityId: delitzsch.id,
      title: 'Fußballtraining für Kinder',
      field: 'sport',
    });
    const far = await createOffer(ctx, {
      networkId: region.weisswasser.id,
      organisationId: (await createOrganisation(ctx, { networkId: region.weisswasser.id, name: 'WW Verein' })).id,
      municipalityId: region.municipality('Weißwasser/O.L.').id,
      title: 'Begleitung zum Arzt in Weißwasser',
      field: 'sozial',
    });
    const paused = await createOffer(ctx, {
      networkId: region.gems.id,
      organisationId: org.id,
      municipalityId: delitzsch.id,
      title: 'Begleitung pausiert',
      field: 'sozial',
      status: 'paused',
    });
    const page = await (await as('office')).get(`/netzwerk/gems/gesuche/${need.id}/angebote`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/angebote/${fitting.id}`);
    expect(page.body).toContain(`/angebote/${wordsOnly.id}`);
    expect(page.body.indexOf(fitting.id)).toBeLessThan(page.body.indexOf(wordsOnly.id));
    expect(page.body).toContain('gleiches Tätigkeitsfeld');
    expect(page.body).toMatch(/\d+ km entfernt/);
    expect(page.body).toContain('dienstags vormittags passt');
    expect(page.body).toContain('Begriffe aus dem Gesuch kommen im Angebot vor');
    expect(page.body).toContain(`/netzwerk/gems/vermittlungen/neu?need=${need.id}&amp;offer=${fitting.id}`);
    for (const absent of [unrelated, far, paused]) expect(page.body).not.toContain(absent.id);

    const tight = await (await as('office')).get(`/netzwerk/gems/gesuche/${need.id}/angebote?umkreis=2`);
    expect(tight.body).not.toContain(fitting.id);
    expect((await (await as('office')).get(`/netzwerk/gems/gesuche/${need.id}/angebote?umkreis=9999`)).statusCode).toBe(200);
  });
});
