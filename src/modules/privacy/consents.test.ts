import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { queueMail, startMailWorker } from '../../platform/mail/index.ts';
import { Client, createTestApp, createUser, readOutbox, signedInClient, waitForMail, type TestContext } from '../../../test/helpers.ts';
import { saveVolunteerProfile } from '../volunteers/commands.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { consentHistory, currentConsents, hasConsent, recordConsent, withdrawConsent } from './consents.ts';
import { CONTACT_PURPOSE } from './index.ts';
import { privacyModule } from './manifest.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx.close();
});

const PROFILE = {
  fields: [],
  skills: [],
  weekdays: [],
  timesOfDay: [],
  homeMunicipalityId: null,
  postcode: '',
  radiusKm: 10,
  languages: [],
  remoteOk: false,
  about: '',
};

describe('consent records', () => {
  it('records once per wording, closes the old wording on a new one, and withdraws', async () => {
    const user = await createUser(ctx, { email: 'rec@example.org' });
    const db = ctx.deps.db;
    const scope = { userId: user.id, purpose: 'infomail' };
    expect(await hasConsent(db, scope)).toBe(false);
    const first = await recordConsent(db, { ...scope, version: 'v1', method: 'form' }, ctx.clock.now);
    const again = await recordConsent(db, { ...scope, version: 'v1', method: 'form' }, ctx.clock.now);
    expect(again.id).toBe(first.id);
    const second = await recordConsent(db, { ...scope, version: 'v2', method: 'double_opt_in' }, ctx.clock.now);
    expect(second.id).not.toBe(first.id);
    expect((await currentConsents(db, { userId: user.id })).map((c) => c.version)).toEqual(['v2']);
    expect(await hasConsent(db, scope)).toBe(true);
    expect(await withdrawConsent(db, scope, ctx.clock.now)).toBe(1);
    expect(await hasConsent(db, scope)).toBe(false);
    expect(await withdrawConsent(db, scope, ctx.clock.now)).toBe(0);
    const history = await consentHistory(db, { userId: user.id });
    expect(history).toHaveLength(2);
    expect(history.every((c) => c.withdrawnAt !== null)).toBe(true);
  });

  it('keeps network consents apart and counts consents given by address before an account existed', async () => {
    const db = ctx.deps.db;
    const [network] = await ctx.deps.database.query<{ id: string }>(
      `insert into networks (slug, name) values ('einw', 'Netz Einwilligung') returning id`,
    ).then((r) => r.rows);
    await recordConsent(db, { email: 'Later@Example.org', purpose: 'infomail', networkId: network!.id, version: 'v1', method: 'double_opt_in' }, ctx.clock.now);
    expect(await hasConsent(db, { email: 'later@example.org', purpose: 'infomail', networkId: network!.id })).toBe(true);
    expect(await hasConsent(db, { email: 'later@example.org', purpose: 'infomail' })).toBe(false);
    const user = await createUser(ctx, { email: 'later@example.org' });
    expect(await hasConsent(db, { userId: user.id, email: user.email, purpose: 'infomail', networkId: network!.id })).toBe(true);
    expect(await hasConsent(db, { userId: user.id, purpose: 'infomail', networkId: network!.id })).toBe(false);
  });
});

describe('the consents page', () => {
  it('lists the profile\'s contact consent and withdraws it with one click, which clears the profile\'s tick', async () => {
    const user = await createUser(ctx, { email: 'vol@example.org' });
    await saveVolunteerProfile(ctx.deps.db, user.id, { ...PROFILE, contactable: true }, ctx.clock.now);
    const client = await signedInClient(ctx, user);
    const page = await client.get('/konto/einwilligungen');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('passende Angebote vorschlagen');
    expect(page.body).toContain('im Formular angekreuzt');
    const [consent] = await currentConsents(ctx.deps.db, { userId: user.id });
    const done = await client.submit(`/konto/einwilligungen/${consent!.id}/widerrufen`, {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/konto/einwilligungen?widerrufen=1');
    expect(await hasConsent(ctx.deps.db, { userId: user.id, purpose: CONTACT_PURPOSE })).toBe(false);
    const [profile] = await ctx.deps.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, user.id));
    expect(profile!.contactable).toBe(false);
    const after = await client.get('/konto/einwilligungen?widerrufen=1');
    expect(after.body).toContain('Ihre Einwilligung ist widerrufen');
    expect(after.body).toContain('Frühere und widerrufene Einwilligungen');
  });

  it('lets nobody withdraw another person\'s consent, and asks strangers to sign in', async () => {
    const owner = await createUser(ctx, { email: 'owner@example.org' });
    const other = await createUser(ctx, { email: 'other@example.org' });
    const consent = await recordConsent(ctx.deps.db, { userId: owner.id, purpose: 'infomail', version: 'v1', method: 'form' }, ctx.clock.now);
    const client = await signedInClient(ctx, other);
    const tried = await client.submit(`/konto/einwilligungen/${consent.id}/widerrufen`, {}, '/konto/einwilligungen');
    expect(tried.headers.location).toBe('/konto/einwilligungen?unbekannt=1');
    expect(await hasConsent(ctx.deps.db, { userId: owner.id, purpose: 'infomail' })).toBe(true);
    const bad = await client.submit('/konto/einwilligungen/kein-id/widerrufen', {});
    expect(bad.headers.location).toBe('/konto/einwilligungen?unbekannt=1');
    const stranger = new Client(ctx.app);
    const page = await stranger.get('/konto/einwilligungen');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/anmelden');
    const noCsrf = await (await signedInClient(ctx, owner)).request({ method: 'POST', url: `/konto/einwilligungen/${consent.id}/widerrufen` });
    expect(noCsrf.statusCode).toBe(403);
    expect(await hasConsent(ctx.deps.db, { userId: owner.id, purpose: 'infomail' })).toBe(true);
  });
});

describe('mails that need a consent', () => {
  it('are not sent when the consent was withdrawn while they waited in the queue', async () => {
    const db = ctx.deps.db;
    const gone = await createUser(ctx, { email: 'gone@example.org' });
    const stays = await createUser(ctx, { email: 'stays@example.org' });
    for (const user of [gone, stays]) {
      await saveVolunteerProfile(db, user.id, { ...PROFILE, contactable: true }, ctx.clock.now);
    }
    const mail = (to: string, userId: string) => ({ to, subject: `Vorschlag für ${to}`, text: 'Hallo', consent: { purpose: CONTACT_PURPOSE, userId } });
    await queueMail(ctx.deps.jobs, mail(gone.email, gone.id));
    await withdrawConsent(db, { userId: gone.id, purpose: CONTACT_PURPOSE }, ctx.clock.now);
    await queueMail(ctx.deps.jobs, mail(stays.email, stays.id));
    await privacyModule.workers!(ctx.deps);
    await startMailWorker(ctx.deps.jobs, ctx.deps.mailer, 0.5);
    await waitForMail(ctx.dataDir, (m) => m.to === stays.email);
    // The withdrawn one was queued first; by the time the later one is delivered it has been passed over.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(readOutbox(ctx.dataDir).some((m) => m.to === gone.email)).toBe(false);
  });
});
