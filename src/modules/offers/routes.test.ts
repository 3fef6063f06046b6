import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer } from '../../../test/fixtures.ts';
import { networks } from '../../platform/networks/schema.ts';
import { organisations } from '../organisations/schema.ts';
import { getPublishedOffer } from './queries.ts';
import { offers } from './schema.ts';
import { castOf, offerForm, type Cast } from './test-support.ts';

let ctx: TestContext;
let cast: Cast;
beforeAll(async () => {
  ctx = await createTestApp();
  cast = await castOf(ctx);
});
afterAll(() => ctx.close());

async function createThroughForm(client: Client, organisationId: string, overrides: Record<string, string | string[]> = {}) {
  const page = await client.get(`/organisationen/${organisationId}/angebote/neu`);
  const key = page.body.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] ?? '';
  const response = await client.submit(`/organisationen/${organisationId}/angebote/neu`, {
    ...offerForm({ municipalityId: cast.krostitz }),
    idempotencyKey: key,
    ...overrides,
  });
  const id = response.headers.location?.match(/angebote\/([0-9a-f-]+)/)?.[1] ?? '';
  return { response, id, key };
}

async function statusOf(id: string) {
  const [row] = await ctx.deps.db.select().from(offers).where(eq(offers.id, id));
  return row;
}

describe('creating offers', () => {
  it('saves a draft with every field, not visible to the public', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const { response, id } = await createThroughForm(client, cast.orgA.id, { intent: 'draft' });
    expect(response.statusCode).toBe(303);
    const stored = await statusOf(id);
    expect(stored).toMatchObject({
      status: 'draft',
      title: 'Vorlesepatin oder Vorlesepate in der Kita',
      field: 'schule',
      targetGroups: ['kinder'],
      skills: ['Freude am Lesen', 'Geduld'],
      tags: ['Lesen', 'Kita'],
      commitment: 'regular',
      hoursPerWeek: 1.5,
      weekdays: [2, 4],
      timesOfDay: ['morning'],
      // Stored in the vocabulary's order, whatever order the form sent.
      suitability: ['youth', 'seniors'],
      municipalityId: cast.krostitz,
      peopleWanted: 2,
      contactEmail: 'kita@heimatverein.example',
      createdBy: cast.memberA.id,
    });
    expect(stored?.description).toBe('<p>Wir suchen Menschen, die gern vorlesen.</p><ul><li>Bilderbücher</li><li>Märchen</li></ul>');
    // The municipality's centre stands in for missing coordinates.
    expect(stored?.lat).toBeCloseTo(51.46, 1);

    expect((await new Client(ctx.app).get(`/angebote/${id}`)).statusCode).toBe(404);
    expect((await (await signedInClient(ctx, cast.memberB)).get(`/angebote/${id}`)).statusCode).toBe(404);
    const own = await client.get(`/angebote/${id}?hinweis=entwurf`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Status: Entwurf');
    expect(own.body).toContain('Der Entwurf ist gespeichert');
    expect(await getPublishedOffer(ctx.deps.db, id)).toBeUndefined();
  });

  it('publishes at once for a verified organisation in a network that reviews organisations only', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const { id } = await createThroughForm(client, cast.orgA.id, { intent: 'submit', title: 'Hausaufgabenhilfe in Krostitz' });
    const stored = await statusOf(id);
    expect(stored?.status).toBe('published');
    expect(stored?.publishedAt?.getTime()).toBe(ctx.clock.now.getTime());
    expect(stored?.expiresAt?.getTime()).toBe(ctx.clock.now.getTime() + 90 * 86_400_000);
    const published = await getPublishedOffer(ctx.deps.db, id);
    expect(published?.organisationName).toBe(cast.orgA.name);
    expect(published?.municipalityName).toBe('Krostitz');
  });

  it('sends offers of unverified organisations and, in review mode, every offer to the office first', async () => {
    const client = await signedInClient(ctx, cast.memberB);
    await ctx.deps.db.update(organisations).set({ status: 'pending' }).where(eq(organisations.id, cast.orgB.id));
    const pending = await createThroughForm(client, cast.orgB.id, { intent: 'submit', municipalityId: cast.delitzsch });
    expect((await statusOf(pending.id))?.status).toBe('in_review');
    await ctx.deps.db.update(organisations).set({ status: 'verified' }).where(eq(organisations.id, cast.orgB.id));

    await ctx.deps.db.update(networks).set({ moderation: 'offers' }).where(eq(networks.id, cast.gems.id));
    const reviewed = await createThroughForm(client, cast.orgB.id, { intent: 'submit', municipalityId: cast.delitzsch });
    expect((await statusOf(reviewed.id))?.status).toBe('in_review');
    await ctx.deps.db.update(networks).set({ moderation: 'organisations' }).where(eq(networks.id, cast.gems.id));
  });

  it('creates one offer when the form is sent twice', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const first = await createThroughForm(client, cast.orgA.id, { title: 'Doppelt gesendet', intent: 'submit' });
    const again = await client.submit(`/organisationen/${cast.orgA.id}/angebote/neu`, {
      ...offerForm({ municipalityId: cast.krostitz, title: 'Doppelt gesendet', intent: 'submit' }),
      idempotencyKey: first.key,
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toContain(first.id);
    expect(await ctx.deps.db.select().from(offers).where(eq(offers.title, 'Doppelt gesendet'))).toHaveLength(1);
    // Someone else cannot take over an offer by sending its id as their key.
    const other = await signedInClient(ctx, cast.memberB);
    const hijack = await other.submit(`/organisationen/${cast.orgB.id}/angebote/neu`, {
      ...offerForm({ municipalityId: cast.delitzsch, title: 'Übernahme' }),
      idempotencyKey: first.id,
    });
    expect(hijack.statusCode).toBe(422);
    expect((await statusOf(first.id))?.title).toBe('Doppelt gesendet');
  });

  it('answers bad input with 422, marks the fields and keeps everything typed', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const { response } = await createThroughForm(client, cast.orgA.id, {
      title: '',
      field: 'astrologie',
      hoursPerWeek: 'viel',
      weekdays: ['2', '9'],
      summary: 'x'.repeat(501),
      contactName: 'Anna Vorstand',
      tags: 'Lesen, Kita',
    });
    expect(response.statusCode).toBe(422);
    for (const field of ['title', 'field', 'hoursPerWeek', 'summary']) {
      expect(response.body).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
    }
    // The group is marked and reads its error; the first box carries the id the error summary links to.
    expect(response.body).toContain('<fieldset class="field field--error" aria-describedby="f-weekdays-error">');
    expect(response.body).toMatch(/id="f-weekdays"[^>]*aria-invalid="true"/);
    expect(response.body).toContain('value="Anna Vorstand"');
    expect(response.body).toContain('value="Lesen, Kita"');
    expect(response.body).toMatch(/value="2"[^>]*checked/);

    const parsed = await createThroughForm(client, cast.orgA.id, {
      hoursPerWeek: '200',
      peopleWanted: '0',
      startsOn: '2026-02-30',
      postcode: '99999',
      contactEmail: 'nicht-gueltig',
      municipalityId: '',
      skills: 'x'.repeat(61),
    });
    expect(parsed.response.statusCode).toBe(422);
    for (const field of ['hoursPerWeek', 'peopleWanted', 'startsOn', 'contactEmail', 'municipalityId', 'skills']) {
      expect(parsed.response.body).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
    }
    const foreign = await createThroughForm(client, cast.orgA.id, { municipalityId: cast.weisswasser.id });
    expect(foreign.response.statusCode).toBe(422);
    const before = await ctx.deps.db.select().from(offers);
    expect(before.every((o) => o.title !== '')).toBe(true);
  });

  it('drops control characters instead of failing on them', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const { response, id } = await createThroughForm(client, cast.orgA.id, { title: 'Null\u0000Byte\u0007', description: 'a\u0000b\n\nc', skills: 'x\u0000y', intent: 'draft' });
    expect(response.statusCode).toBe(303);
    expect(await statusOf(id)).toMatchObject({ title: 'NullByte', description: '<p>ab</p><p>c</p>', skills: ['xy'] });
  });

  it('keeps anonymous visitors, volunteers and other organisations from creating offers', async () => {
    const anonymous = new Client(ctx.app);
    expect((await anonymous.get(`/organisationen/${cast.orgA.id}/angebote/neu`)).statusCode).toBe(303);
    await anonymous.get('/netzwerk/gems');
    expect((await anonymous.submit(`/organisationen/${cast.orgA.id}/angebote/neu`, offerForm({ municipalityId: cast.krostitz }), '/netzwerk/gems/impressum')).statusCode).toBe(403);
    for (const user of [cast.volunteer, cast.memberB, cast.otherOffice]) {
      const client = await signedInClient(ctx, user);
      expect((await client.get(`/organisationen/${cast.orgA.id}/angebote/neu`)).statusCode).toBe(403);
      await client.get('/netzwerk/gems');
      const post = await client.submit(`/organisationen/${cast.orgA.id}/angebote/neu`, offerForm({ municipalityId: cast.krostitz, title: `Fremd ${user.email}` }), '/netzwerk/gems/impressum');
      expect(post.statusCode).toBe(403);
    }
    expect((await ctx.deps.db.select().from(offers)).some((o) => o.title.startsWith('Fremd'))).toBe(false);
    // The network office may create offers for any organisation of its network.
    const office = await signedInClient(ctx, cast.office);
    expect((await office.get(`/organisationen/${cast.orgA.id}/angebote/neu`)).statusCode).toBe(200);
  });
});

describe('the position on the map', () => {
  it('follows the postcode for the organisation, which sees no coordinate fields and cannot send any', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const form = await client.get(`/organisationen/${cast.orgA.id}/angebote/neu`);
    expect(form.body).not.toContain('name="lat"');
    // 04509 is shared by Krostitz and its neighbours: the offer stands in Krostitz's centre.
    const inKrostitz = await createThroughForm(client, cast.orgA.id, { lat: '10', lng: '10' });
    expect(inKrostitz.response.statusCode).toBe(303);
    const stored = await statusOf(inKrostitz.id);
    expect(stored?.lat).toBeCloseTo(51.46, 1);
    expect(stored?.lng).toBeCloseTo(12.45, 1);
    // Rackwitz's postcode for an offer filed under Krostitz: the postcode's point, not the municipality's centre.
    const byPostcode = await createThroughForm(client, cast.orgA.id, { postcode: '04519' });
    expect(await statusOf(byPostcode.id)).toMatchObject({ lat: 51.4392, lng: 12.3772 });

    const unknown = await createThroughForm(client, cast.orgA.id, { postcode: '99999', title: 'Unbekannte PLZ' });
    expect(unknown.response.statusCode).toBe(422);
    expect(unknown.response.body).toMatch(/id="f-postcode"[^>]*aria-invalid="true"/);
    expect(unknown.response.body).toContain('Diese Postleitzahl kennen wir in der Region nicht');
    expect(unknown.response.body).toContain('value="Unbekannte PLZ"');
  });

  it('keeps an imported position on an edit that keeps the address, and lets only the office set it by hand', async () => {
    const offer = await createOffer(ctx, { organisationId: cast.orgA.id, networkId: cast.gems.id, municipalityId: cast.krostitz, postcode: '04509', lat: 51.4711, lng: 12.4402 });
    const member = await signedInClient(ctx, cast.memberA);
    const edit = await member.get(`/angebote/${offer.id}/bearbeiten`);
    expect(edit.body).not.toContain('name="lat"');
    const fields = { ...offerForm({ municipalityId: cast.krostitz, contact: 'none', contactName: '' }), title: 'Neuer Titel' };
    expect((await member.submit(`/angebote/${offer.id}/bearbeiten`, { ...fields, lat: '1', lng: '1' })).statusCode).toBe(303);
    expect(await statusOf(offer.id)).toMatchObject({ title: 'Neuer Titel', lat: 51.4711, lng: 12.4402 });

    const office = await signedInClient(ctx, cast.office);
    const officeEdit = await office.get(`/angebote/${offer.id}/bearbeiten`);
    expect(officeEdit.body).toContain('name="lat"');
    expect(officeEdit.body).toContain('51,4711 / 12,4402');
    const wrong = await office.submit(`/angebote/${offer.id}/bearbeiten`, { ...fields, lat: '51,5', lng: '' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toMatch(/id="f-lng"[^>]*aria-invalid="true"/);
    expect((await office.submit(`/angebote/${offer.id}/bearbeiten`, { ...fields, lat: '51,5', lng: '12,5' })).statusCode).toBe(303);
    expect(await statusOf(offer.id)).toMatchObject({ lat: 51.5, lng: 12.5 });
  });
});

describe('the contact person (issue 12, finding 9)', () => {
  it('is chosen in the form among the members, another person or nobody; the account holder is not named by default', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const page = await client.get(`/organisationen/${cast.orgA.id}/angebote/neu`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Wer wird beim Angebot als Ansprechperson genannt?');
    expect(page.body).toContain(`name="contact" value="${cast.memberA.id}"`);
    expect(page.body).toContain('>Anna Vorstand</label>');
    expect(page.body).toContain('>Eine andere Person</label>');
    expect(page.body).toContain('>Keine Person nennen</label>');
    // Nothing chosen in advance, and the account holder's name not filled in.
    expect(page.body).not.toMatch(/name="contact"[^>]*checked/);
    expect(page.body).not.toMatch(/id="f-contactName"[^>]*value="Anna Vorstand"/);
    // Members of another organisation are not offered.
    expect(page.body).not.toContain(`value="${cast.memberB.id}"`);
  });

  it('answers a form without a choice, or with a stranger chosen, with 422 at the field and keeps the input', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    for (const [contact, title] of [[undefined, 'Ohne Wahl der Ansprechperson'], [cast.memberB.id, 'Mit fremder Ansprechperson']] as const) {
      const form = offerForm({ municipalityId: cast.krostitz, title });
      if (contact === undefined) delete form.contact;
      else form.contact = contact;
      await client.get(`/organisationen/${cast.orgA.id}/angebote/neu`);
      const response = await client.submit(`/organisationen/${cast.orgA.id}/angebote/neu`, form);
      expect(response.statusCode).toBe(422);
      expect(response.body).toMatch(/id="f-contact"[^>]*aria-invalid|field--error[^>]*aria-describedby="[^"]*f-contact-error/);
      expect(response.body).toContain('Bitte wählen Sie, wer als Ansprechperson genannt wird.');
      expect(response.body).toContain(`value="${title}"`);
      expect(await ctx.deps.db.select().from(offers).where(eq(offers.title, title))).toHaveLength(0);
    }
    const unnamed = await createThroughForm(client, cast.orgA.id, { contact: 'other', contactName: '  ', title: 'Andere Person ohne Namen' });
    expect(unnamed.response.statusCode).toBe(422);
    expect(unnamed.response.body).toMatch(/id="f-contactName"[^>]*aria-invalid="true"/);
    expect(unnamed.response.body).toMatch(/id="f-contact-other"[^>]*checked/);
  });

  it('stores the chosen member, another person or nobody, and shows the choice again when editing', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const member = await createThroughForm(client, cast.orgA.id, { contact: cast.memberA.id, contactName: 'wird ignoriert', title: 'Mit Mitglied als Ansprechperson' });
    expect(member.response.statusCode).toBe(303);
    expect((await statusOf(member.id))?.contactName).toBe('Anna Vorstand');
    const edit = await client.get(`/angebote/${member.id}/bearbeiten`);
    expect(edit.body).toMatch(new RegExp(`name="contact" value="${cast.memberA.id}"[^>]*checked`));

    const other = await createThroughForm(client, cast.orgA.id, { contact: 'other', contactName: 'Bernd  Beispiel', title: 'Mit anderer Ansprechperson' });
    expect((await statusOf(other.id))?.contactName).toBe('Bernd Beispiel');
    expect((await client.get(`/angebote/${other.id}/bearbeiten`)).body).toMatch(/id="f-contact-other"[^>]*checked/);

    const nobody = await createThroughForm(client, cast.orgA.id, { contact: 'none', contactName: 'Bernd Beispiel', title: 'Ohne Ansprechperson' });
    expect((await statusOf(nobody.id))?.contactName).toBe('');
    expect((await statusOf(nobody.id))?.contactEmail).toBe('kita@heimatverein.example');
    expect((await client.get(`/angebote/${nobody.id}/bearbeiten`)).body).toMatch(/id="f-contact-none"[^>]*checked/);
    // Changing the choice when editing: now a member.
    await client.get(`/angebote/${nobody.id}/bearbeiten`);
    const saved = await client.submit(`/angebote/${nobody.id}/bearbeiten`, offerForm({ municipalityId: cast.krostitz, title: 'Ohne Ansprechperson', contact: cast.memberA.id }));
    expect(saved.statusCode).toBe(303);
    expect((await statusOf(nobody.id))?.contactName).toBe('Anna Vorstand');
  });
});

describe('the offer page', () => {
  it('shows a published offer to everyone with the facts, the help button and a report link', async () => {
    const offer = await createOffer(ctx, {
      networkId: cast.gems.id,
      organisationId: cast.orgA.id,
      municipalityId: cast.krostitz,
      title: 'Begleitung beim Einkaufen',
      commitment: 'regular',
      hoursPerWeek: 2,
      weekdays: [2],
      timesOfDay: ['morning'],
      suitability: ['wheelchair'],
      contactName: 'Anna Vorstand',
      description: '<p>Dienstags zum Markt.</p>',
      startsOn: '2026-05-01',
    });
    const page = await new Client(ctx.app).get(`/angebote/${offer.id}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['Begleitung beim Einkaufen', cast.orgA.name, 'Schule oder Kindergarten', 'Krostitz', 'Regelmäßig', 'etwa 2 Stunden pro Woche', 'Dienstag', 'vormittags', 'Rollstuhlgerecht', 'Anna Vorstand', 'ab 1. Mai 2026', '<p>Dienstags zum Markt.</p>']) {
      expect(page.body).toContain(text);
    }
    expect(page.body).toContain(`href="/angebote/${offer.id}/anfragen"`);
    expect(page.body).toContain('Ich möchte helfen');
    expect(page.body).toContain(`/melden?subjectType=offer&amp;subjectId=${offer.id}`);
    // No contact details the offer does not have, no status banner for the public.
    expect(page.body).not.toContain('mailto:');
    expect(page.body).not.toContain('Status:');
    expect(page.body).not.toContain('/bearbeiten');
  });

  it('shows the status banner and the reason to the organisation and the office, and 404 to others', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, status: 'draft', statusReason: 'Bitte Ort ergänzen.' });
    for (const user of [cast.memberA, cast.office]) {
      const page = await (await signedInClient(ctx, user)).get(`/angebote/${offer.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Status: Entwurf');
      expect(page.body).toContain('Hinweis der Netzwerkstelle: Bitte Ort ergänzen.');
      expect(page.body).not.toContain('Ich möchte helfen');
    }
    for (const user of [cast.memberB, cast.volunteer, cast.otherOffice]) {
      expect((await (await signedInClient(ctx, user)).get(`/angebote/${offer.id}`)).statusCode).toBe(404);
    }
    expect((await ctx.app.inject('/angebote/nicht-da')).statusCode).toBe(404);
  });

  it('shows markup typed into every text field as text', async () => {
    const client = await signedInClient(ctx, cast.memberA);
    const evil = '<script>alert(1)</script>';
    const fields = ['title', 'summary', 'description', 'skills', 'tags', 'street', 'place', 'district', 'contactName'];
    const { response, id } = await createThroughForm(client, cast.orgA.id, {
      ...Object.fromEntries(fields.map((f) => [f, `${f} ${evil}`])),
      intent: 'submit',
    });
    expect(response.statusCode).toBe(303);
    for (const page of [await new Client(ctx.app).get(`/angebote/${id}`), await client.get(`/angebote/${id}/bearbeiten`), await client.get('/meine-organisationen')]) {
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<script>alert(1)');
    }
    const page = await new Client(ctx.app).get(`/angebote/${id}`);
    // The description goes through the markup pipeline, which writes both brackets as entities.
    expect(page.body).toContain('<p>description &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(page.body).toContain('contactName &lt;script>');
  });
});

describe('editing and the lifecycle by role', () => {
  it('lets members edit and change the status of their own offers only', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, municipalityId: cast.krostitz, title: 'Eigenes Angebot' });
    const other = await signedInClient(ctx, cast.memberB);
    expect((await other.get(`/angebote/${offer.id}/bearbeiten`)).statusCode).toBe(403);
    await other.get('/meine-organisationen');
    expect((await other.submit(`/angebote/${offer.id}/bearbeiten`, offerForm({ municipalityId: cast.krostitz, title: 'Gekapert' }))).statusCode).toBe(403);
    for (const action of ['pause', 'archive', 'confirm', 'submit']) {
      expect((await other.submit(`/angebote/${offer.id}/status`, { action })).statusCode).toBe(403);
    }
    for (const action of ['approve', 'reject', 'unpublish']) {
      const member = await signedInClient(ctx, cast.memberA);
      await member.get('/meine-organisationen');
      expect((await member.submit(`/angebote/${offer.id}/status`, { action, reason: 'weil' })).statusCode).toBe(403);
    }
    const volunteer = await signedInClient(ctx, cast.volunteer);
    await volunteer.get('/netzwerk/gems');
    expect((await volunteer.submit(`/angebote/${offer.id}/status`, { action: 'unpublish', reason: 'weil' }, '/netzwerk/gems/impressum')).statusCode).toBe(403);
    expect((await statusOf(offer.id))).toMatchObject({ title: 'Eigenes Angebot', status: 'published' });

    const owner = await signedInClient(ctx, cast.memberA);
    const edited = await owner.submit(`/angebote/${offer.id}/bearbeiten`, offerForm({ municipalityId: cast.krostitz, title: 'Eigenes Angebot, neu' }), `/angebote/${offer.id}/bearbeiten`);
    expect(edited.statusCode).toBe(303);
    expect(await statusOf(offer.id)).toMatchObject({ title: 'Eigenes Angebot, neu', status: 'published' });

    const paused = await owner.submit(`/angebote/${offer.id}/status`, { action: 'pause' }, `/angebote/${offer.id}`);
    expect(paused.statusCode).toBe(303);
    expect((await statusOf(offer.id))?.status).toBe('paused');
    expect((await new Client(ctx.app).get(`/angebote/${offer.id}`)).statusCode).toBe(404);
    await owner.submit(`/angebote/${offer.id}/status`, { action: 'resume' }, `/angebote/${offer.id}`);
    expect((await statusOf(offer.id))?.status).toBe('published');
    const archived = await owner.submit(`/angebote/${offer.id}/status`, { action: 'archive', weiter: '/meine-organisationen' }, `/angebote/${offer.id}`);
    expect(archived.headers.location).toBe('/meine-organisationen?hinweis=archiviert');
    expect((await statusOf(offer.id))?.status).toBe('archived');
    // Archived is final.
    const resumed = await owner.submit(`/angebote/${offer.id}/status`, { action: 'resume' }, `/angebote/${offer.id}`);
    expect(resumed.statusCode).toBe(409);
    expect((await owner.submit(`/angebote/${offer.id}/bearbeiten`, offerForm({ municipalityId: cast.krostitz }), `/angebote/${offer.id}`)).statusCode).toBe(409);
  });

  it('lets the office take an offer offline with a reason the organisation sees', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, title: 'Fragwürdig' });
    const office = await signedInClient(ctx, cast.office);
    const noReason = await office.submit(`/angebote/${offer.id}/status`, { action: 'unpublish', reason: '' }, `/angebote/${offer.id}`);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toMatch(/id="f-reason"[^>]*aria-invalid="true"/);
    const otherOffice = await signedInClient(ctx, cast.otherOffice);
    await otherOffice.get('/netzwerk/weisswasser');
    expect((await otherOffice.submit(`/angebote/${offer.id}/status`, { action: 'unpublish', reason: 'Nein' }, '/netzwerk/weisswasser/impressum')).statusCode).toBe(403);
    const done = await office.submit(`/angebote/${offer.id}/status`, { action: 'unpublish', reason: 'Bitte ohne Telefonnummer einer Privatperson.' }, `/angebote/${offer.id}`);
    expect(done.statusCode).toBe(303);
    expect(await statusOf(offer.id)).toMatchObject({ status: 'draft', statusReason: 'Bitte ohne Telefonnummer einer Privatperson.' });
    const member = await signedInClient(ctx, cast.memberA);
    expect((await member.get(`/angebote/${offer.id}`)).body).toContain('Bitte ohne Telefonnummer einer Privatperson.');
    // Back in review, not straight online, when the organisation submits it again.
    await member.submit(`/angebote/${offer.id}/status`, { action: 'submit' }, `/angebote/${offer.id}`);
    expect((await statusOf(offer.id))?.status).toBe('in_review');
  });

  it('answers an unknown action with 400', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id });
    const member = await signedInClient(ctx, cast.memberA);
    expect((await member.submit(`/angebote/${offer.id}/status`, { action: 'expire' }, `/angebote/${offer.id}`)).statusCode).toBe(400);
    expect((await statusOf(offer.id))?.status).toBe('published');
  });
});

describe('my organisations', () => {
  it('lists the person’s organisations with their offers by status and the actions that fit', async () => {
    await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgB.id, title: 'Lebensmittel sortieren', status: 'paused' });
    const client = await signedInClient(ctx, cast.memberB);
    const page = await client.get('/meine-organisationen');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(cast.orgB.name);
    expect(page.body).not.toContain(cast.orgA.name);
    expect(page.body).toContain('Angebote mit Status „Pausiert“');
    expect(page.body).toContain('Lebensmittel sortieren');
    expect(page.body).toContain('name="action" value="resume"');
    expect(page.body).not.toContain('value="approve"');
    expect(page.body).toContain(`/organisationen/${cast.orgB.id}/angebote/neu`);
    expect((await new Client(ctx.app).get('/meine-organisationen')).statusCode).toBe(303);
  });

  it('leads members to the inquiries to their organisations, which no other page links to', async () => {
    const member = await (await signedInClient(ctx, cast.memberB)).get('/meine-organisationen');
    expect(member.body).toContain('<a href="/meine-organisationen/vermittlungen">Anfragen an meine Organisationen</a>');
    const volunteer = await (await signedInClient(ctx, cast.volunteer)).get('/meine-organisationen');
    expect(volunteer.statusCode).toBe(200);
    expect(volunteer.body).not.toContain('/meine-organisationen/vermittlungen');
  });
});

