import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { castOf, type Cast } from '../offers/test-support.ts';
import { SAMPLE_JPEG, SAMPLE_WEBP, samplePng } from './logo-samples.ts';
import { organisationMembers, organisations } from './schema.ts';
import { inviteToOrganisation } from './invitations.ts';

let ctx: TestContext;
let cast: Cast;
beforeAll(async () => {
  ctx = await createTestApp();
  cast = await castOf(ctx);
});
afterAll(() => ctx.close());

function organisationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Förderverein Grundschule Rackwitz e. V.',
    type: 'verein',
    municipalityId: cast.krostitz,
    street: 'Schulstraße 1',
    postcode: '04519',
    place: 'Rackwitz',
    lat: '',
    lng: '',
    website: 'www.foerderverein-rackwitz.example',
    email: 'kontakt@foerderverein-rackwitz.example',
    phone: '034294 555',
    description: 'Wir unterstützen die Grundschule.\n\nMit Festen und Ausflügen.',
    ...overrides,
  };
}

/** Sends the create form the way the page does, with the page's own idempotency key. */
async function register(client: Client, overrides: Record<string, string> = {}) {
  const page = await client.get('/netzwerk/gems/organisation-anlegen');
  const key = page.body.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] ?? '';
  return { key, response: await client.submit('/netzwerk/gems/organisation-anlegen', { ...organisationForm(overrides), idempotencyKey: key }) };
}

function multipart(fields: Record<string, string>, file?: { name: string; filename: string; type: string; data: Buffer }) {
  const boundary = `----mmn${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function uploadLogo(client: Client, organisationId: string, file: { filename: string; type: string; data: Buffer }) {
  await client.get(`/organisationen/${organisationId}/bearbeiten`);
  const body = multipart({ _csrf: client.lastCsrf }, { name: 'logo', ...file });
  return client.request({ method: 'POST', url: `/organisationen/${organisationId}/logo`, ...body });
}

describe('registering an organisation', () => {
  it('sends anonymous visitors to the login and refuses their form', async () => {
    const anonymous = new Client(ctx.app);
    const page = await anonymous.get('/netzwerk/gems/organisation-anlegen');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/anmelden');
    await anonymous.get('/netzwerk/gems');
    const post = await anonymous.submit('/netzwerk/gems/organisation-anlegen', organisationForm(), '/netzwerk/gems/impressum');
    expect(post.statusCode).toBe(403);
    expect(await ctx.deps.db.select().from(organisations).where(eq(organisations.name, 'Förderverein Grundschule Rackwitz e. V.'))).toHaveLength(0);
  });

  it('offers the German types and only the municipalities of the network', async () => {
    const client = await signedInClient(ctx, cast.volunteer);
    const page = await client.get('/netzwerk/gems/organisation-anlegen');
    expect(page.statusCode).toBe(200);
    for (const label of ['Verein', 'Initiative', 'Kirchengemeinde', 'Schule/Kita', 'Einrichtung', 'Kommune', 'Unternehmen']) {
      expect(page.body).toContain(`>${label}</option>`);
    }
    expect(page.body).toContain('>Krostitz</option>');
    expect(page.body).not.toContain('>Weißwasser/O.L.</option>');
  });

  it('makes the creator its admin and keeps it from the public until the office has checked it', async () => {
    const creator = await createUser(ctx, { email: 'gruender@example.org', name: 'Gerda Gründerin' });
    const client = await signedInClient(ctx, creator);
    const { response } = await register(client);
    expect(response.statusCode).toBe(303);
    const id = response.headers.location?.match(/organisationen\/([0-9a-f-]+)/)?.[1] ?? '';
    const [stored] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, id));
    expect(stored?.status).toBe('pending');
    expect(stored?.createdBy).toBe(creator.id);
    // Placed by its postcode 04519 (Rackwitz), which Krostitz does not share: the postcode's point.
    expect(stored?.lat).toBeCloseTo(51.4392, 4);
    expect(stored?.lng).toBeCloseTo(12.3772, 4);
    const members = await ctx.deps.db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, id));
    expect(members).toEqual([expect.objectContaining({ userId: creator.id, role: 'admin' })]);

    const own = await client.get(`/organisationen/${id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('wartet auf die Prüfung');
    expect((await new Client(ctx.app).get(`/organisationen/${id}`)).statusCode).toBe(404);
    expect((await (await signedInClient(ctx, cast.volunteer)).get(`/organisationen/${id}`)).statusCode).toBe(404);
    expect((await (await signedInClient(ctx, cast.office)).get(`/organisationen/${id}`)).statusCode).toBe(200);
  });

  it('admits organisations the network office registers at once', async () => {
    const client = await signedInClient(ctx, cast.office);
    const { response } = await register(client, { name: 'Gemeinde Krostitz' , type: 'kommune' });
    expect(response.statusCode).toBe(303);
    const id = response.headers.location?.match(/organisationen\/([0-9a-f-]+)/)?.[1] ?? '';
    const [stored] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, id));
    expect(stored?.status).toBe('verified');
    const page = await new Client(ctx.app).get(`/organisationen/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gemeinde Krostitz');
  });

  it('registers once when the form is sent twice', async () => {
    const creator = await createUser(ctx, { email: 'doppelt@example.org' });
    const client = await signedInClient(ctx, creator);
    const { key, response } = await register(client, { name: 'Doppelklick-Verein' });
    const again = await client.submit('/netzwerk/gems/organisation-anlegen', { ...organisationForm({ name: 'Doppelklick-Verein' }), idempotencyKey: key });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location?.split('?')[0]).toBe(response.headers.location?.split('?')[0]);
    expect(await ctx.deps.db.select().from(organisations).where(eq(organisations.name, 'Doppelklick-Verein'))).toHaveLength(1);
  });

  it('answers bad input with 422, marks each field and keeps what was typed', async () => {
    const client = await signedInClient(ctx, cast.volunteer);
    const { response } = await register(client, {
      name: '',
      municipalityId: cast.weisswasser.id,
      lat: '95',
      lng: '12,4',
      website: 'javascript:alert(1)',
      email: 'keine-adresse',
      postcode: '123',
      description: 'x'.repeat(5001),
      street: 'Am Anger 7',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('class="error-summary"');
    for (const field of ['name', 'postcode', 'description']) expect(response.body).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
    expect(response.body).toContain('value="Am Anger 7"');
    const office = await signedInClient(ctx, cast.office);
    const parsed = await register(office, { municipalityId: cast.weisswasser.id, lat: '95', lng: '12,4', website: 'javascript:alert(1)', email: 'keine-adresse' });
    expect(parsed.response.statusCode).toBe(422);
    for (const field of ['lat', 'website', 'email']) expect(parsed.response.body).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
    const unknownPlace = await register(client, { municipalityId: cast.weisswasser.id });
    expect(unknownPlace.response.statusCode).toBe(422);
    expect(unknownPlace.response.body).toContain('Bitte wählen Sie eine Kommune dieses Netzwerks.');
  });

  it('drops control characters instead of failing on them', async () => {
    const client = await signedInClient(ctx, cast.volunteer);
    const { response } = await register(client, { name: 'Verein\u0000 Nullbyte', description: 'a\u0000b' });
    expect(response.statusCode).toBe(303);
    expect(await ctx.deps.db.select().from(organisations).where(eq(organisations.name, 'Verein Nullbyte'))).toHaveLength(1);
  });

  it('shows markup typed into every field as text', async () => {
    const client = await signedInClient(ctx, cast.office);
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const { response } = await register(client, {
      name: `Verein ${evil}`,
      street: evil,
      place: evil,
      description: evil,
      website: 'https://example.org/"><script>alert(3)</script>',
    });
    expect(response.statusCode).toBe(303);
    const page = await new Client(ctx.app).get(response.headers.location ?? '');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
  });
});

describe('the position on the map (issue 12, finding 9)', () => {
  async function storedByName(name: string) {
    const [stored] = await ctx.deps.db.select().from(organisations).where(eq(organisations.name, name));
    return stored;
  }

  it('asks an organisation for its address, not for coordinates', async () => {
    const client = await signedInClient(ctx, cast.volunteer);
    const page = await client.get('/netzwerk/gems/organisation-anlegen');
    expect(page.body).toContain('id="f-postcode"');
    expect(page.body).toContain('Aus Postleitzahl und Kommune setzen wir die Organisation auf die Karte');
    expect(page.body).not.toContain('id="f-lat"');
    expect(page.body).not.toContain('Breitengrad');
  });

  it('places it at its municipality when the postcode is shared with it, or when there is none', async () => {
    const client = await signedInClient(ctx, await createUser(ctx, { email: 'plz-geteilt@example.org' }));
    // 04509 is Delitzsch's postcode, which Krostitz shares: Krostitz's centre is the closer point.
    expect((await register(client, { name: 'Verein mit geteilter PLZ', postcode: '04509' })).response.statusCode).toBe(303);
    const shared = await storedByName('Verein mit geteilter PLZ');
    expect(shared?.lat).toBeCloseTo(51.4617, 4);
    expect(shared?.lng).toBeCloseTo(12.4528, 4);
    expect((await register(client, { name: 'Verein ohne PLZ', postcode: '', street: '', place: '' })).response.statusCode).toBe(303);
    const none = await storedByName('Verein ohne PLZ');
    expect([none?.lat, none?.lng]).toEqual([shared?.lat, shared?.lng]);
  });

  it('answers an unknown postcode with a message at the field and keeps the input', async () => {
    const client = await signedInClient(ctx, cast.volunteer);
    const { response } = await register(client, { name: 'Verein mit falscher PLZ', postcode: '99999', street: 'Lindenweg 3' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toMatch(/id="f-postcode"[^>]*aria-invalid="true"/);
    expect(response.body).toContain('Diese Postleitzahl kennen wir in der Region nicht.');
    expect(response.body).toContain('value="99999"');
    expect(response.body).toContain('value="Lindenweg 3"');
    expect(response.body).toContain('value="Verein mit falscher PLZ"');
    expect(await storedByName('Verein mit falscher PLZ')).toBeUndefined();
  });

  it('ignores coordinates sent by an organisation, and lets the office set them by hand', async () => {
    const client = await signedInClient(ctx, cast.volunteer);
    expect((await register(client, { name: 'Verein mit eigenen Koordinaten', lat: '10', lng: '10' })).response.statusCode).toBe(303);
    expect((await storedByName('Verein mit eigenen Koordinaten'))?.lat).toBeCloseTo(51.4392, 4);

    const office = await signedInClient(ctx, cast.office);
    expect((await office.get('/netzwerk/gems/organisation-anlegen')).body).toContain('id="f-lat"');
    expect((await register(office, { name: 'Verein vom Büro gesetzt', lat: '51,5', lng: '12,5' })).response.statusCode).toBe(303);
    const set = await storedByName('Verein vom Büro gesetzt');
    expect([set?.lat, set?.lng]).toEqual([51.5, 12.5]);
    // The edit form shows the office where it stands now.
    expect((await office.get(`/organisationen/${set?.id}/bearbeiten`)).body).toContain('Jetzt steht die Organisation auf der Karte bei 51,5 / 12,5.');
  });

  it('keeps the position while the address stays, and moves it with a new postcode', async () => {
    const creator = await createUser(ctx, { email: 'umzug@example.org' });
    const client = await signedInClient(ctx, creator);
    const { response } = await register(client, { name: 'Umziehender Verein' });
    const id = response.headers.location?.match(/organisationen\/([0-9a-f-]+)/)?.[1] ?? '';
    // As an import may have stored it: more exact than the postcode's point.
    await ctx.deps.db.update(organisations).set({ lat: 51.44, lng: 12.38 }).where(eq(organisations.id, id));
    await client.get(`/organisationen/${id}/bearbeiten`);
    expect((await client.submit(`/organisationen/${id}/bearbeiten`, organisationForm({ name: 'Umziehender Verein', phone: '0341 1' }))).statusCode).toBe(303);
    expect((await storedByName('Umziehender Verein'))?.lat).toBe(51.44);
    const moved = await client.submit(`/organisationen/${id}/bearbeiten`, organisationForm({ name: 'Umziehender Verein', postcode: '04425', place: 'Taucha' }));
    expect(moved.statusCode).toBe(303);
    const stored = await storedByName('Umziehender Verein');
    expect(stored?.lat).toBeCloseTo(51.3797, 4);
    expect(stored?.lng).toBeCloseTo(12.4936, 4);
    const unknown = await client.submit(`/organisationen/${id}/bearbeiten`, organisationForm({ name: 'Umziehender Verein', postcode: '99998' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toMatch(/id="f-postcode"[^>]*aria-invalid="true"/);
    expect((await storedByName('Umziehender Verein'))?.postcode).toBe('04425');
  });
});

describe('the public organisation page', () => {
  it('shows the contact exactly as the organisation entered it', async () => {
    const page = await new Client(ctx.app).get(`/organisationen/${cast.orgA.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(cast.orgA.name);
    expect(page.body).toContain('mailto:info@heimatverein.example');
    expect(page.body).toContain('/melden?subjectType=organisation');
    // Its people are not shown to the public.
    expect(page.body).not.toContain(cast.memberA.email);
    expect(page.body).not.toContain('/bearbeiten');
  });

  it('answers 404 for unknown and malformed ids', async () => {
    expect((await ctx.app.inject('/organisationen/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await ctx.app.inject('/organisationen/keine-id')).statusCode).toBe(404);
  });
});

describe('editing an organisation', () => {
  it('lets its admin and the office edit, and nobody else', async () => {
    const admin = await signedInClient(ctx, cast.memberA);
    const form = await admin.get(`/organisationen/${cast.orgA.id}/bearbeiten`);
    expect(form.statusCode).toBe(200);
    const saved = await admin.submit(`/organisationen/${cast.orgA.id}/bearbeiten`, organisationForm({ name: cast.orgA.name, phone: '034295 999' }));
    expect(saved.statusCode).toBe(303);
    const [stored] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, cast.orgA.id));
    expect(stored?.phone).toBe('034295 999');

    for (const user of [cast.memberB, cast.volunteer, cast.otherOffice]) {
      const client = await signedInClient(ctx, user);
      expect((await client.get(`/organisationen/${cast.orgA.id}/bearbeiten`)).statusCode).toBe(403);
      await client.get('/netzwerk/gems');
      const post = await client.submit(`/organisationen/${cast.orgA.id}/bearbeiten`, organisationForm({ name: 'Übernommen' }));
      expect(post.statusCode).toBe(403);
    }
    const office = await signedInClient(ctx, cast.office);
    expect((await office.get(`/organisationen/${cast.orgA.id}/bearbeiten`)).statusCode).toBe(200);
  });
});

describe('members inside an organisation', () => {
  it('invites people by e-mail, who join on accepting; removes them, and keeps the last admin', async () => {
    const admin = await signedInClient(ctx, cast.memberA);
    const helper = await createUser(ctx, { email: 'kassenwart@heimatverein.example', name: 'Karl Kasse' });
    // Any address gets the same answer (invitations.test.ts has the details); nobody joins before accepting.
    const invited = await admin.submit(`/organisationen/${cast.orgA.id}/mitglieder`, { email: 'Kassenwart@Heimatverein.example', role: 'member' });
    expect(invited.statusCode).toBe(303);
    expect((await admin.get(`/organisationen/${cast.orgA.id}/mitglieder`)).body).not.toContain('Karl Kasse');
    // The mailed link, made again here (this app runs no mail worker).
    const again = await inviteToOrganisation(ctx.deps.db, { organisationId: cast.orgA.id, email: helper.email, role: 'member', invitedBy: cast.memberA.id, now: ctx.clock.now });
    if (!again.ok) throw new Error('not invited');
    const helperClient = await signedInClient(ctx, helper);
    const link = `/organisationen/einladung/${again.secret}`;
    expect((await helperClient.submit(link, {}, link)).statusCode).toBe(303);
    const list = await admin.get(`/organisationen/${cast.orgA.id}/mitglieder`);
    expect(list.body).toContain('Karl Kasse');
    const twice = await admin.submit(`/organisationen/${cast.orgA.id}/mitglieder`, { email: 'kassenwart@heimatverein.example', role: 'member' });
    expect(twice.statusCode).toBe(422);

    // A plain member sees the list but cannot change it.
    const member = await signedInClient(ctx, helper);
    expect((await member.get(`/organisationen/${cast.orgA.id}/mitglieder`)).statusCode).toBe(200);
    const refused = await member.submit(`/organisationen/${cast.orgA.id}/mitglieder/${cast.memberA.id}/entfernen`, {});
    expect(refused.statusCode).toBe(403);

    const lastAdmin = await admin.submit(`/organisationen/${cast.orgA.id}/mitglieder/${cast.memberA.id}/entfernen`, {});
    expect(lastAdmin.statusCode).toBe(409);
    expect(lastAdmin.body).toContain('letzte Person');

    const removed = await admin.submit(`/organisationen/${cast.orgA.id}/mitglieder/${helper.id}/entfernen`, {});
    expect(removed.statusCode).toBe(303);
    const rows = await ctx.deps.db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, cast.orgA.id));
    expect(rows.map((r) => r.userId)).toEqual([cast.memberA.id]);
  });

  it('hides the member list from other organisations and the public', async () => {
    expect((await (await signedInClient(ctx, cast.memberB)).get(`/organisationen/${cast.orgA.id}/mitglieder`)).statusCode).toBe(403);
    expect((await new Client(ctx.app).get(`/organisationen/${cast.orgA.id}/mitglieder`)).statusCode).toBe(303);
  });
});

describe('logo upload', () => {
  it('stores a checked PNG without its metadata and serves it with nosniff', async () => {
    const admin = await signedInClient(ctx, cast.memberA);
    const response = await uploadLogo(admin, cast.orgA.id, { filename: 'logo.png', type: 'image/png', data: samplePng() });
    expect(response.statusCode).toBe(303);
    const [stored] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, cast.orgA.id));
    expect(stored?.logoPath).toMatch(/^[a-f0-9]{32}\.png$/);
    const file = await ctx.app.inject(`/uploads/${stored?.logoPath}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.toString('latin1')).not.toContain('Erika');
    const page = await new Client(ctx.app).get(`/organisationen/${cast.orgA.id}`);
    expect(page.body).toContain(`src="/uploads/${stored?.logoPath}"`);

    // A new logo replaces the old file.
    const jpeg = await uploadLogo(admin, cast.orgA.id, { filename: 'logo.jpg', type: 'image/jpeg', data: SAMPLE_JPEG });
    expect(jpeg.statusCode).toBe(303);
    const [after] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, cast.orgA.id));
    expect(after?.logoPath).toMatch(/\.jpg$/);
    expect(fs.existsSync(path.join(ctx.dataDir, 'uploads', stored?.logoPath ?? 'x'))).toBe(false);
    expect((await ctx.app.inject(`/uploads/${after?.logoPath}`)).headers['content-type']).toBe('image/jpeg');
  });

  it('refuses files that are not PNG or JPEG, whatever they claim, with a message', async () => {
    const admin = await signedInClient(ctx, cast.memberA);
    const svg = await uploadLogo(admin, cast.orgA.id, { filename: 'logo.png', type: 'image/png', data: Buffer.from('<svg onload="alert(1)"/>') });
    expect(svg.statusCode).toBe(422);
    expect(svg.body).toContain('kein PNG- oder JPEG-Bild');
    const webp = await uploadLogo(admin, cast.orgA.id, { filename: 'logo.webp', type: 'image/webp', data: SAMPLE_WEBP });
    expect(webp.statusCode).toBe(422);
    expect(webp.body).toContain('WebP');
    const broken = await uploadLogo(admin, cast.orgA.id, { filename: 'logo.png', type: 'image/png', data: samplePng().subarray(0, 60) });
    expect(broken.statusCode).toBe(422);
  });

  it('refuses files over 2 MB with 413 and a message', async () => {
    const admin = await signedInClient(ctx, cast.memberA);
    const big = Buffer.concat([samplePng(), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const response = await uploadLogo(admin, cast.orgA.id, { filename: 'gross.png', type: 'image/png', data: big });
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('größer als 2 MB');
  });

  it('takes uploads only from people who may edit, with a valid form token', async () => {
    const other = await signedInClient(ctx, cast.memberB);
    await other.get('/netzwerk/gems');
    const body = multipart({ _csrf: other.lastCsrf }, { name: 'logo', filename: 'x.png', type: 'image/png', data: samplePng() });
    expect((await other.request({ method: 'POST', url: `/organisationen/${cast.orgA.id}/logo`, ...body })).statusCode).toBe(403);
    const admin = await signedInClient(ctx, cast.memberA);
    const noToken = multipart({}, { name: 'logo', filename: 'x.png', type: 'image/png', data: samplePng() });
    expect((await admin.request({ method: 'POST', url: `/organisationen/${cast.orgA.id}/logo`, ...noToken })).statusCode).toBe(403);
  });

  it('serves only stored names from the upload folder', async () => {
    for (const name of ['..%2F..%2Fetc%2Fpasswd', 'cookie-secret', `${'a'.repeat(32)}.png`, `${'a'.repeat(32)}.svg`]) {
      expect((await ctx.app.inject(`/uploads/${name}`)).statusCode).toBe(404);
    }
  });
});
