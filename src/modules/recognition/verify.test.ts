import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, ENGINE, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import { signPayload } from '../../platform/signing/index.ts';
import { eventCertificateCode } from '../events/certificate.ts';
import { findEvent } from '../events/queries.ts';
import { eventRegistrations } from '../events/schema.ts';
import { createEvent } from '../events/testing.ts';
import { applyForCard, chooseState, confirmEngagementDirectly, decideApplication, issueCertificate } from './commands.ts';
import { addYears } from './rules/engine.ts';
import { cards, engagementCertificates } from './schema.ts';

/*
 * /pruefen checks every code the platform signs and shows it by its type: a volunteer card, a certificate of
 * engagement (hours), a certificate of participation (events), in German and in English.
 */

let ctx: TestContext;
const codes: Record<'card' | 'certificate' | 'participation', string> = { card: '', certificate: '', participation: '' };

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.deps.db;
  const secret = ctx.deps.config.cookieSecret!;
  const now = ctx.clock.now;
  const today = berlinDay(now);
  const networkId = (await demoRegion(ctx)).gems.id;
  const organisationId = (await createOrganisation(ctx, { networkId, name: 'Tafel Delitzsch e. V.' })).id;
  const userId = (await createUser(ctx, { email: 'helga@example.org', name: 'Helga Sommer' })).id;
  const officeId = (await createUser(ctx, { email: 'office@example.org', roles: [{ networkId, role: 'network_office' }] })).id;
  await chooseState(db, networkId, 'BY', now);
  for (const yearsBack of [0, 1]) {
    await confirmEngagementDirectly(db, { organisationId, networkId, userId, day: addYears(today, -yearsBack, -40), hours: 250, reason: 'Vorstandsarbeit laut Protokollen', actorId: officeId }, now);
  }
  const applied = await applyForCard(db, userId, { networkId, municipalityId: null, kind: 'standard', holderName: 'Helga Sommer', birthDate: '1960-04-02', allowanceEuro: 0, alternative: null, note: '' }, now);
  if (!applied.ok) throw new Error(`not applied: ${JSON.stringify(applied)}`);
  expect(await decideApplication(db, secret, { applicationId: applied.id, decision: 'approve', reason: '', actorId: officeId }, now)).toMatchObject({ ok: true });
  codes.card = (await db.select().from(cards))[0]!.code;
  const issued = await issueCertificate(db, secret, { userId, holderName: 'Helga Sommer', networkId, issuer: { organisationId, name: 'Tafel Delitzsch e. V.' }, from: addYears(today, -2, 0), to: today, actorId: officeId }, now);
  if (!issued.ok) throw new Error('not issued');
  codes.certificate = (await db.select().from(engagementCertificates))[0]!.code;

  const starts = new Date(now.getTime() - 3 * 86_400_000);
  const event = await createEvent(ctx, { networkId, kind: 'training', title: 'Schulung Erste Hilfe', startsAt: starts, endsAt: new Date(starts.getTime() + 2 * 3_600_000) });
  const [registration] = await db
    .insert(eventRegistrations)
    .values({ eventId: event.id, name: 'Helga Sommer', email: 'helga@example.org', status: 'confirmed', position: 1, attended: true, tokenHash: '9'.repeat(64), userId })
    .returning();
  codes.participation = await eventCertificateCode(db, secret, (await findEvent(db, event.id))!, registration!, now);
});

afterAll(async () => ctx?.close());

const check = (code: string, language: 'de' | 'en') => new Client(ctx.app).get(`/pruefen?code=${encodeURIComponent(code)}`, { 'accept-language': language });

describe(`/pruefen shows each kind of signed paper (${ENGINE})`, () => {
  it('in German', async () => {
    const card = await check(codes.card, 'de');
    expect(card.statusCode).toBe(200);
    expect(card.body).toContain('Diese Ehrenamtskarte ist echt und gültig.');
    const certificate = await check(codes.certificate, 'de');
    expect(certificate.statusCode).toBe(200);
    expect(certificate.body).toContain('Dieser Engagementnachweis ist echt.');
    expect(certificate.body).toContain('Tafel Delitzsch e. V.');
    const participation = await check(codes.participation, 'de');
    expect(participation.statusCode).toBe(200);
    expect(participation.body).toContain('Diese Teilnahmebescheinigung ist echt.');
    expect(participation.body).toContain('Schulung Erste Hilfe');
    for (const page of [card, certificate, participation]) expect(page.body).toContain('Helga Sommer');
  });

  it('in English', async () => {
    expect((await check(codes.card, 'en')).body).toContain('This volunteer card is genuine and valid.');
    expect((await check(codes.certificate, 'en')).body).toContain('This certificate of engagement is genuine.');
    const participation = await check(codes.participation, 'en');
    expect(participation.body).toContain('This certificate of participation is genuine.');
    expect(participation.body).toContain('Organised by');
  });

  it('refuses an altered code of each kind with 422 and says so, and a genuine signature over a type it does not know', async () => {
    for (const code of Object.values(codes)) {
      const [payload, keyId, signature] = code.split('.') as [string, string, string];
      const bytes = Buffer.from(payload, 'base64url');
      bytes[bytes.length - 3]! ^= 0x01;
      const altered = await check(`${bytes.toString('base64url')}.${keyId}.${signature}`, 'de');
      expect(altered.statusCode).toBe(422);
      expect(altered.body).toContain('Der Code wurde verändert oder ist gefälscht.');
      expect(altered.body).not.toContain('Helga Sommer</dd>');
      expect((await check(`${bytes.toString('base64url')}.${keyId}.${signature}`, 'en')).body).toContain('The code has been changed or forged.');
    }
    const unknown = await signPayload(ctx.deps.db, ctx.deps.config.cookieSecret!, { t: 'voucher', no: 'G-1' }, ctx.clock.now);
    const shown = await check(unknown, 'de');
    expect(shown.statusCode).toBe(422);
    expect(shown.body).toContain('Das ist kein Code einer Karte oder eines Nachweises.');
  });
});
