import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation } from '../../../test/fixtures.ts';
import { networks } from '../../platform/networks/schema.ts';
import { offers } from '../offers/schema.ts';
import { castOf, type Cast } from '../offers/test-support.ts';
import { organisations } from '../organisations/schema.ts';

/*
 * Finding 2 of issue 12: approving an offer of an unverified organisation published it. Nothing of an
 * unverified organisation may be public — page, search (index and database), feeds, widget, API,
 * sitemap — until the office verifies it, which the queue offers as one step with the offer.
 */

let ctx: TestContext;
let cast: Cast;
beforeAll(async () => {
  ctx = await createTestApp();
  cast = await castOf(ctx);
  // A network that reviews every offer: the office decides on each offer, which is where it went wrong.
  await ctx.deps.db.update(networks).set({ moderation: 'offers' }).where(eq(networks.id, cast.gems.id));
});
afterAll(() => ctx.close());

const QUEUE = '/netzwerk/gems/verwaltung/moderation';
const TITLE = 'Streuobstwiese Zwochau pflegen';

/** Every public place an offer shows up in, as a visitor (or a site embedding the widget) sees it. */
async function publicPlaces(offerId: string): Promise<Record<string, boolean>> {
  const visitor = new Client(ctx.app);
  const get = async (url: string) => (await visitor.get(url)).body;
  return {
    page: (await visitor.get(`/angebote/${offerId}`)).statusCode === 200,
    search: (await get('/angebote?q=Streuobstwiese')).includes(TITLE),
    api: (await get('/api/v1/offers?q=Streuobstwiese')).includes(TITLE),
    rss: (await get('/netzwerk/gems/angebote.rss')).includes(TITLE),
    widget: (await get('/widget/angebote?netzwerk=gems&anzahl=20')).includes(TITLE),
    sitemap: (await get('/sitemap.xml')).includes(offerId),
  };
}

const nowhere = { page: false, search: false, api: false, rss: false, widget: false, sitemap: false };
const everywhere = { page: true, search: true, api: true, rss: true, widget: true, sitemap: true };

describe('offers of an unverified organisation', () => {
  it('stay out of every public place when the office approves the offer, until it verifies the organisation', async () => {
    const organisation = await createOrganisation(ctx, { networkId: cast.gems.id, municipalityId: cast.krostitz, name: 'Obstbauverein Zwochau', status: 'pending' });
    const offer = await createOffer(ctx, {
      networkId: cast.gems.id,
      organisationId: organisation.id,
      municipalityId: cast.krostitz,
      title: TITLE,
      status: 'in_review',
      publishedAt: null,
      expiresAt: null,
    });
    const office = await signedInClient(ctx, cast.office);

    // The queue offers the one step instead of a bare approval.
    const queue = await office.get(QUEUE);
    expect(queue.body).toContain('Organisation verifizieren und veröffentlichen');

    // A bare approval (an old form, or the API of the queue) is refused and publishes nothing.
    const approved = await office.submit(`${QUEUE}/angebote/${offer.id}`, { decision: 'approve' }, QUEUE);
    expect(approved.statusCode).toBe(409);
    expect(approved.body).toContain('Die Organisation ist noch nicht geprüft');
    expect((await ctx.deps.db.select().from(offers).where(eq(offers.id, offer.id)))[0]?.status).toBe('in_review');
    expect(await publicPlaces(offer.id)).toEqual(nowhere);

    // Nor can any other writer publish it: the database refuses.
    await expect(ctx.deps.db.update(offers).set({ status: 'published' }).where(eq(offers.id, offer.id))).rejects.toThrow();

    // One step: the organisation is verified and the offer public, everywhere.
    const both = await office.submit(`${QUEUE}/angebote/${offer.id}`, { decision: 'verify' }, QUEUE);
    expect(both.statusCode).toBe(303);
    expect(both.headers.location).toBe(`${QUEUE}?hinweis=verifiziert-und-freigegeben`);
    expect((await ctx.deps.db.select().from(organisations).where(eq(organisations.id, organisation.id)))[0]?.status).toBe('verified');
    expect(await publicPlaces(offer.id)).toEqual(everywhere);
  });

  it('cannot be resumed into public view once the organisation is rejected', async () => {
    const organisation = await createOrganisation(ctx, { networkId: cast.gems.id, municipalityId: cast.krostitz, name: 'Pausierter Verein', status: 'rejected' });
    const offer = await createOffer(ctx, { networkId: cast.gems.id, organisationId: organisation.id, municipalityId: cast.krostitz, title: 'Pausiertes Angebot', status: 'paused' });
    const { resumeOffer } = await import('../offers/commands.ts');
    expect(await resumeOffer(ctx.deps.db, offer.id, ctx.clock.now)).toEqual({ ok: false, code: 'offers.organisation_unverified' });
  });
});
