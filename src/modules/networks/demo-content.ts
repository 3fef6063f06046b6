import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { needs } from '../needs/index.ts';
import { textToDescriptionHtml, offers } from '../offers/index.ts';
import { organisations } from '../organisations/index.ts';
import { placementEvents, placementMessages, placements } from '../placements/index.ts';
import { DEMO_CONTENT, type DemoContent } from './demo-content.data.ts';
import { HISTORY_DAYS, seedDemoHistory } from './demo-history.ts';
import { municipalities, networks, type Municipality, type Network } from './schema.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const DAY = 86_400_000;
/** The largest "published days ago" in the data, which the history's start is mapped to. */
const PUBLISHED_SPAN = 60;
const HOUR = 3_600_000;

/** Kilometres per degree of latitude. */
const KM_PER_DEGREE = 111.2;

/**
 * A point near a municipality's centre, the same for the same index: spread on a spiral of up to 1.8 km,
 * so the demo's offers do not all sit on one pin and a radius search sees different distances.
 */
export function pointNear(centre: { lat: number; lng: number }, index: number): { lat: number; lng: number } {
  const angle = index * 2.39996; // the golden angle, in radians
  const km = 0.3 + (index % 6) * 0.3;
  const lat = centre.lat + (km * Math.cos(angle)) / KM_PER_DEGREE;
  const lng = centre.lng + (km * Math.sin(angle)) / (KM_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5 };
}

function isoDay(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
}

/**
 * Fills a demo network with its organisations, offers, needs and placements (demo-content.data.ts).
 * Does nothing for a network that already has organisations, so it can run again without harm.
 * Returns the number of offers it created.
 */
async function seedNetwork(tx: Tx, network: Network, content: DemoContent, now: Date): Promise<number> {
  const [existing] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(organisations)
    .where(eq(organisations.networkId, network.id));
  if ((existing?.count ?? 0) > 0) return 0;

  const places = new Map<string, Municipality>(
    (await tx.select().from(municipalities).where(eq(municipalities.networkId, network.id))).map((m) => [m.name, m]),
  );
  const place = (name: string): Municipality => {
    const found = places.get(name);
    if (!found) throw new Error(`demo content: no municipality "${name}" in ${network.slug}`);
    return found;
  };
  const centre = (m: Municipality) => ({ lat: m.lat ?? 0, lng: m.lng ?? 0 });

  const orgRows = await tx
    .insert(organisations)
    .values(
      content.organisations.map((o, i) => {
        const m = place(o.municipality);
        return {
          networkId: network.id,
          municipalityId: m.id,
          name: o.name,
          type: o.type,
          street: o.street,
          postcode: o.postcode,
          place: m.name,
          ...pointNear(centre(m), i),
          website: o.website ?? '',
          email: o.email,
          description: o.description,
          status: 'verified' as const,
          // Registered over the months before the history starts, one after the other.
          verifiedAt: new Date(now.getTime() - (HISTORY_DAYS + 40 - (i % 30)) * DAY),
          createdAt: new Date(now.getTime() - (HISTORY_DAYS + 42 - (i % 30)) * DAY),
          updatedAt: now,
        };
      }),
    )
    .returning();
  const orgs = new Map(content.organisations.map((o, i) => [o.key, { ...o, id: orgRows[i]!.id }]));
  const org = (key: string) => {
    const found = orgs.get(key);
    if (!found) throw new Error(`demo content: no organisation "${key}" in ${network.slug}`);
    return found;
  };

  const offerRows = await tx
    .insert(offers)
    .values(
      content.offers.map((o, i) => {
        const owner = org(o.organisation);
        const m = place(o.municipality ?? owner.municipality);
        // The data's "days ago" (up to about two months) stretched over the history's 18 months, in the same order.
        const publishedAt = new Date(now.getTime() - Math.round((o.publishedDaysAgo * (HISTORY_DAYS - 20)) / PUBLISHED_SPAN) * DAY);
        // Each was confirmed as still current at some point, so all are public now and end at different times.
        const expiresAt = new Date(now.getTime() + (10 + ((i * 13) % Math.max(1, network.offerLifetimeDays - 10))) * DAY);
        return {
          networkId: network.id,
          organisationId: owner.id,
          municipalityId: m.id,
          title: o.title,
          summary: o.summary,
          description: textToDescriptionHtml(o.description),
          field: o.field,
          targetGroups: o.targetGroups,
          skills: o.skills ?? [],
          tags: o.tags ?? [],
          commitment: o.commitment,
          hoursPerWeek: o.hoursPerWeek ?? null,
          weekdays: o.weekdays ?? [],
          timesOfDay: o.timesOfDay ?? [],
          suitability: o.suitability ?? [],
          remote: o.remote ?? false,
          street: o.street ?? '',
          postcode: owner.postcode,
          place: m.name,
          district: o.district ?? '',
          ...pointNear(centre(m), i + content.organisations.length),
          startsOn: o.period ? isoDay(now, o.period.from) : null,
          endsOn: o.period ? isoDay(now, o.period.to) : null,
          peopleWanted: o.peopleWanted ?? null,
          contactName: o.contactName,
          contactEmail: owner.email,
          status: 'published' as const,
          publishedAt,
          expiresAt,
          createdAt: new Date(publishedAt.getTime() - DAY),
          updatedAt: publishedAt,
        };
      }),
    )
    .returning();
  const offerIds = new Map(offerRows.map((o) => [o.title, o.id]));

  if (content.needs.length > 0) {
    await tx.insert(needs).values(
      content.needs.map((n, i) => {
        const m = place(n.municipality);
        const createdAt = new Date(now.getTime() - n.createdDaysAgo * DAY);
        return {
          networkId: network.id,
          municipalityId: m.id,
          organisationId: n.organisation ? org(n.organisation).id : null,
          requesterName: n.requesterName,
          requesterEmail: n.requesterEmail,
          title: n.title,
          description: n.description,
          field: n.field,
          weekdays: n.weekdays ?? [],
          timesOfDay: n.timesOfDay ?? [],
          place: m.name,
          ...pointNear(centre(m), i + 3),
          isPublic: n.isPublic ?? false,
          createdAt,
          updatedAt: createdAt,
        };
      }),
    );
  }

  for (const p of content.placements) {
    const offerId = offerIds.get(p.offer);
    if (!offerId) throw new Error(`demo content: no offer "${p.offer}" in ${network.slug}`);
    const requestedAt = new Date(now.getTime() - p.createdDaysAgo * DAY);
    const at = (hours: number) => new Date(requestedAt.getTime() + hours * HOUR);
    const last = p.steps.at(-1);
    const first = p.steps[0];
    const [row] = await tx
      .insert(placements)
      .values({
        networkId: network.id,
        offerId,
        volunteerName: p.volunteerName,
        volunteerEmail: p.volunteerEmail,
        emailConfirmedAt: requestedAt,
        message: p.message,
        status: last?.to ?? 'requested',
        createdAt: requestedAt,
        firstResponseAt: first ? at(first.afterHours) : null,
        lastActivityAt: last ? at(last.afterHours) : requestedAt,
      })
      .returning();
    if (!row) throw new Error('demo content: placement not stored');
    let from: (typeof p.steps)[number]['to'] = 'requested';
    await tx.insert(placementEvents).values([
      { placementId: row.id, at: requestedAt, toStatus: 'requested' as const },
      ...p.steps.map((step) => {
        const event = { placementId: row.id, at: at(step.afterHours), fromStatus: from, toStatus: step.to, note: step.note ?? '' };
        from = step.to;
        return event;
      }),
    ]);
    if (p.answer && first) {
      await tx.insert(placementMessages).values({ placementId: row.id, at: at(first.afterHours), side: 'organisation', body: p.answer });
    }
  }
  await seedDemoHistory(tx, network, offerRows, now);
  return offerRows.length;
}

/**
 * Adds the demo organisations, offers, needs and placements to the demo networks that exist and are
 * still empty. Everything goes in at once (a few statements per network), so a first start stays quick;
 * the search vectors are filled by the offers' trigger as the rows arrive.
 */
export async function seedDemoContent(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    let created = 0;
    for (const [slug, content] of Object.entries(DEMO_CONTENT)) {
      const [network] = await tx.select().from(networks).where(eq(networks.slug, slug));
      if (network) created += await seedNetwork(tx, network, content, now);
    }
    return created;
  });
}
