import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, createUser, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { eventRegistrations } from '../events/schema.ts';
import { createEvent } from '../events/testing.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';
import { addressHash, normaliseAddress } from './address.ts';
import { canonicalAddressSql, countAudience, resolveAudience } from './audience.ts';
import { infomailLists, infomailSubscribers, infomailSubscriptions, infomailSuppressions, type InfomailList, type SegmentCriteria } from './schema.ts';

/*
 * The compose page shows countAudience, the send mails resolveAudience: the two must agree on every rule
 * (list or segment sources, consent, suppression, normalising and dedup of addresses). Each address below
 * stands for one rule; each expectation names the addresses, so a rule that breaks in both fails too.
 */

let ctx: TestContext;
let gems: Network;
let news: InfomailList;
let other: InfomailList;
let ids: { krostitz: string; taucha: string; event: string; otherEvent: string };

const LONG_LOCAL = `${'l'.repeat(65)}@example.org`;

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.deps.db;
  const region = await demoRegion(ctx);
  gems = region.gems;
  const weisswasser = region.weisswasser;
  ids = { krostitz: region.municipality('Krostitz').id, taucha: region.municipality('Taucha').id, event: '', otherEvent: '' };
  news = (await db.insert(infomailLists).values({ networkId: gems.id, name: 'Neuigkeiten' }).returning())[0]!;
  other = (await db.insert(infomailLists).values({ networkId: gems.id, name: 'Anderer Verteiler' }).returning())[0]!;

  // Subscribers as stored, some of them not (or no longer) in their normal form.
  const subscriber = async (email: string, values: Partial<typeof infomailSubscribers.$inferInsert> = {}, lists = [news.id]) => {
    const [row] = await db.insert(infomailSubscribers).values({ networkId: gems.id, email, confirmedAt: new Date(), ...values }).returning();
    await db.insert(infomailSubscriptions).values(lists.map((listId) => ({ subscriberId: row!.id, listId })));
  };
  await subscriber('anna@example.org');
  await subscriber('ANNA@Example.org'); // the same person in other case
  await subscriber('  bernd@example.org '); // spaces around
  await subscriber('müller@bücher.de');
  await subscriber('müller@xn--bcher-kva.de'); // the same domain in punycode
  await subscriber("o'brien+news@example.org"); // specials a local part may hold
  await subscriber('a@b@example.org'); // the last @ separates (normaliseAddress accepts it)
  await subscriber('offen@example.org', { confirmedAt: null }); // never confirmed the opt-in
  await subscriber('prallt@example.org', { bouncedAt: new Date() }); // bounces
  await subscriber('woechentlich@example.org', { frequency: 'digest' }); // only the weekly digest
  await subscriber('abgemeldet@example.org'); // unsubscribed from everything (network-wide suppression)
  await subscriber('nur-hier-abgemeldet@example.org'); // unsubscribed from this list
  await subscriber('dort-abgemeldet@example.org', {}, [news.id, other.id]); // unsubscribed from the other list only
  await subscriber('anderes-netz-abgemeldet@example.org'); // suppressed in another network only
  await subscriber('ÜBER@Bücher.de'); // suppressed under its normal form
  await subscriber('nur-anderer@example.org', {}, [other.id]); // another list
  await subscriber('kaputt@localhost'); // no dot in the domain: invalid
  await subscriber('zwei..punkte@example.org'); // invalid local part
  await subscriber('zahl@example.123'); // a numeric last label is no domain
  await subscriber(LONG_LOCAL); // 65 characters before the @
  const suppress = async (email: string, listId: string | null, networkId = gems.id) =>
    db.insert(infomailSuppressions).values({ networkId, listId, emailHash: addressHash(email), reason: 'unsubscribed' });
  await suppress('abgemeldet@example.org', null);
  await suppress('nur-hier-abgemeldet@example.org', news.id);
  await suppress('dort-abgemeldet@example.org', other.id);
  await suppress('anderes-netz-abgemeldet@example.org', null, weisswasser.id);
  await suppress('über@bücher.de', null);

  // People a segment may describe.
  const office = await createUser(ctx, { email: 'office@gems.example', roles: [{ networkId: gems.id, role: 'network_office' }] });
  await createUser(ctx, { email: 'lotse-krostitz@example.org', roles: [{ networkId: gems.id, role: 'guide', municipalityIds: [ids.krostitz] }] });
  await createUser(ctx, { email: 'lotse-taucha@example.org', roles: [{ networkId: gems.id, role: 'guide', municipalityIds: [ids.taucha] }] });
  await createUser(ctx, { email: 'lotse-weisswasser@example.org', roles: [{ networkId: weisswasser.id, role: 'guide' }] });
  await createUser(ctx, { email: 'abgemeldeter-lotse@example.org', roles: [{ networkId: gems.id, role: 'guide' }] });
  await suppress('abgemeldeter-lotse@example.org', null);
  const verified = await createOrganisation(ctx, { networkId: gems.id, municipalityId: ids.krostitz });
  const pending = await createOrganisation(ctx, { networkId: gems.id, municipalityId: ids.krostitz, status: 'pending', name: 'Neuer Verein' });
  const elsewhere = await createOrganisation(ctx, { networkId: weisswasser.id, name: 'Verein anderswo' });
  const contact = await createUser(ctx, { email: 'karl@verein.example' });
  const pendingContact = await createUser(ctx, { email: 'neu@verein.example' });
  const elsewhereContact = await createUser(ctx, { email: 'anderswo@verein.example' });
  await db.insert(organisationMembers).values([
    { organisationId: verified.id, userId: contact.id },
    { organisationId: verified.id, userId: office.id }, // also a member by role: one address
    { organisationId: pending.id, userId: pendingContact.id },
    { organisationId: elsewhere.id, userId: elsewhereContact.id },
  ]);
  const volunteer = async (email: string, values: Partial<typeof volunteerProfiles.$inferInsert>) => {
    const user = await createUser(ctx, { email });
    await db.insert(volunteerProfiles).values({ userId: user.id, ...values });
  };
  await volunteer('erika@example.org', { contactable: true, homeMunicipalityId: ids.krostitz, fields: ['schule'] });
  await volunteer('tom@example.org', { contactable: true, homeMunicipalityId: ids.taucha, fields: ['umwelt'] });
  await volunteer('still@example.org', { contactable: false, homeMunicipalityId: ids.krostitz, fields: ['schule'] });
  await volunteer('ohne-ort@example.org', { contactable: true, homeMunicipalityId: null, fields: ['schule'] });
  await volunteer('anna-freiwillig@example.org', { contactable: true, homeMunicipalityId: ids.krostitz, fields: ['sport'] });
  await suppress('anna-freiwillig@example.org', null);
  const event = await createEvent(ctx, { networkId: gems.id });
  const otherEvent = await createEvent(ctx, { networkId: weisswasser.id });
  ids.event = event.id;
  ids.otherEvent = otherEvent.id;
  const registration = (eventId: string, email: string, status: 'pending' | 'confirmed' | 'waitlisted' | 'cancelled') => ({ eventId, email, status, name: email, tokenHash: addressHash(`${eventId}${email}`) });
  await db.insert(eventRegistrations).values([
    registration(event.id, 'gast@example.org', 'confirmed'),
    registration(event.id, 'unbestaetigt@example.org', 'pending'),
    registration(event.id, 'warteliste@example.org', 'waitlisted'),
    registration(event.id, 'abgesagt@example.org', 'cancelled'),
    registration(event.id, 'KARL@verein.example', 'confirmed'), // an organisation contact, in other case
    registration(event.id, 'jörg@bücher.de', 'confirmed'), // Unicode in both parts
    registration(otherEvent.id, 'fremd@example.org', 'confirmed'),
  ]);
}, 240_000);

afterAll(async () => ctx?.close());

async function segment(criteria: SegmentCriteria): Promise<InfomailList> {
  const [list] = await ctx.deps.db.insert(infomailLists).values({ networkId: gems.id, name: 'Segment', kind: 'segment', segment: criteria }).returning();
  return list!;
}

/** Both ways of working out a list; the addresses sorted, for comparison. */
async function both(list: InfomailList): Promise<{ addresses: string[]; count: number }> {
  const audience = await resolveAudience(ctx.deps.db, list);
  return { addresses: audience.map((a) => a.email).sort(), count: await countAudience(ctx.deps.db, list) };
}

describe('countAudience', () => {
  it('counts a subscription list as the send resolves it: confirmed, every mail, no bounce, not suppressed, each address once', async () => {
    const { addresses, count } = await both(news);
    expect(addresses).toEqual(
      [
        'a@b@example.org',
        'anderes-netz-abgemeldet@example.org',
        'anna@example.org',
        'bernd@example.org',
        'dort-abgemeldet@example.org',
        'müller@bücher.de',
        "o'brien+news@example.org",
      ].sort(),
    );
    expect(count).toBe(addresses.length);
    const { addresses: others, count: otherCount } = await both(other);
    expect(others).toEqual(['nur-anderer@example.org']);
    expect(otherCount).toBe(1);
  });

  it('counts a list suppression only for its own list', async () => {
    const list = await segment({ roles: ['guide'] });
    const before = await both(list);
    await ctx.deps.db.insert(infomailSuppressions).values({ networkId: gems.id, listId: news.id, emailHash: addressHash('lotse-taucha@example.org'), reason: 'unsubscribed' });
    expect(await both(list)).toEqual(before);
    await ctx.deps.db.insert(infomailSuppressions).values({ networkId: gems.id, listId: list.id, emailHash: addressHash('lotse-taucha@example.org'), reason: 'unsubscribed' });
    const after = await both(list);
    expect(after.addresses).toEqual(before.addresses.filter((a) => a !== 'lotse-taucha@example.org'));
    expect(after.count).toBe(before.count - 1);
  });

  it('counts a segment as the send resolves it: roles, verified organisations, contactable volunteers, event guests, once each', async () => {
    const { addresses, count } = await both(await segment({ roles: ['network_office', 'guide'], organisationContacts: true, contactableVolunteers: true, eventId: ids.event }));
    expect(addresses).toEqual(
      [
        'office@gems.example',
        'lotse-krostitz@example.org',
        'lotse-taucha@example.org',
        'karl@verein.example',
        'erika@example.org',
        'tom@example.org',
        'gast@example.org',
        'unbestaetigt@example.org',
        'jörg@bücher.de',
      ].sort(),
    );
    expect(count).toBe(addresses.length);
  });

  it('narrows a segment by municipality and by field the same way', async () => {
    const inKrostitz = await both(await segment({ roles: ['network_office', 'guide'], organisationContacts: true, contactableVolunteers: true, municipalityIds: [ids.krostitz] }));
    expect(inKrostitz.addresses).toEqual(['erika@example.org', 'karl@verein.example', 'lotse-krostitz@example.org', 'office@gems.example']);
    expect(inKrostitz.count).toBe(4);
    const school = await both(await segment({ contactableVolunteers: true, fields: ['schule', 'kultur'] }));
    expect(school.addresses).toEqual(['erika@example.org']);
    expect(school.count).toBe(1);
  });

  it('counts nothing for an empty segment or another network’s event', async () => {
    expect(await both(await segment({}))).toEqual({ addresses: [], count: 0 });
    expect(await both(await segment({ eventId: ids.otherEvent }))).toEqual({ addresses: [], count: 0 });
  });
});

describe('the database’s normal-form test', () => {
  /** A small deterministic generator (xorshift), so a failure can be repeated. */
  function generator(seed: number) {
    let state = seed;
    return (n: number) => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
  }
  /** What addresses are made of, and (one piece in ten) what upsets them. */
  const LOCAL = ['a', 'z', 'k', '0', '9', '.', '-', '_', '+', "'", '!', '~', '`', '{', 'xn--'];
  const LABEL = ['a', 'k', '0', '9', '-', 'xn--', 'de', '123', '0x1'];
  const LAST = ['de', 'org', 'k1', '123', '0x1', 'xn--p1ai', '-a'];
  const NOISY = ['@', '.', 'A', 'Q', 'ü', 'é', 'ß', ' ', '\t', '"', '(', ',', ';', '\\', 'xn--bcher-kva'];

  it('holds only addresses that normaliseAddress leaves as they are, and hashes them as addressHash does', async () => {
    const next = generator(20261207);
    const pick = (pieces: string[]) => (next(10) ? pieces[next(pieces.length)] : NOISY[next(NOISY.length)]);
    const part = (pieces: string[], max: number) => Array.from({ length: 1 + next(max) }, () => pick(pieces)).join('');
    const addresses = new Set<string>(['anna@example.org', 'a@b.c', 'x@-.de', 'x@a-.de', 'x@ab--cd.de', 'x@a.b1', `${'l'.repeat(64)}@example.org`, LONG_LOCAL, `a@${'d'.repeat(250)}.de`]);
    while (addresses.size < 3000) {
      const labels = Array.from({ length: 1 + next(2) }, () => part(LABEL, 3));
      addresses.add(`${part(LOCAL, 6)}@${[...labels, pick(LAST)].join('.')}`);
    }
    const list = [...addresses];
    const { rows } = await ctx.deps.db.execute<{ email: string; canonical: boolean; hash: string }>(
      sql`select e.email, ${canonicalAddressSql(sql`e.email`)} as canonical, encode(sha256(convert_to(e.email, 'UTF8')), 'hex') as hash from jsonb_array_elements_text(${JSON.stringify(list)}::jsonb) as e(email)`,
    );
    expect(rows).toHaveLength(list.length);
    const canonical = rows.filter((r) => r.canonical);
    // The generator reaches both sides (a test that never sees a canonical address proves nothing).
    expect(canonical.length).toBeGreaterThan(200);
    expect(rows.length - canonical.length).toBeGreaterThan(200);
    for (const row of canonical) {
      const normal = normaliseAddress(row.email);
      expect(normal.ok && normal.email, row.email).toBe(row.email);
      expect(row.hash, row.email).toBe(addressHash(row.email));
    }
  });
});
