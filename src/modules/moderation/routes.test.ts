import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signedInClient, waitForMail, type TestContext } from '../../../test/helpers.ts';
import { createNeed, createOffer, createOrganisation } from '../../../test/fixtures.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { needs } from '../needs/schema.ts';
import { networks } from '../../platform/networks/schema.ts';
import { offers } from '../offers/schema.ts';
import { castOf, type Cast } from '../offers/test-support.ts';
import { organisationMembers, organisations } from '../organisations/schema.ts';
import { contentReports } from './schema.ts';

let ctx: TestContext;
let cast: Cast;
beforeAll(async () => {
  ctx = await createTestApp({ workers: true });
  cast = await castOf(ctx);
});
afterAll(() => ctx.close());

const QUEUE = '/netzwerk/gems/verwaltung/moderation';

async function offerStatus(id: string) {
  const [row] = await ctx.deps.db.select().from(offers).where(eq(offers.id, id));
  return row;
}

async function organisationStatus(id: string) {
  const [row] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, id));
  return row?.status;
}

/** A new organisation waiting for the check, with an admin and an offer submitted meanwhile. */
async function pendingOrganisation(name: string) {
  const organisation = await createOrganisation(ctx, { networkId: cast.gems.id, municipalityId: cast.krostitz, name, status: 'pending' });
  await ctx.deps.db.insert(organisationMembers).values({ organisationId: organisation.id, userId: cast.memberA.id, role: 'admin' });
  const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: organisation.id, status: 'in_review', publishedAt: null, expiresAt: null, title: `Angebot von ${name}` });
  return { organisation, offer };
}

describe('who may moderate', () => {
  it('lets the office of the network in, and nobody else', async () => {
    const office = await signedInClient(ctx, cast.office);
    const queue = await office.get(QUEUE);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`<a href="${QUEUE}" aria-current="page">`);
    for (const user of [cast.volunteer, cast.memberA, cast.otherOffice]) {
      expect((await (await signedInClient(ctx, user)).get(QUEUE)).statusCode).toBe(403);
      expect((await (await signedInClient(ctx, user)).get(`${QUEUE}/einstellungen`)).statusCode).toBe(403);
    }
    const anonymous = await new Client(ctx.app).get(QUEUE);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/anmelden');
  });

  it('refuses decisions from a volunteer and from the office of the other network', async () => {
    const { organisation, offer } = await pendingOrganisation('Verein Fremdzugriff');
    for (const user of [cast.volunteer, cast.memberA]) {
      const client = await signedInClient(ctx, user);
      await client.get('/netzwerk/gems');
      expect((await client.submit(`${QUEUE}/organisationen/${organisation.id}`, { decision: 'approve' }, '/netzwerk/gems/impressum')).statusCode).toBe(403);
      expect((await client.submit(`${QUEUE}/angebote/${offer.id}`, { decision: 'approve' }, '/netzwerk/gems/impressum')).statusCode).toBe(403);
    }
    // The other office may not act through its own network's URL on this network's organisation either.
    const other = await signedInClient(ctx, cast.otherOffice);
    expect((await other.submit(`/netzwerk/weisswasser/verwaltung/moderation/organisationen/${organisation.id}`, { decision: 'approve' }, '/netzwerk/weisswasser/verwaltung/moderation')).statusCode).toBe(404);
    expect((await other.submit(`${QUEUE}/organisationen/${organisation.id}`, { decision: 'approve' }, '/netzwerk/weisswasser/verwaltung/moderation')).statusCode).toBe(403);
    expect(await organisationStatus(organisation.id)).toBe('pending');
    expect((await offerStatus(offer.id))?.status).toBe('in_review');
  });
});

describe('the queue', () => {
  it('lists pending organisations, offers in review and open reports', async () => {
    const { organisation, offer } = await pendingOrganisation('Initiative Warteschlange');
    const published = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, title: 'Gemeldetes Angebot' });
    await ctx.deps.db.insert(contentReports).values({ networkId: cast.gems.id, subjectType: 'offer', subjectId: published.id, reason: 'Telefonnummer einer Privatperson' });
    const page = await (await signedInClient(ctx, cast.office)).get(QUEUE);
    expect(page.body).toContain('Initiative Warteschlange');
    expect(page.body).toContain(offer.title);
    expect(page.body).toContain('(Organisation noch nicht geprüft)');
    expect(page.body).toContain('Gemeldetes Angebot');
    expect(page.body).toContain('Telefonnummer einer Privatperson');
    expect(page.body).toContain(`${QUEUE}/organisationen/${organisation.id}`);
    // The other network's queue knows nothing of it.
    const other = await (await signedInClient(ctx, cast.otherOffice)).get('/netzwerk/weisswasser/verwaltung/moderation');
    expect(other.body).not.toContain('Initiative Warteschlange');
  });

  it('verifies an organisation and publishes the offers that waited for it', async () => {
    const { organisation, offer } = await pendingOrganisation('Heimatfreunde Löbnitz');
    const office = await signedInClient(ctx, cast.office);
    const response = await office.submit(`${QUEUE}/organisationen/${organisation.id}`, { decision: 'approve' }, QUEUE);
    expect(response.statusCode).toBe(303);
    expect(await organisationStatus(organisation.id)).toBe('verified');
    const after = await offerStatus(offer.id);
    expect(after?.status).toBe('published');
    expect(after?.expiresAt?.getTime()).toBe(ctx.clock.now.getTime() + 90 * 86_400_000);
    expect((await new Client(ctx.app).get(`/organisationen/${organisation.id}`)).statusCode).toBe(200);
    const twice = await office.submit(`${QUEUE}/organisationen/${organisation.id}`, { decision: 'approve' }, QUEUE);
    expect(twice.statusCode).toBe(409);
    const log = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, organisation.id));
    expect(log.map((l) => l.action)).toContain('organisation.verified');
  });

  it('keeps waiting offers in review when the network reviews every offer', async () => {
    await ctx.deps.db.update(networks).set({ moderation: 'offers' }).where(eq(networks.id, cast.gems.id));
    const { organisation, offer } = await pendingOrganisation('Kirchengemeinde Zschepplin');
    const office = await signedInClient(ctx, cast.office);
    await office.submit(`${QUEUE}/organisationen/${organisation.id}`, { decision: 'approve' }, QUEUE);
    expect((await offerStatus(offer.id))?.status).toBe('in_review');
    const approved = await office.submit(`${QUEUE}/angebote/${offer.id}`, { decision: 'approve' }, QUEUE);
    expect(approved.statusCode).toBe(303);
    expect((await offerStatus(offer.id))?.status).toBe('published');
    await ctx.deps.db.update(networks).set({ moderation: 'organisations' }).where(eq(networks.id, cast.gems.id));
  });

  it('rejects an organisation only with a reason, and tells its people by mail', async () => {
    const { organisation } = await pendingOrganisation('Werbefirma Schkeuditz');
    const office = await signedInClient(ctx, cast.office);
    const noReason = await office.submit(`${QUEUE}/organisationen/${organisation.id}`, { decision: 'reject', reason: '' }, QUEUE);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Bitte geben Sie eine Begründung an');
    expect(await organisationStatus(organisation.id)).toBe('pending');
    const done = await office.submit(`${QUEUE}/organisationen/${organisation.id}`, { decision: 'reject', reason: 'Kein Engagement, sondern Werbung.' }, QUEUE);
    expect(done.statusCode).toBe(303);
    expect(await organisationStatus(organisation.id)).toBe('rejected');
    const mail = await waitForMail(ctx.dataDir, (m) => m.subject.includes('Werbefirma Schkeuditz'));
    expect(mail.to).toContain(cast.memberA.email);
    expect(mail.text).toContain('Kein Engagement, sondern Werbung.');
  });

  it('sends an offer back with a reason the organisation reads on the offer and in its mail', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, status: 'in_review', title: 'Zu vage beschrieben' });
    const office = await signedInClient(ctx, cast.office);
    const done = await office.submit(`${QUEUE}/angebote/${offer.id}`, { decision: 'reject', reason: 'Bitte beschreiben Sie die Aufgabe genauer.' }, QUEUE);
    expect(done.statusCode).toBe(303);
    expect(await offerStatus(offer.id)).toMatchObject({ status: 'draft', statusReason: 'Bitte beschreiben Sie die Aufgabe genauer.' });
    const mail = await waitForMail(ctx.dataDir, (m) => m.subject.includes('Zu vage beschrieben'));
    expect(mail.text).toContain('Bitte beschreiben Sie die Aufgabe genauer.');
    const page = await (await signedInClient(ctx, cast.memberA)).get(`/angebote/${offer.id}`);
    expect(page.body).toContain('Hinweis der Netzwerkstelle: Bitte beschreiben Sie die Aufgabe genauer.');
  });
});

describe('reporting content', () => {
  it('takes a report from anyone about public content, and tells nothing about drafts', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, title: 'Meldenswert' });
    const visitor = new Client(ctx.app);
    const form = await visitor.get(`/melden?subjectType=offer&subjectId=${offer.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Sie melden: Angebot „Meldenswert“');
    const sent = await visitor.submit('/melden', { subjectType: 'offer', subjectId: offer.id, reason: 'Hier steht eine private Handynummer.' }, `/melden?subjectType=offer&subjectId=${offer.id}`);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/melden/danke');
    const [report] = await ctx.deps.db.select().from(contentReports).where(eq(contentReports.subjectId, offer.id));
    expect(report).toMatchObject({ networkId: cast.gems.id, subjectType: 'offer', reporterId: null, resolvedAt: null });

    const draft = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, status: 'draft', title: 'Geheimer Entwurf' });
    const hidden = await visitor.get(`/melden?subjectType=offer&subjectId=${draft.id}`);
    expect(hidden.body).not.toContain('Geheimer Entwurf');
    const privateNeed = await createNeed(ctx, { networkId: cast.gems.id, title: 'Private Begleitung' });
    expect((await visitor.get(`/melden?subjectType=need&subjectId=${privateNeed.id}`)).body).not.toContain('Private Begleitung');
    const refused = await visitor.submit('/melden', { subjectType: 'need', subjectId: privateNeed.id, reason: 'Das ist nicht in Ordnung.' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('>Das ist nicht in Ordnung.</textarea>');
  });

  it('answers bad input with 422 and keeps the text', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id });
    const client = await signedInClient(ctx, cast.volunteer);
    const short = await client.submit('/melden', { subjectType: 'offer', subjectId: offer.id, reason: 'kurz' }, `/melden?subjectType=offer&subjectId=${offer.id}`);
    expect(short.statusCode).toBe(422);
    expect(short.body).toMatch(/id="f-reason"[^>]*aria-invalid="true"/);
    expect(short.body).toContain('>kurz</textarea>');
    const wrongType = await client.submit('/melden', { subjectType: 'user', subjectId: offer.id, reason: '<script>alert(1)</script> bitte prüfen' });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.body).not.toContain('<script>alert(1)');
  });

  it('drops control characters in a report instead of failing on them', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id });
    const client = await signedInClient(ctx, cast.volunteer);
    const sent = await client.submit('/melden', { subjectType: 'offer', subjectId: offer.id, reason: 'Bitte\u0000 ansehen, danke.' }, `/melden?subjectType=offer&subjectId=${offer.id}`);
    expect(sent.statusCode).toBe(303);
    const [report] = await ctx.deps.db.select().from(contentReports).where(eq(contentReports.subjectId, offer.id));
    expect(report?.reason).toBe('Bitte ansehen, danke.');
  });

  it('allows five reports per address in ten minutes', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id });
    const client = new Client(ctx.app);
    await client.get(`/melden?subjectType=offer&subjectId=${offer.id}`);
    const send = () =>
      client.request({
        method: 'POST',
        url: '/melden',
        remoteAddress: '203.0.113.9',
        payload: new URLSearchParams({ _csrf: client.lastCsrf, subjectType: 'offer', subjectId: offer.id, reason: 'Bitte einmal ansehen.' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    for (let i = 0; i < 5; i++) expect((await send()).statusCode).toBe(303);
    const sixth = await send();
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('Zu viele Versuche');
  });

  it('lets the office close a report and take the content offline with a reason', async () => {
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, title: 'Private Handynummer' });
    const [report] = await ctx.deps.db
      .insert(contentReports)
      .values({ networkId: cast.gems.id, subjectType: 'offer', subjectId: offer.id, reason: 'Private Handynummer im Text' })
      .returning();
    const office = await signedInClient(ctx, cast.office);
    const other = await signedInClient(ctx, cast.otherOffice);
    await other.get('/netzwerk/weisswasser');
    expect((await other.submit(`${QUEUE}/meldungen/${report?.id}`, { resolution: 'x', unpublish: '1' }, '/netzwerk/weisswasser/impressum')).statusCode).toBe(403);

    const done = await office.submit(`${QUEUE}/meldungen/${report?.id}`, { resolution: 'Bitte nur die Nummer des Vereins angeben.', unpublish: '1' }, QUEUE);
    expect(done.statusCode).toBe(303);
    expect(await offerStatus(offer.id)).toMatchObject({ status: 'draft', statusReason: 'Bitte nur die Nummer des Vereins angeben.' });
    const [closed] = await ctx.deps.db.select().from(contentReports).where(eq(contentReports.id, report?.id ?? ''));
    expect(closed?.resolvedAt).not.toBeNull();
    expect(closed?.resolvedBy).toBe(cast.office.id);
    expect((await office.get(QUEUE)).body).not.toContain('Private Handynummer im Text');
    expect((await office.submit(`${QUEUE}/meldungen/${report?.id}`, { resolution: 'nochmal' }, QUEUE)).statusCode).toBe(409);
  });

  it('hides a reported public need again', async () => {
    const need = await createNeed(ctx, { networkId: cast.gems.id, title: 'Öffentliches Gesuch', isPublic: true });
    const [report] = await ctx.deps.db.insert(contentReports).values({ networkId: cast.gems.id, subjectType: 'need', subjectId: need.id, reason: 'Name und Adresse einer Seniorin' }).returning();
    const office = await signedInClient(ctx, cast.office);
    await office.submit(`${QUEUE}/meldungen/${report?.id}`, { resolution: 'Personenbezogene Angaben', unpublish: '1' }, QUEUE);
    const [after] = await ctx.deps.db.select().from(needs).where(eq(needs.id, need.id));
    expect(after?.isPublic).toBe(false);
  });
});

describe('moderation settings', () => {
  it('sets the moderation mode and the offer lifetime, with checks', async () => {
    const office = await signedInClient(ctx, cast.office);
    const form = await office.get(`${QUEUE}/einstellungen`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="organisations"[^>]*checked/);
    const bad = await office.submit(`${QUEUE}/einstellungen`, { moderation: 'offers', offerLifetimeDays: '5' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/id="f-offerLifetimeDays"[^>]*aria-invalid="true"/);
    expect(bad.body).toContain('value="5"');
    const wrongMode = await office.submit(`${QUEUE}/einstellungen`, { moderation: 'alles', offerLifetimeDays: '60' });
    expect(wrongMode.statusCode).toBe(422);
    const ok = await office.submit(`${QUEUE}/einstellungen`, { moderation: 'offers', offerLifetimeDays: '60' });
    expect(ok.statusCode).toBe(303);
    const [network] = await ctx.deps.db.select().from(networks).where(eq(networks.id, cast.gems.id));
    expect(network).toMatchObject({ moderation: 'offers', offerLifetimeDays: 60 });
    const volunteer = await signedInClient(ctx, cast.volunteer);
    await volunteer.get('/netzwerk/gems');
    expect((await volunteer.submit(`${QUEUE}/einstellungen`, { moderation: 'organisations', offerLifetimeDays: '90' }, '/netzwerk/gems/impressum')).statusCode).toBe(403);
    await office.submit(`${QUEUE}/einstellungen`, { moderation: 'organisations', offerLifetimeDays: '90' });
  });
});
