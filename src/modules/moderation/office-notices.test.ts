import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestAppWithInbox, linkIn, signedInClient, type SmtpInbox, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation } from '../../../test/fixtures.ts';
import { createUser } from '../../../test/helpers.ts';
import { castOf, offerForm, type Cast } from '../offers/test-support.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { contentReports } from './schema.ts';
import { runDailySummaries, runImmediateNotices } from './office-notices.ts';

/*
 * Finding 3 of issue 12: the office is told what waits — counts on the dashboard, mails at once or as a
 * daily summary as each person chooses — and organisations hear of the office's decisions. Mail goes
 * through a real SMTP server in this process.
 */

let ctx: TestContext;
let cast: Cast;
let inbox: SmtpInbox;

beforeAll(async () => {
  ({ ctx, inbox } = await createTestAppWithInbox());
  cast = await castOf(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

const QUEUE = '/netzwerk/gems/verwaltung/moderation';
const MINUTE = 60_000;

describe('the office is told what waits', () => {
  it('mails at once, as a daily summary or not at all, as each office person chooses, and counts it on the dashboard', async () => {
    const immediate = cast.office;
    const daily = await createUser(ctx, { email: 'taeglich@gems.example', name: 'Tägliche Zusammenfassung', roles: [{ networkId: cast.gems.id, role: 'network_office' }] });
    const off = await createUser(ctx, { email: 'still@gems.example', name: 'Keine Mails', roles: [{ networkId: cast.gems.id, role: 'network_office' }] });

    const first = await signedInClient(ctx, immediate);
    const form = await first.get(QUEUE);
    expect(form.body).toContain('Sofort, mit einer E-Mail je Vorgang');
    expect((await first.submit(`${QUEUE}/benachrichtigungen`, { mode: 'immediate' })).statusCode).toBe(303);
    const third = await signedInClient(ctx, off);
    await third.get(QUEUE);
    expect((await third.submit(`${QUEUE}/benachrichtigungen`, { mode: 'off' })).statusCode).toBe(303);
    expect((await third.submit(`${QUEUE}/benachrichtigungen`, { mode: 'laut' })).statusCode).toBe(422);

    // Something new: an organisation registers, an offer goes to review, someone reports an offer.
    ctx.clock.advance(MINUTE);
    const now = ctx.clock.now;
    await createOrganisation(ctx, { networkId: cast.gems.id, municipalityId: cast.krostitz, name: 'Chor Wiedemar', status: 'pending', createdAt: now });
    const reviewed = await createOffer(ctx, { networkId: cast.gems.id, organisationId: cast.orgA.id, title: 'Notenwart gesucht', status: 'in_review', publishedAt: null, updatedAt: now });
    await ctx.deps.db.insert(contentReports).values({ networkId: cast.gems.id, subjectType: 'offer', subjectId: reviewed.id, reason: 'Doppelt', createdAt: now });
    ctx.clock.advance(MINUTE);

    expect(await runImmediateNotices(ctx.deps, ctx.clock.now)).toBe(3);
    const atOnce = await inbox.waitFor(immediate.email, 3);
    expect(atOnce.map((m) => m.subject).sort()).toEqual(
      ['Neue Meldung: Notenwart gesucht', 'Neue Organisation wartet auf Prüfung: Chor Wiedemar', 'Neues Angebot wartet auf Prüfung: Notenwart gesucht'].sort(),
    );
    // A second run finds nothing new.
    expect(await runImmediateNotices(ctx.deps, ctx.clock.now)).toBe(0);

    expect(await runDailySummaries(ctx.deps, ctx.clock.now)).toBe(1);
    const [summary] = await inbox.waitFor(daily.email);
    expect(summary?.subject).toMatch(/^Was heute wartet: /);
    expect(summary?.text).toContain('Organisationen zur Prüfung: 1');
    expect(summary?.text).toContain('Angebote zur Prüfung: 1');
    expect(summary?.text).toContain('offene Meldungen: 1');
    // Once a day: the same day's second run sends nothing.
    expect(await runDailySummaries(ctx.deps, ctx.clock.now)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(inbox.to(off.email)).toEqual([]);
    expect(inbox.to(immediate.email).map((m) => m.subject)).not.toContain(summary?.subject);

    // The dashboard shows the counts, whatever the mail setting.
    const dashboard = await third.get('/netzwerk/gems/verwaltung');
    expect(dashboard.body).toContain('Organisationen zur Prüfung: 1');
    expect(dashboard.body).toContain('Angebote zur Prüfung: 1');
    expect(dashboard.body).toContain('Offene Meldungen: 1');
  });
});

describe('an offer in review is announced once', () => {
  it('when it is submitted, not again when the organisation edits it while it waits', async () => {
    const organisation = await createOrganisation(ctx, { networkId: cast.gems.id, municipalityId: cast.krostitz, name: 'Kirchenchor Zschepen', status: 'pending' });
    await ctx.deps.db.insert(organisationMembers).values({ organisationId: organisation.id, userId: cast.memberA.id, role: 'admin' });
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: organisation.id, title: 'Noten sortieren', status: 'draft', publishedAt: null });
    // Whatever waited before is announced first, so the runs below see only this offer.
    ctx.clock.advance(MINUTE);
    await runImmediateNotices(ctx.deps, ctx.clock.now);
    const member = await signedInClient(ctx, cast.memberA);

    ctx.clock.advance(MINUTE);
    await member.get(`/angebote/${offer.id}`);
    expect((await member.submit(`/angebote/${offer.id}/status`, { action: 'submit' })).statusCode).toBe(303);
    ctx.clock.advance(MINUTE);
    const before = inbox.to(cast.office.email).length;
    expect(await runImmediateNotices(ctx.deps, ctx.clock.now)).toBe(1);
    const announced = await inbox.waitFor(cast.office.email, before + 1);
    expect(announced.at(-1)?.subject).toBe('Neues Angebot wartet auf Prüfung: Noten sortieren');

    ctx.clock.advance(MINUTE);
    await member.get(`/angebote/${offer.id}/bearbeiten`);
    expect((await member.submit(`/angebote/${offer.id}/bearbeiten`, offerForm({ municipalityId: cast.krostitz, title: 'Noten sortieren und binden' }))).statusCode).toBe(303);
    ctx.clock.advance(MINUTE);
    expect(await runImmediateNotices(ctx.deps, ctx.clock.now)).toBe(0);
  });
});

describe('an organisation hears of the decision', () => {
  it('gets the approval at its contact address with a link to claim it, and a rejection with the reason', async () => {
    const organisation = await createOrganisation(ctx, { networkId: cast.gems.id, municipalityId: cast.krostitz, name: 'Angelverein Kletzen', email: 'petri@angelverein-kletzen.de', status: 'pending' });
    const office = await signedInClient(ctx, cast.office);
    await office.get(QUEUE);
    expect((await office.submit(`${QUEUE}/organisationen/${organisation.id}`, { decision: 'approve' })).statusCode).toBe(303);
    const [approved] = await inbox.waitFor('petri@angelverein-kletzen.de');
    expect(approved?.subject).toBe('Ihre Organisation ist freigegeben: Angelverein Kletzen');
    const claim = linkIn({ file: '', raw: '', to: '', subject: approved!.subject ?? '', text: approved!.text ?? '' }, `/organisationen/${organisation.id}/uebernehmen`);
    expect((await new Client(ctx.app).get(claim)).statusCode).toBe(200);

    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: organisation.id, title: 'Gewässerpflege am Lober', status: 'in_review', publishedAt: null });
    expect((await office.submit(`${QUEUE}/angebote/${offer.id}`, { decision: 'reject', reason: 'Bitte einen Ort angeben.' })).statusCode).toBe(303);
    const mails = await inbox.waitFor('petri@angelverein-kletzen.de', 2);
    expect(mails[1]?.text).toContain('Bitte einen Ort angeben.');

    const second = await createOffer(ctx, { networkId: cast.gems.id, organisationId: organisation.id, title: 'Jugendgruppe begleiten', status: 'in_review', publishedAt: null });
    expect((await office.submit(`${QUEUE}/angebote/${second.id}`, { decision: 'approve' })).statusCode).toBe(303);
    const all = await inbox.waitFor('petri@angelverein-kletzen.de', 3);
    expect(all[2]?.subject).toBe('Ihr Angebot ist veröffentlicht: Jugendgruppe begleiten');
    expect(all[2]?.text).toContain(`/angebote/${second.id}`);
    expect(all[2]?.text).toContain('/uebernehmen?zugang=');
  });
});
