import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { eventCertificateCode } from '../events/certificate.ts';
import { findEvent } from '../events/queries.ts';
import { eventRegistrations } from '../events/schema.ts';
import { createEvent } from '../events/testing.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import { addYears } from './rules/engine.ts';

// jsqr is a CommonJS module whose typings declare a default export that Node's ESM loader does not give.
const jsQR = (createRequire(import.meta.url)('jsqr') as { default: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null }).default;

let ctx: TestContext;
let slug: string;
let gemsId: string;
let tafel: { id: string };
let sport: { id: string };
let delitzschId: string;
let krostitzId: string;
let volunteer: Client;
let tafelMember: Client;
let sportMember: Client;
let office: Client;
let delitzschContact: Client;
let krostitzContact: Client;

beforeAll(async () => {
  ctx = await createTestApp();
  const region = await demoRegion(ctx);
  slug = region.gems.slug;
  const networkId = region.gems.id;
  gemsId = networkId;
  delitzschId = region.municipality('Delitzsch').id;
  krostitzId = region.municipality('Krostitz').id;
  tafel = await createOrganisation(ctx, { networkId, name: 'Tafel Delitzsch e. V.', municipalityId: delitzschId });
  sport = await createOrganisation(ctx, { networkId, name: 'SV Krostitz 1921', municipalityId: krostitzId });
  const member = async (email: string, organisationId: string) => {
    const user = await createUser(ctx, { email });
    await ctx.deps.db.insert(organisationMembers).values({ organisationId, userId: user.id, role: 'admin' });
    return signedInClient(ctx, user);
  };
  tafelMember = await member('kasse@tafel.example', tafel.id);
  sportMember = await member('vorstand@sv.example', sport.id);
  volunteer = await signedInClient(ctx, await createUser(ctx, { email: 'helga@example.org', name: 'Helga Sommer' }));
  office = await signedInClient(ctx, await createUser(ctx, { email: 'office@gems.example', roles: [{ networkId, role: 'network_office' }] }));
  delitzschContact = await signedInClient(
    ctx,
    await createUser(ctx, { email: 'rathaus@delitzsch.example', roles: [{ networkId, role: 'municipality_contact', municipalityIds: [delitzschId] }] }),
  );
  krostitzContact = await signedInClient(
    ctx,
    await createUser(ctx, { email: 'rathaus@krostitz.example', roles: [{ networkId, role: 'municipality_contact', municipalityIds: [krostitzId] }] }),
  );
});

afterAll(async () => ctx?.close());

const today = () => berlinDay(ctx.clock.now);
const ids = (html: string) => [...html.matchAll(/name="entryIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);

describe('hours log and confirmation', () => {
  it('sends strangers to the login and keeps a refused entry in the form with the field marked', async () => {
    const anonymous = await new Client(ctx.app).get('/konto/stunden');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/anmelden');

    const future = await volunteer.submit('/konto/stunden', { organisationId: tafel.id, day: addYears(today(), 0, 2), hours: '3', activity: 'Ausgabe <script>x</script>' }, '/konto/stunden');
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('Der Tag liegt in der Zukunft');
    expect(future.body).toContain('aria-invalid="true"');
    expect(future.body).toContain('Ausgabe &lt;script>x&lt;/script>');
    expect(future.body).not.toContain('<script>x</script>');

    const negative = await volunteer.submit('/konto/stunden', { organisationId: tafel.id, day: today(), hours: '-2', activity: 'Ausgabe' });
    expect(negative.statusCode).toBe(422);
    expect(negative.body).toContain('größer als 0');
  });

  it('refuses more than 24 hours, the same hours twice and an impossible day, each at its field with the input kept', async () => {
    // A club and a person of their own, so the entries here do not count in the card tests below.
    const club = await createOrganisation(ctx, { networkId: gemsId, name: 'Kleingartenverein Löbnitz' });
    const gardener = await signedInClient(ctx, await createUser(ctx, { email: 'gaertner@example.org', name: 'Karl Beet' }));
    const entry = (day: string, hours: string) => ({ organisationId: club.id, day, hours, activity: 'Hecke geschnitten' });
    const day = addYears(today(), 0, -8);

    const tooMany = await gardener.submit('/konto/stunden', entry(day, '25'), '/konto/stunden');
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('Ein Tag hat höchstens 24 Stunden.');
    expect(tooMany.body).toContain('value="25"');

    const impossible = await gardener.submit('/konto/stunden', entry('31.02.2026', '2'), '/konto/stunden');
    expect(impossible.statusCode).toBe(422);
    expect(impossible.body).toContain('Bitte geben Sie das Datum als TT.MM.JJJJ oder JJJJ-MM-TT an.');
    expect(impossible.body).toContain('value="31.02.2026"');

    expect((await gardener.submit('/konto/stunden', entry(day, '20'), '/konto/stunden')).statusCode).toBe(303);
    const twice = await gardener.submit('/konto/stunden', entry(day, '20'), '/konto/stunden');
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('Diese Stunden haben Sie für diesen Tag und diese Organisation schon eingetragen.');
    const overfull = await gardener.submit('/konto/stunden', entry(day, '4,5'), '/konto/stunden');
    expect(overfull.statusCode).toBe(422);
    expect(overfull.body).toContain('Mit diesem Eintrag kämen Sie an diesem Tag auf mehr als 24 Stunden.');
    expect(overfull.body).toContain('value="4,5"');

    const log = await gardener.get('/konto/stunden');
    expect(log.body.match(/Wartet auf Bestätigung<\/span>/g)).toHaveLength(1);
  });

  it('lets the volunteer log at two organisations and each organisation confirm only its own', async () => {
    for (const [organisation, day, hours] of [
      [tafel.id, addYears(today(), 0, -5), '4,5'],
      [sport.id, addYears(today(), 0, -6), '2'],
    ] as const) {
      const saved = await volunteer.submit('/konto/stunden', { organisationId: organisation, day, hours, activity: 'Mithilfe' }, '/konto/stunden');
      expect(saved.statusCode).toBe(303);
    }
    const log = await volunteer.get('/konto/stunden');
    expect(log.body).toContain('Wartet auf Bestätigung');

    expect((await sportMember.get(`/organisationen/${tafel.id}/stunden`)).statusCode).toBe(403);
    const page = await tafelMember.get(`/organisationen/${tafel.id}/stunden`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Helga Sommer');
    const tafelEntries = ids(page.body);
    expect(tafelEntries).toHaveLength(1);

    const sportPage = await sportMember.get(`/organisationen/${sport.id}/stunden`);
    const sportEntries = ids(sportPage.body);
    // The sport club cannot decide the food bank's entry by sending its id to its own page.
    const crossed = await sportMember.submit(`/organisationen/${sport.id}/stunden/entscheiden`, { entryIds: [...tafelEntries, ...sportEntries], decision: 'confirm' });
    expect(crossed.headers.location).toContain('entschieden=1');

    const rejectWithoutReason = await tafelMember.submit(`/organisationen/${tafel.id}/stunden/entscheiden`, { entryIds: tafelEntries, decision: 'reject', reason: '' }, `/organisationen/${tafel.id}/stunden`);
    expect(rejectWithoutReason.statusCode).toBe(422);
    expect(rejectWithoutReason.body).toContain('Bitte geben Sie einen Grund an');
    const confirmed = await tafelMember.submit(`/organisationen/${tafel.id}/stunden/entscheiden`, { entryIds: tafelEntries, decision: 'confirm' });
    expect(confirmed.headers.location).toContain('entschieden=1');

    const after = await volunteer.get('/konto/stunden');
    expect(after.body.match(/Bestätigt<\/span>/g)?.length).toBe(2);
  });
});

describe('the Ehrenamtskarte', () => {
  let cardPath = '';
  let code = '';

  it('refuses an application below the threshold and names the missing hours', async () => {
    expect((await volunteer.submit(`/netzwerk/${slug}/verwaltung/ehrenamtskarte/einstellungen`, { state: 'SN', reminderFirst: '8', reminderSecond: '2' })).statusCode).toBe(403);
    expect((await office.submit(`/netzwerk/${slug}/verwaltung/ehrenamtskarte/einstellungen`, { state: 'XX', reminderFirst: '8', reminderSecond: '2' }, `/netzwerk/${slug}/verwaltung/ehrenamtskarte`)).statusCode).toBe(422);
    const chosen = await office.submit(`/netzwerk/${slug}/verwaltung/ehrenamtskarte/einstellungen`, { state: 'SN', reminderFirst: '8', reminderSecond: '2' });
    expect(chosen.statusCode).toBe(303);

    const page = await volunteer.get(`/konto/ehrenamtskarte?netzwerk=${slug}`);
    expect(page.body).toContain('Sächsische Ehrenamtskarte');
    // 4.5 + 2 confirmed this year against 156 a year.
    expect(page.body).toContain('Es fehlen noch 149,5 bestätigte Stunden');
    const refused = await volunteer.submit(`/konto/ehrenamtskarte?netzwerk=${slug}`, application());
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Die Voraussetzungen sind noch nicht erfüllt');
  });

  it('is approved by the contact of the right municipality only, once', async () => {
    const page = await tafelMember.get(`/organisationen/${tafel.id}/stunden`);
    const person = /name="userId"[^>]*>[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(person).toBeDefined();
    for (const yearsBack of [0, 1]) {
      const direct = await tafelMember.submit(`/organisationen/${tafel.id}/stunden/direkt`, {
        userId: person!,
        day: addYears(today(), -yearsBack, -30),
        hours: '160',
        reason: 'Ausgabe jeden Dienstag und Donnerstag laut Dienstplan',
      });
      expect(direct.statusCode).toBe(303);
    }
    const applied = await volunteer.submit(`/konto/ehrenamtskarte?netzwerk=${slug}`, application(), `/konto/ehrenamtskarte?netzwerk=${slug}`);
    expect(applied.statusCode).toBe(303);

    const list = await krostitzContact.get(`/netzwerk/${slug}/verwaltung/ehrenamtskarte`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Helga Sommer');
    const officeList = await delitzschContact.get(`/netzwerk/${slug}/verwaltung/ehrenamtskarte`);
    const applicationId = /ehrenamtskarte\/([0-9a-f-]{36})\/entscheiden/.exec(officeList.body)?.[1];
    expect(applicationId).toBeDefined();
    const path = `/netzwerk/${slug}/verwaltung/ehrenamtskarte/${applicationId}/entscheiden`;
    expect((await krostitzContact.submit(path, { decision: 'approve' })).statusCode).toBe(403);
    expect((await delitzschContact.submit(path, { decision: 'approve' })).statusCode).toBe(303);
    expect((await office.submit(path, { decision: 'approve' }, `/netzwerk/${slug}/verwaltung/ehrenamtskarte`)).statusCode).toBe(409);

    const mine = await volunteer.get(`/konto/ehrenamtskarte?netzwerk=${slug}`);
    cardPath = /href="(\/konto\/ehrenamtskarte\/[0-9a-f-]{36})"/.exec(mine.body)?.[1] ?? '';
    expect(cardPath).not.toBe('');
    expect((await office.get(cardPath)).statusCode).toBe(404);
    const card = await volunteer.get(cardPath);
    expect(card.body).toContain('Helga Sommer');
    expect(card.body).toContain('31.12.2027');
  });

  it('prints a tagged PDF and a QR code that verifies, fails after a one-bit change, and shows revocation', async () => {
    const pdf = await volunteer.get(`${cardPath}/karte.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const raw = pdf.rawPayload.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toContain('/Lang (de-DE)');

    const png = PNG.sync.read((await volunteer.get(`${cardPath}/qr.png`)).rawPayload);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toMatch(/\/pruefen\?code=/);
    code = new URL(decoded!.data).searchParams.get('code')!;

    const anyone = new Client(ctx.app);
    const valid = await anyone.get(`/pruefen?code=${encodeURIComponent(code)}`);
    expect(valid.statusCode).toBe(200);
    expect(valid.body).toContain('echt und gültig');
    expect(valid.body).toContain('Helga Sommer');
    expect(valid.body).not.toContain('helga@example.org');

    const [payload, keyId, signature] = code.split('.') as [string, string, string];
    const bytes = Buffer.from(payload, 'base64url');
    bytes[5]! ^= 0x02;
    const forged = await anyone.get(`/pruefen?code=${encodeURIComponent(`${bytes.toString('base64url')}.${keyId}.${signature}`)}`);
    expect(forged.statusCode).toBe(422);
    expect(forged.body).toContain('Der Code wurde verändert oder ist gefälscht');
    expect(forged.body).not.toContain('Helga Sommer</dd>');

    const list = await office.get(`/netzwerk/${slug}/verwaltung/ehrenamtskarte`);
    const revokePath = /action="([^"]+\/karten\/[0-9a-f-]{36}\/sperren)"/.exec(list.body)?.[1];
    expect((await office.submit(revokePath!, { reason: 'Karte als verloren gemeldet' })).statusCode).toBe(303);
    const revoked = await anyone.get(`/pruefen?code=${encodeURIComponent(code)}`);
    expect(revoked.body).toContain('Gesperrt');
    expect(revoked.body).not.toContain('echt und gültig');
  });

  it('publishes its public keys', async () => {
    const keys = await new Client(ctx.app).get('/.well-known/mitmachnetz-keys.json');
    const body = JSON.parse(keys.body) as { algorithm: string; keys: Array<{ id: string; publicKey: string }> };
    expect(body.algorithm).toBe('Ed25519');
    expect(body.keys[0]?.id).toBe(code.split('.')[1]);
  });

  function application() {
    return { kind: 'standard', holderName: 'Helga Sommer', birthDate: '1961-03-14', municipalityId: delitzschId, allowanceEuro: '0', alternative: '', note: '' };
  }
});

describe('the verification page in English', () => {
  it('confirms an event participation certificate with name, event, date and organiser, and refuses an altered code with 422', async () => {
    // A training of the Tafel on 14 March 2026 (Berlin), over; Gabi was there.
    const event = await createEvent(ctx, {
      networkId: gemsId,
      organisationId: tafel.id,
      kind: 'training',
      title: 'Schulung Lebensmittelhygiene',
      startsAt: new Date('2026-03-14T09:00:00Z'),
      endsAt: new Date('2026-03-14T13:00:00Z'),
    });
    const [registration] = await ctx.deps.db
      .insert(eventRegistrations)
      .values({ eventId: event.id, name: 'Gabi Gut', email: 'gabi@example.org', status: 'confirmed', position: 1, tokenHash: 'f'.repeat(64), attended: true })
      .returning();
    const secret = ctx.deps.config.cookieSecret!;
    // The code new certificates carry (signed, decision 007), and one printed before (legacy HMAC): both read alike.
    const signed = await eventCertificateCode(ctx.deps.db, secret, (await findEvent(ctx.deps.db, event.id))!, registration!, ctx.clock.now);
    const code = legacyCode(secret, registration!.id);

    // A visitor switches the interface to English, as the language link in the header does.
    const visitor = new Client(ctx.app);
    const switched = await visitor.get(`/sprache/en?weiter=${encodeURIComponent(`/pruefen?code=${code}`)}`);
    expect(switched.statusCode).toBe(303);
    for (const printed of [signed, code]) {
      const checked = await visitor.get(`/pruefen?code=${printed}`);
      expect(checked.statusCode).toBe(200);
      expect(checked.body).toContain('lang="en"');
      expect(checked.body).toContain('This certificate of participation is genuine.');
      expect(checked.body).toContain('<dt>Name</dt><dd>Gabi Gut</dd>');
      expect(checked.body).toContain('<dd>Certificate of participation</dd>');
      expect(checked.body).toContain('<dt>Event</dt><dd>Schulung Lebensmittelhygiene</dd>');
      expect(checked.body).toContain('<dt>Date</dt><dd>14/03/2026</dd>');
      expect(checked.body).toContain('<dt>Organised by</dt><dd>Tafel Delitzsch e. V.</dd>');
      expect(checked.body).not.toContain('Teilnahmebescheinigung');
      expect(checked.body).not.toContain('14.03.2026');
    }

    const last = code.at(-1) === 'A' ? 'B' : 'A';
    const altered = await visitor.get(`/pruefen?code=${code.slice(0, -1)}${last}`);
    expect(altered.statusCode).toBe(422);
    expect(altered.body).toContain('There is no certificate of participation for this code. Please check every character; an altered code is never confirmed.');
    expect(altered.body).not.toContain('Zu diesem Code gibt es keine Teilnahmebescheinigung');
    expect(altered.body).not.toContain('Gabi Gut');
    const signedLast = signed.at(-1) === 'A' ? 'B' : 'A';
    const alteredSigned = await visitor.get(`/pruefen?code=${signed.slice(0, -1)}${signedLast}`);
    expect(alteredSigned.statusCode).toBe(422);
    expect(alteredSigned.body).toContain('The code has been changed or forged.');
    expect(alteredSigned.body).not.toContain('Der Code wurde verändert');
    expect(alteredSigned.body).not.toContain('Gabi Gut');
  });
});

/** A certificate code as printed before decision 007: the old HMAC algorithm, written out independently. */
function legacyCode(secret: string, registrationId: string): string {
  const id = registrationId.replace(/-/g, '');
  const key = Buffer.from(crypto.hkdfSync('sha256', secret, 'mitmachnetz', 'event-certificate-v1', 32));
  return `${id}-${crypto.createHmac('sha256', key).update(id).digest('base64url').slice(0, 22)}`;
}

describe('acceptance points', () => {
  it('are read from the office’s CSV, listed with filters, and served by the API', async () => {
    const csv = [
      'name;kategorie;verguenstigung;strasse;plz;ort;kommune;webseite',
      'Stadtmuseum;kultur;Freier Eintritt;Schloßstraße 1;04509;Delitzsch;Delitzsch;https://museum.example',
      'Freibad;freizeit;Halber Eintritt;Am See 1;04509;Krostitz;Krostitz;',
      'Kaputt;unbekannt;Nichts;;;;;',
    ].join('\n');
    const upload = async (client: Client) => {
      await client.get(`/netzwerk/${slug}/akzeptanzstellen`);
      const boundary = '----mmn-test';
      const body = [
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${client.lastCsrf}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="stellen.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
        `--${boundary}--\r\n`,
      ].join('');
      return client.request({ method: 'POST', url: `/netzwerk/${slug}/akzeptanzstellen/import`, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    expect((await upload(volunteer)).statusCode).toBe(403);
    const imported = await upload(office);
    expect(imported.statusCode).toBe(200);
    expect(imported.body).toContain('2 neu, 0 aktualisiert');
    expect(imported.body).toContain('4: Unbekannter Bereich');
    const again = await upload(office);
    expect(again.body).toContain('0 neu, 2 aktualisiert');

    const filtered = await new Client(ctx.app).get(`/netzwerk/${slug}/akzeptanzstellen?bereich=kultur`);
    expect(filtered.body).toContain('Stadtmuseum');
    expect(filtered.body).not.toContain('Halber Eintritt');

    const api = await new Client(ctx.app).get(`/api/v1/acceptance-points?netzwerk=${slug}`);
    const items = (JSON.parse(api.body) as { items: Array<{ name: string; municipality: string | null; lat: number | null }> }).items;
    expect(items.map((i) => i.name)).toEqual(['Freibad', 'Stadtmuseum']);
    expect(items.every((i) => i.lat !== null)).toBe(true);
    expect((await new Client(ctx.app).get('/api/v1/acceptance-points?netzwerk=gibtsnicht')).statusCode).toBe(404);
  });
});
