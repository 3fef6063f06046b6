import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, createTestApp, createUser, linkIn, readOutbox, signedInClient, waitForMail, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { savedSearches } from '../offers/schema.ts';
import { runSavedSearchDigest } from './digest.ts';

let ctx: TestContext;
let gemsId = '';
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestApp({ workers: true });
});
afterAll(() => ctx.close());

async function settle(): Promise<void> {
  // The mail worker polls every half second; give it time to deliver what was queued.
  await new Promise((resolve) => setTimeout(resolve, 2500));
}

describe('daily digest of saved searches', () => {
  it('mails only offers published since the last mail that match, once, and stops after unsubscribing', async () => {
    const { gems, municipality } = await demoRegion(ctx);
    gemsId = gems.id;
    const org = await createOrganisation(ctx, { networkId: gems.id, name: 'Gartenfreunde Taucha' });
    const sport = await createOrganisation(ctx, { networkId: gems.id, name: 'SV Taucha' });
    const offer = (title: string, field: 'umwelt' | 'sport' = 'umwelt') =>
      createOffer(ctx, {
        networkId: gems.id, organisationId: field === 'sport' ? sport.id : org.id, municipalityId: municipality('Taucha').id,
        title, field, publishedAt: ctx.clock.now,
      });

    await offer('Schulgarten pflegen (alt)');
    ctx.clock.advance(HOUR);
    const gisela = await createUser(ctx, { email: 'gisela@example.org', name: 'Gisela' });
    const client = await signedInClient(ctx, gisela);
    await client.get('/angebote?q=Garten');
    const saved = await client.submit('/angebote/suche-speichern', { name: 'Garten in Taucha', suche: 'q=Garten&ort=Taucha&umkreis=10' });
    expect(saved.statusCode).toBe(303);

    ctx.clock.advance(HOUR);
    await offer('Gemeinschaftsgarten anlegen');
    await offer('Fußballtraining für Kinder', 'sport');
    ctx.clock.advance(20 * HOUR);

    expect(await runSavedSearchDigest(ctx.deps, ctx.clock.now)).toEqual({ searches: 1, mails: 1 });
    const mail = await waitForMail(ctx.dataDir, (m) => m.to.includes('gisela@example.org'));
    expect(mail.subject).toBe('Neue Angebote zu Ihrer Suche „Garten in Taucha“');
    expect(mail.text).toContain('Gemeinschaftsgarten anlegen');
    expect(mail.text).not.toContain('Schulgarten pflegen (alt)');
    expect(mail.text).not.toContain('Fußballtraining');
    expect(mail.raw).toMatch(/List-Unsubscribe:\s*<http[^>]*\/api\/v1\/saved-searches\/[^>]+>/);
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // The same day again: nothing new, no mail.
    expect(await runSavedSearchDigest(ctx.deps, ctx.clock.now)).toEqual({ searches: 1, mails: 0 });

    // The next day only the newer offer.
    ctx.clock.advance(HOUR);
    await offer('Kräutergarten am Seniorenheim');
    ctx.clock.advance(23 * HOUR);
    expect((await runSavedSearchDigest(ctx.deps, ctx.clock.now)).mails).toBe(1);
    await settle();
    const mails = readOutbox(ctx.dataDir).filter((m) => m.to.includes('gisela@example.org'));
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text).toContain('Kräutergarten am Seniorenheim');
    expect(mails[1]?.text).not.toContain('Gemeinschaftsgarten anlegen');

    // Unsubscribe through the link in the mail, without being logged in.
    const visitor = new Client(ctx.app);
    const link = linkIn(mail, '/abbestellen');
    const confirm = await visitor.get(link);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Garten in Taucha');
    const id = link.split('/')[3]!;
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const done = await visitor.submit(`/konto/suchen/${id}/abbestellen`, { token });
    expect(done.body).toContain('Sie bekommen keine E-Mails mehr zur Suche „Garten in Taucha“.');
    const [row] = await ctx.deps.db.select().from(savedSearches).where(eq(savedSearches.id, id));
    expect(row?.alerts).toBe('none');

    ctx.clock.advance(HOUR);
    await offer('Obstgarten ernten');
    ctx.clock.advance(23 * HOUR);
    expect(await runSavedSearchDigest(ctx.deps, ctx.clock.now)).toEqual({ searches: 0, mails: 0 });
  });

  it('refuses unsubscribe links with a wrong token', async () => {
    const [row] = await ctx.deps.db.select().from(savedSearches).limit(1);
    const response = await ctx.app.inject(`/konto/suchen/${row!.id}/abbestellen?token=falsch`);
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Dieser Link ist ungültig');
    const oneClick = await ctx.app.inject({ method: 'POST', url: `/api/v1/saved-searches/${row!.id}/unsubscribe?token=falsch` });
    expect(oneClick.statusCode).toBe(404);
  });

  it('unsubscribes with one click from the mail program (RFC 8058)', async () => {
    const user = await createUser(ctx, { email: 'oneclick@example.org' });
    const client = await signedInClient(ctx, user);
    await client.get('/angebote');
    expect((await client.submit('/angebote/suche-speichern', { name: 'Alles', suche: '' })).statusCode).toBe(303);
    ctx.clock.advance(HOUR);
    const org = await createOrganisation(ctx, { networkId: gemsId, name: 'Tafel Delitzsch' });
    await createOffer(ctx, { networkId: gemsId, organisationId: org.id, title: 'Lebensmittel ausgeben', publishedAt: ctx.clock.now });
    ctx.clock.advance(HOUR);
    expect((await runSavedSearchDigest(ctx.deps, ctx.clock.now)).mails).toBe(1);
    const mail = await waitForMail(ctx.dataDir, (m) => m.to.includes('oneclick@example.org'));
    expect(mail.text).toContain('Lebensmittel ausgeben');
    const target = mail.raw.match(/List-Unsubscribe:\s*<https?:\/\/[^/]+([^>]+)>/)?.[1];
    expect(target).toBeDefined();
    const response = await ctx.app.inject({
      method: 'POST',
      url: target!,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(200);
    const [after] = await ctx.deps.db.select().from(savedSearches).where(eq(savedSearches.userId, user.id));
    expect(after?.alerts).toBe('none');
  });
});
