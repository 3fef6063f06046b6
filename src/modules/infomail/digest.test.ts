import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { Client, createTestApp, linkIn, readOutbox, waitForMail, type OutboxMail, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { runDigests } from './digest.ts';

let ctx: TestContext;
let networkId: string;
let organisationId: string;
let krostitz: string;
let loebnitz: string;

const HOUR = 3600_000;
const digestsTo = (address: string) => readOutbox(ctx.dataDir).filter((m) => m.to.includes(address) && m.subject.startsWith('Neu bei'));

beforeAll(async () => {
  ctx = await createTestApp({ workers: true });
  const region = await demoRegion(ctx);
  networkId = region.gems.id;
  krostitz = region.municipality('Krostitz').id;
  loebnitz = region.municipality('Löbnitz').id;
  organisationId = (await createOrganisation(ctx, { networkId, municipalityId: krostitz })).id;
}, 240_000);

afterAll(async () => {
  await ctx.close();
});

/** Subscribes to the digest alone (no list) for Krostitz and the field "schule", and confirms. */
async function subscribeToDigest(email: string): Promise<void> {
  const client = new Client(ctx.app);
  const response = await client.submit('/netzwerk/gems/infomail', { email, digest: '1', municipalities: krostitz, fields: 'schule', consent: '1' }, '/netzwerk/gems/infomail');
  expect(response.statusCode).toBe(303);
  const confirmation = await waitForMail(ctx.dataDir, (m) => m.to.includes(email) && /bestätigen/i.test(m.text));
  const path = linkIn(confirmation, '/bestaetigen/');
  expect((await client.submit(path, {}, path)).statusCode).toBe(200);
}

async function parsed(mail: OutboxMail) {
  return simpleParser(mail.raw);
}

describe('weekly digest', () => {
  it('sends nothing when nothing is new, one mail listing the new offers of the chosen place and field, and nothing after unsubscribing', async () => {
    await subscribeToDigest('digest@example.org');

    // Nothing published since the subscription: no digest.
    expect(await runDigests(ctx.deps)).toBe(0);

    ctx.clock.advance(HOUR);
    await createOffer(ctx, { networkId, organisationId, municipalityId: krostitz, field: 'schule', title: 'Hausaufgabenhilfe in Krostitz' });
    await createOffer(ctx, { networkId, organisationId, municipalityId: krostitz, field: 'sport', title: 'Übungsleitung Kinderturnen' });
    await createOffer(ctx, { networkId, organisationId, municipalityId: loebnitz, field: 'schule', title: 'Lesepatenschaft in Löbnitz' });
    await createOffer(ctx, { networkId, organisationId, municipalityId: krostitz, field: 'schule', title: 'Entwurf ohne Veröffentlichung', status: 'draft', publishedAt: null });
    ctx.clock.advance(HOUR);

    expect(await runDigests(ctx.deps)).toBe(1);
    const digest = await parsed(await waitForMail(ctx.dataDir, (m) => m.to.includes('digest@example.org') && m.subject.startsWith('Neu bei')));
    expect(digest.text).toContain('Hausaufgabenhilfe in Krostitz');
    expect(digest.html).toContain('Hausaufgabenhilfe in Krostitz');
    for (const other of ['Übungsleitung Kinderturnen', 'Lesepatenschaft in Löbnitz', 'Entwurf ohne Veröffentlichung']) expect(digest.text).not.toContain(other);
    // The digest belongs to no list: its List-Unsubscribe leads to the preferences page.
    const unsubscribe = digest.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.match(/<(https?:\/\/[^>]+)>/)?.[1] ?? '';
    expect(unsubscribe).toContain('/infomail/einstellungen?t=');

    // Run again without anything new: the offer already sent is not sent twice.
    ctx.clock.advance(HOUR);
    expect(await runDigests(ctx.deps)).toBe(0);

    // Leaving everything on the preferences page ends the digest, even when new offers come.
    const preferences = new URL(unsubscribe);
    const page = preferences.pathname + preferences.search;
    const client = new Client(ctx.app);
    expect((await client.get(page)).statusCode).toBe(200);
    const left = await client.submit(page, { action: 'unsubscribe_all' }, page);
    expect(left.statusCode).toBe(200);
    ctx.clock.advance(HOUR);
    await createOffer(ctx, { networkId, organisationId, municipalityId: krostitz, field: 'schule', title: 'Vorlesen im Hort' });
    ctx.clock.advance(HOUR);
    expect(await runDigests(ctx.deps)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(digestsTo('digest@example.org')).toHaveLength(1);
  }, 60_000);
});
