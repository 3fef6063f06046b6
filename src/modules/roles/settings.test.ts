import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, signedInClient, type Client, type TestContext } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { users, type User } from '../../platform/auth/schema.ts';
import { seedDemoNetworks } from '../networks/demo.ts';
import { findNetworkBySlug, listMunicipalities } from '../../platform/networks/queries.ts';
import { municipalities, type Network } from '../../platform/networks/schema.ts';

let ctx: TestContext;
let gems: Network;
let office: Client;
let officeUser: User;

const SETTINGS = '/netzwerk/gems/verwaltung/einstellungen';
const PLACES = '/netzwerk/gems/verwaltung/kommunen';

function settingsForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'GEMS – neu',
    kind: 'LEADER-Region',
    region: 'Delitzscher Land',
    description: 'Wir bringen Menschen zusammen.',
    contactEmail: 'Kontakt@GEMS.example',
    primaryColor: '#224466',
    accentColor: '#8a3b8f',
    imprint: 'Impressum\n\nZweiter Absatz',
    privacyStatement: 'Datenschutz',
    accessibilityStatement: 'Barrierefreiheit',
    ...overrides,
  };
}

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoNetworks(ctx.deps.db);
  gems = (await findNetworkBySlug(ctx.deps.db, 'gems'))!;
  officeUser = await createUser(ctx, { email: 'stelle@gems.example', name: 'Frau Stelle', roles: [{ networkId: gems.id, role: 'network_office' }] });
  office = await signedInClient(ctx, officeUser);
});
afterAll(() => ctx?.close());

describe('network settings', () => {
  it('shows the current settings, a colour picker beside each colour, and the legal texts as text areas', async () => {
    const page = await office.get(SETTINGS);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${gems.primaryColor}"`);
    expect(page.body.match(/type="color"/g)).toHaveLength(2);
    expect(page.body).toMatch(/<textarea id="f-imprint"/);
    expect(page.body).toMatch(/<textarea id="f-privacyStatement"/);
    expect(page.body).toMatch(/<textarea id="f-accessibilityStatement"/);
  });

  it('saves valid settings, shows them publicly and logs which fields changed', async () => {
    const response = await office.submit(SETTINGS, settingsForm(), SETTINGS);
    expect(response.statusCode).toBe(303);
    const network = (await findNetworkBySlug(ctx.deps.db, 'gems'))!;
    expect(network).toMatchObject({ name: 'GEMS – neu', contactEmail: 'kontakt@gems.example', primaryColor: '#224466' });
    expect((await ctx.app.inject('/netzwerk/gems/theme.css')).body).toContain('--primary:#224466');
    expect((await ctx.app.inject('/netzwerk/gems/impressum')).body).toContain('<p>Zweiter Absatz</p>');
    expect((await office.get(response.headers.location as string)).body).toContain('Die Einstellungen wurden gespeichert.');

    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'network.settings_updated'));
    expect(entry).toMatchObject({ actorId: officeUser.id, networkId: gems.id, subjectId: gems.id });
    expect(entry?.details.fields).toEqual(expect.arrayContaining(['name', 'primaryColor', 'imprint']));
    expect(JSON.stringify(entry?.details)).not.toContain('GEMS – neu');
  });

  it('takes the picker’s colour when only the picker was moved', async () => {
    const response = await office.submit(SETTINGS, {
      ...settingsForm(),
      primaryColor: '#224466',
      primaryColorPicker: '#1d5c8c',
      primaryColorPickerShown: '#224466',
      accentColorPicker: '#8a3b8f',
      accentColorPickerShown: '#8a3b8f',
    });
    expect(response.statusCode).toBe(303);
    expect((await findNetworkBySlug(ctx.deps.db, 'gems'))?.primaryColor).toBe('#1d5c8c');
  });

  const invalid: Array<{ what: string; fields: Record<string, string>; field: string; message: string }> = [
    { what: 'a colour that is no hex code', fields: { primaryColor: 'blau' }, field: 'primaryColor', message: 'als Hex-Code' },
    { what: 'a short hex code', fields: { accentColor: '#abc' }, field: 'accentColor', message: 'als Hex-Code' },
    { what: 'too little contrast to white', fields: { primaryColor: '#ffcc00' }, field: 'primaryColor', message: 'Zu wenig Kontrast: Weiße Schrift auf #ffcc00 erreicht nur 1,5:1. Nötig sind mindestens 4,5:1' },
    { what: 'a contrast just below 4.5', fields: { accentColor: '#777777' }, field: 'accentColor', message: 'erreicht nur 4,4:1' },
    { what: 'a description that is too long', fields: { description: 'x'.repeat(5001) }, field: 'description', message: 'höchstens 5000 Zeichen' },
    { what: 'an empty name', fields: { name: '' }, field: 'name', message: 'Bitte füllen Sie dieses Feld aus.' },
    { what: 'a bad contact address', fields: { contactEmail: 'kontakt(at)gems' }, field: 'contactEmail', message: 'gültige E-Mail-Adresse' },
    { what: 'an imprint that is too long', fields: { imprint: 'y'.repeat(20001) }, field: 'imprint', message: 'höchstens 20000 Zeichen' },
  ];
  for (const c of invalid) {
    it(`refuses ${c.what} with 422, the field marked and the input kept`, async () => {
      const before = await findNetworkBySlug(ctx.deps.db, 'gems');
      const response = await office.submit(SETTINGS, settingsForm({ region: 'Eingabe bleibt', ...c.fields }));
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain(`href="#f-${c.field}"`);
      expect(response.body).toMatch(new RegExp(`id="f-${c.field}"[^>]*aria-invalid="true"`));
      expect(response.body).toContain(c.message);
      expect(response.body).toContain('value="Eingabe bleibt"');
      expect(await findNetworkBySlug(ctx.deps.db, 'gems')).toEqual(before);
    });
  }

  it('lists every problem at once', async () => {
    const response = await office.submit(SETTINGS, settingsForm({ primaryColor: '#ffffff', accentColor: 'rot', name: '' }));
    expect(response.statusCode).toBe(422);
    for (const field of ['primaryColor', 'accentColor', 'name']) expect(response.body).toContain(`href="#f-${field}"`);
  });
});

describe('municipalities', () => {
  it('lists the municipalities and adds one, with German decimal commas', async () => {
    const list = await office.get(PLACES);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Zschepplin');
    const response = await office.submit(
      PLACES,
      { name: 'Neudorf', type: 'Gemeinde', ags: '14730999', lat: '51,4661', lng: '12.5', inhabitants: '1.234' },
      `${PLACES}/neu`,
    );
    expect(response.statusCode).toBe(303);
    const [created] = await ctx.deps.db.select().from(municipalities).where(eq(municipalities.name, 'Neudorf'));
    expect(created).toMatchObject({ networkId: gems.id, type: 'Gemeinde', ags: '14730999', lat: 51.4661, lng: 12.5, inhabitants: 1234 });
    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, created!.id));
    expect(entry).toMatchObject({ action: 'municipality.created', actorId: officeUser.id, networkId: gems.id });
  });

  it('edits a municipality and leaves optional fields empty', async () => {
    const [taucha] = (await listMunicipalities(ctx.deps.db, gems.id)).filter((m) => m.name === 'Taucha');
    const url = `${PLACES}/${taucha!.id}`;
    const form = await office.get(url);
    expect(form.body).toContain('value="Taucha"');
    const response = await office.submit(url, { name: 'Taucha', type: 'Stadt', ags: '', lat: '', lng: '', inhabitants: '' });
    expect(response.statusCode).toBe(303);
    const [saved] = await ctx.deps.db.select().from(municipalities).where(eq(municipalities.id, taucha!.id));
    expect(saved).toMatchObject({ type: 'Stadt', ags: null, lat: null, lng: null, inhabitants: null });
    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'municipality.updated'));
    expect(entry?.subjectId).toBe(taucha!.id);
  });

  const invalid: Array<{ what: string; fields: Record<string, string>; field: string }> = [
    { what: 'an AGS with 7 digits', fields: { ags: '1473017' }, field: 'ags' },
    { what: 'an AGS with letters', fields: { ags: '1473017x' }, field: 'ags' },
    { what: 'a latitude above 90', fields: { lat: '90,5' }, field: 'lat' },
    { what: 'a latitude that is no number', fields: { lat: 'Nord' }, field: 'lat' },
    { what: 'a longitude below -180', fields: { lng: '-181' }, field: 'lng' },
    { what: 'negative inhabitants', fields: { inhabitants: '-5' }, field: 'inhabitants' },
    { what: 'fractional inhabitants', fields: { inhabitants: '12,5' }, field: 'inhabitants' },
    { what: 'an empty name', fields: { name: '' }, field: 'name' },
    { what: 'the name of another municipality of the network', fields: { name: 'jesewitz' }, field: 'name' },
    { what: 'an AGS another municipality has', fields: { ags: '14730999' }, field: 'ags' },
  ];
  for (const c of invalid) {
    it(`refuses ${c.what} with 422, the field marked and the input kept`, async () => {
      const fields = { name: 'Probedorf', type: 'Ortsteil', ags: '', lat: '51', lng: '12', inhabitants: '100', ...c.fields };
      const response = await office.submit(PLACES, fields);
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain(`href="#f-${c.field}"`);
      expect(response.body).toMatch(new RegExp(`id="f-${c.field}"[^>]*aria-invalid="true"`));
      expect(response.body).toContain('value="Ortsteil"');
      expect(await ctx.deps.db.select().from(municipalities).where(eq(municipalities.name, 'Probedorf'))).toHaveLength(0);
    });
  }

  it('an AGS is unique across networks', async () => {
    const weisswasser = (await findNetworkBySlug(ctx.deps.db, 'weisswasser'))!;
    const ww = await signedInClient(ctx, await createUser(ctx, { email: 'ww@example.org', roles: [{ networkId: weisswasser.id, role: 'network_office' }] }));
    const response = await ww.submit('/netzwerk/weisswasser/verwaltung/kommunen', { name: 'Anderswo', ags: '14730999' }, '/netzwerk/weisswasser/verwaltung/kommunen/neu');
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Diesen Gemeindeschlüssel hat schon eine andere Kommune.');
  });

  it('does not edit a municipality of another network through this network’s address', async () => {
    const weisswasser = (await findNetworkBySlug(ctx.deps.db, 'weisswasser'))!;
    const [foreign] = await listMunicipalities(ctx.deps.db, weisswasser.id);
    expect((await office.get(`${PLACES}/${foreign!.id}`)).statusCode).toBe(404);
    expect((await office.submit(`${PLACES}/${foreign!.id}`, { name: 'Gekapert' }, PLACES)).statusCode).toBe(404);
    const [unchanged] = await ctx.deps.db.select().from(municipalities).where(eq(municipalities.id, foreign!.id));
    expect(unchanged?.name).toBe(foreign!.name);
  });
});

describe('audit log page', () => {
  it('shows the network’s entries newest first, with the actor’s name while the account exists', async () => {
    const page = await office.get('/netzwerk/gems/verwaltung/protokoll');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Frau Stelle');
    const updated = page.body.indexOf('Kommune geändert');
    const created = page.body.indexOf('Kommune hinzugefügt');
    expect(updated).toBeGreaterThan(-1);
    expect(created).toBeGreaterThan(updated);
    expect(page.body).toContain('Einstellungen geändert');

    // Another network's entries stay there.
    const weisswasser = (await findNetworkBySlug(ctx.deps.db, 'weisswasser'))!;
    await ctx.deps.db.insert(auditLog).values({ actorId: officeUser.id, networkId: weisswasser.id, action: 'network.created', subjectId: weisswasser.id });
    expect((await office.get('/netzwerk/gems/verwaltung/protokoll')).body).not.toContain('Netzwerk angelegt');
  });

  it('pages through long logs and names deleted accounts as such', async () => {
    const gone = await createUser(ctx, { email: 'weg@example.org', name: 'Bald Weg' });
    const start = ctx.clock.now.getTime() + 60_000;
    await ctx.deps.db.insert(auditLog).values(
      Array.from({ length: 60 }, (_, i) => ({
        at: new Date(start + i * 1000),
        actorId: gone.id,
        networkId: gems.id,
        action: 'member.invited',
        subjectId: `s-${i}`,
        details: { role: 'volunteer' },
      })),
    );
    await ctx.deps.db.delete(users).where(eq(users.id, gone.id));
    const first = await office.get('/netzwerk/gems/verwaltung/protokoll');
    expect(first.body.match(/<tr>/g)?.length).toBe(51);
    expect(first.body).toContain('gelöschtes Konto');
    expect(first.body).not.toContain('Bald Weg');
    expect(first.body).toContain('href="/netzwerk/gems/verwaltung/protokoll?seite=2"');
    const second = await office.get('/netzwerk/gems/verwaltung/protokoll?seite=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Frau Stelle');
    expect(second.body).toContain('Neuere Einträge');
    expect((await office.get('/netzwerk/gems/verwaltung/protokoll?seite=abc')).statusCode).toBe(200);
  });
});
