import { and, asc, eq } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { users } from '../../platform/auth/schema.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import type { Db } from '../../platform/db.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { organisations } from '../organisations/index.ts';
import { setTotalsConsent } from './consent.ts';
import { DEMO_ACCEPTANCE_POINTS, DEMO_VOLUNTEERS } from './demo.data.ts';
import { addYears } from './rules/engine.ts';
import { acceptancePoints, cardSettings, hoursEntries } from './schema.ts';

/** The demo networks are in Saxony: they follow the Sächsische Ehrenamtskarte and list a few acceptance points. */
export async function seedRecognitionDemo(db: Db, now: Date): Promise<void> {
  await seedDemoHours(db, now);
  for (const [slug, points] of Object.entries(DEMO_ACCEPTANCE_POINTS)) {
    const [network] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, slug));
    if (!network) continue;
    await db.insert(cardSettings).values({ networkId: network.id, state: 'SN' }).onConflictDoNothing();
    const towns = await db.select().from(municipalities).where(eq(municipalities.networkId, network.id));
    await db
      .insert(acceptancePoints)
      .values(
        points.map((point, i) => {
          const town = towns.find((m) => m.name === point.municipality);
          // Spread the points a little around the town centre so they do not sit on one dot.
          const offset = ((i % 5) - 2) * 0.004;
          return {
            networkId: network.id,
            municipalityId: town?.id ?? null,
            name: point.name,
            category: point.category,
            discount: point.discount,
            street: point.street,
            postcode: point.postcode,
            place: point.municipality,
            lat: town?.lat != null ? town.lat + offset : null,
            lng: town?.lng != null ? town.lng - offset : null,
          };
        }),
      )
      .onConflictDoNothing();
  }
}

/**
 * Hours of invented volunteers at the first two verified GEMS organisations: ten months confirmed, the last
 * week's waiting. Three of them agreed to be shown by name, so the totals per person show names and an
 * anonymous sum ("weitere 2 Personen ohne Freigabe").
 */
async function seedDemoHours(db: Db, now: Date): Promise<void> {
  const [gems] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, 'gems'));
  if (!gems) return;
  const clubs = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.networkId, gems.id), eq(organisations.status, 'verified')))
    .orderBy(asc(organisations.name))
    .limit(2);
  if (clubs.length < 2) return;
  const today = berlinDay(now);
  for (const volunteer of DEMO_VOLUNTEERS) {
    const [user] = await (db as NodePgDatabase).insert(users).values({ email: volunteer.email, name: volunteer.name, emailVerifiedAt: now }).onConflictDoNothing().returning({ id: users.id });
    if (!user) continue;
    const organisationId = clubs[volunteer.organisation]!.id;
    const entries: Array<typeof hoursEntries.$inferInsert> = Array.from({ length: 10 }, (_, month) => ({
      userId: user.id,
      networkId: gems.id,
      organisationId,
      day: addYears(today, 0, -30 * (month + 1)),
      hours: volunteer.hoursPerMonth,
      activity: volunteer.activity,
      status: 'confirmed' as const,
      decidedAt: now,
    }));
    entries.push({ ...entries[0]!, day: addYears(today, 0, -5), hours: 3, status: 'pending', decidedAt: null });
    await db.insert(hoursEntries).values(entries);
    if (volunteer.consent) await setTotalsConsent(db, user.id, true, now);
  }
}
