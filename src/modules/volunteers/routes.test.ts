import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { volunteerProfiles } from './schema.ts';

let ctx: TestContext;
let region: Awaited<ReturnType<typeof demoRegion>>;

beforeAll(async () => {
  ctx = await createTestApp();
  region = await demoRegion(ctx);
});
afterAll(() => ctx.close());

const baseProfile = (overrides: Record<string, string | string[]> = {}) => ({
  skills: '',
  homeMunicipalityId: '',
  postcode: '',
  radiusKm: '15',
  languages: '',
  about: '',
  ...overrides,
});

async function profileOf(userId: string) {
  const [row] = await ctx.deps.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, userId));
  return row;
}

describe('volunteer profile /konto/engagement', () => {
  it('sends anonymous visitors to the login', async () => {
    const response = await new Client(ctx.app).get('/konto/engagement');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/anmelden');
  });

  it('shows the 14 fields with German labels, the municipalities grouped by network and the opt-in', async () => {
    const user = await createUser(ctx, { email: 'form@example.org' });
    const client = await signedInClient(ctx, user);
    const page = await client.get('/konto/engagement');
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/name="fields"/g)).toHaveLength(14);
    expect(page.body).toContain('Sozialer Bereich');
    expect(page.body).toContain('Unfall- oder Rettungsdienst oder freiwillige Feuerwehr');
    expect(page.body).toContain('<optgroup label="GEMS – gemeinsam engagiert macht stark">');
    expect(page.body).toContain('Organisationen und die Netzwerkstelle dürfen mir passende Angebote vorschlagen und mich kontaktieren');
  });

  it('saves a profile and takes the coordinates from the home municipality', async () => {
    const user = await createUser(ctx, { email: 'saver@example.org' });
    const client = await signedInClient(ctx, user);
    const krostitz = region.municipality('Krostitz');
    const response = await client.submit(
      '/konto/engagement',
      baseProfile({
        fields: ['sozial', 'kultur'],
        skills: 'Erste Hilfe, Kochen, erste hilfe',
        weekdays: ['2', '4'],
        timesOfDay: ['morning'],
        homeMunicipalityId: krostitz.id,
        radiusKm: '12',
        languages: 'Deutsch, Polnisch',
        remoteOk: '1',
        about: 'Rentnerin, <b>gern</b> draußen.',
        contactable: '1',
      }),
      '/konto/engagement',
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/konto/engagement?gespeichert=1');
    const profile = await profileOf(user.id);
    expect(profile).toMatchObject({
      fields: ['sozial', 'kultur'],
      skills: ['Erste Hilfe', 'Kochen'],
      weekdays: [2, 4],
      timesOfDay: ['morning'],
      homeMunicipalityId: krostitz.id,
      lat: krostitz.lat,
      lng: krostitz.lng,
      radiusKm: 12,
      languages: ['Deutsch', 'Polnisch'],
      remoteOk: true,
      contactable: true,
    });
    const again = await client.get('/konto/engagement?gespeichert=1');
    expect(again.body).toContain('Ihr Profil ist gespeichert.');
    expect(again.body).toContain('value="Erste Hilfe, Kochen"');
    expect(again.body).toContain('&lt;b>gern&lt;/b>');
    expect(again.body).not.toContain('<b>gern</b>');
  });

  it('refuses a radius outside 1–200 and an unknown field with 422, marks the fields and keeps the input', async () => {
    const user = await createUser(ctx, { email: 'wrong@example.org' });
    const client = await signedInClient(ctx, user);
    for (const radiusKm of ['0', '201', 'weit', '']) {
      const response = await client.submit('/konto/engagement', baseProfile({ radiusKm, skills: 'Gitarre spielen' }), '/konto/engagement');
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('class="error-summary"');
      expect(response.body).toMatch(/id="f-radiusKm"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-radiusKm"/);
      expect(response.body).toContain('value="Gitarre spielen"');
    }
    const unknownField = await client.submit(
      '/konto/engagement',
      baseProfile({ fields: ['sozial', 'zauberei'], skills: 'Kochen', weekdays: ['3'] }),
      '/konto/engagement',
    );
    expect(unknownField.statusCode).toBe(422);
    expect(unknownField.body).toContain('href="#f-fields"');
    expect(unknownField.body).toContain('id="f-fields-error"');
    expect(unknownField.body).toContain('value="Kochen"');
    expect(unknownField.body).toMatch(/value="sozial"[^>]*checked|checked[^>]*value="sozial"/);
    expect(unknownField.body).toMatch(/value="3"[^>]*checked|checked[^>]*value="3"/);
    expect(await profileOf(user.id)).toBeUndefined();
  });

  it('refuses an unknown municipality and a malformed postcode', async () => {
    const user = await createUser(ctx, { email: 'place@example.org' });
    const client = await signedInClient(ctx, user);
    const unknown = await client.submit(
      '/konto/engagement',
      baseProfile({ homeMunicipalityId: '00000000-0000-4000-8000-000000000000' }),
      '/konto/engagement',
    );
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Diese Kommune kennen wir nicht');
    const postcode = await client.submit('/konto/engagement', baseProfile({ postcode: '4509' }), '/konto/engagement');
    expect(postcode.statusCode).toBe(422);
    expect(postcode.body).toContain('Bitte geben Sie fünf Ziffern ein');
    const garbage = await client.submit('/konto/engagement', baseProfile({ homeMunicipalityId: "x' or 1=1" }), '/konto/engagement');
    expect(garbage.statusCode).toBe(422);
  });

  it('rejects a post without CSRF token', async () => {
    const user = await createUser(ctx, { email: 'csrf@example.org' });
    const client = await signedInClient(ctx, user);
    const response = await client.request({
      method: 'POST',
      url: '/konto/engagement',
      payload: new URLSearchParams(baseProfile()).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('suggestions', () => {
  it('suggests fitting published offers to a volunteer with the reasons, and never unpublished or far ones', async () => {
    const { gems } = region;
    const org = await createOrganisation(ctx, { networkId: gems.id, name: 'Tafel Delitzsch e. V.' });
    const krostitz = region.municipality('Krostitz');
    const delitzsch = region.municipality('Delitzsch');
    const weisswasser = region.municipality('Weißwasser/O.L.');
    const near = await createOffer(ctx, {
      networkId: gems.id,
      organisationId: org.id,
      municipalityId: delitzsch.id,
      title: 'Lebensmittel ausgeben bei der Tafel',
      field: 'sozial',
      skills: ['Erste Hilfe'],
      weekdays: [2],
      timesOfDay: ['afternoon'],
    });
    await createOffer(ctx, {
      networkId: gems.id,
      organisationId: org.id,
      municipalityId: delitzsch.id,
      title: 'Entwurf bei der Tafel',
      field: 'sozial',
      status: 'draft',
    });
    await createOffer(ctx, {
      networkId: region.weisswasser.id,
      organisationId: (await createOrganisation(ctx, { networkId: region.weisswasser.id, name: 'Verein Weißwasser' })).id,
      municipalityId: weisswasser.id,
      title: 'Fern in der Lausitz',
      field: 'sozial',
    });
    const user = await createUser(ctx, { email: 'suggest@example.org' });
    const client = await signedInClient(ctx, user);
    await client.submit(
      '/konto/engagement',
      baseProfile({
        fields: ['sozial'],
        skills: 'erste hilfe',
        weekdays: ['2'],
        timesOfDay: ['afternoon'],
        homeMunicipalityId: krostitz.id,
        radiusKm: '20',
      }),
      '/konto/engagement',
    );
    const page = await client.get('/konto/vorschlaege');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/angebote/${near.id}"`);
    expect(page.body).toContain('Tafel Delitzsch e. V.');
    expect(page.body).toContain('gleiches Tätigkeitsfeld');
    expect(page.body).toMatch(/\d+ km entfernt/);
    expect(page.body).toContain('dienstags nachmittags passt');
    expect(page.body).toContain('<li>Erste Hilfe</li>');
    expect(page.body).not.toContain('Entwurf bei der Tafel');
    expect(page.body).not.toContain('Fern in der Lausitz');

    client.cookies.set('mmn_lang', 'en');
    const english = await client.get('/konto/vorschlaege');
    expect(english.body).toContain('same field of activity');
    expect(english.body).toContain('Tuesday afternoons fit');
  });

  it('asks people without a profile to create one', async () => {
    const user = await createUser(ctx, { email: 'noprofile@example.org' });
    const page = await (await signedInClient(ctx, user)).get('/konto/vorschlaege');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/konto/engagement"');
  });

  it('suggests opted-in volunteers for an offer to its organisation and the office only, without e-mail addresses', async () => {
    const { gems } = region;
    const rackwitz = region.municipality('Rackwitz');
    const org = await createOrganisation(ctx, { networkId: gems.id, name: 'Sportverein Rackwitz' });
    const other = await createOrganisation(ctx, { networkId: gems.id, name: 'Anderer Verein' });
    const offer = await createOffer(ctx, {
      networkId: gems.id,
      organisationId: org.id,
      municipalityId: rackwitz.id,
      title: 'Übungsleitung Kinderturnen',
      field: 'sport',
      skills: ['Übungsleiterschein'],
    });
    const fan = await createUser(ctx, { email: 'turnen-fan@example.org', name: 'Tilda Turnfreundin' });
    const shy = await createUser(ctx, { email: 'shy@example.org', name: 'Stefan Stillschweiger' });
    for (const [person, contactable] of [
      [fan, '1'],
      [shy, ''],
    ] as const) {
      const c = await signedInClient(ctx, person);
      await c.submit(
        '/konto/engagement',
        baseProfile({
          fields: ['sport'],
          skills: 'übungsleiterschein',
          homeMunicipalityId: rackwitz.id,
          ...(contactable ? { contactable } : {}),
        }),
        '/konto/engagement',
      );
    }

    const member = await createUser(ctx, { email: 'member@example.org', roles: [{ networkId: gems.id, role: 'organisation' }] });
    await ctx.deps.db.insert(organisationMembers).values({ organisationId: org.id, userId: member.id, role: 'member' });
    const outsider = await createUser(ctx, { email: 'outsider@example.org', roles: [{ networkId: gems.id, role: 'organisation' }] });
    await ctx.deps.db.insert(organisationMembers).values({ organisationId: other.id, userId: outsider.id, role: 'admin' });
    const office = await createUser(ctx, { email: 'office@example.org', roles: [{ networkId: gems.id, role: 'network_office' }] });
    const otherOffice = await createUser(ctx, {
      email: 'office-ww@example.org',
      roles: [{ networkId: region.weisswasser.id, role: 'network_office' }],
    });

    const url = `/angebote/${offer.id}/vorschlaege`;
    for (const allowed of [member, office]) {
      const page = await (await signedInClient(ctx, allowed)).get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Tilda Turnfreundin');
      expect(page.body).toContain('gleiches Tätigkeitsfeld');
      expect(page.body).toContain('weniger als 1 km entfernt');
      expect(page.body).toContain('Übungsleiterschein');
      expect(page.body).toContain(`/netzwerk/gems/vermittlungen/neu?offer=${offer.id}&amp;volunteer=${fan.id}`);
      expect(page.body).not.toContain('turnen-fan@example.org');
      expect(page.body).not.toContain('Stefan Stillschweiger');
    }
    for (const denied of [outsider, otherOffice, fan]) {
      expect((await (await signedInClient(ctx, denied)).get(url)).statusCode).toBe(403);
    }
    expect((await new Client(ctx.app).get(url)).statusCode).toBe(303);
    expect((await (await signedInClient(ctx, office)).get('/angebote/not-a-uuid/vorschlaege')).statusCode).toBe(404);
  });
});
