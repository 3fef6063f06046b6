import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { DEMO_ACCEPTANCE_POINTS } from './demo.data.ts';
import { acceptancePoints, cardSettings } from './schema.ts';

/** The demo networks are in Saxony: they follow the Sächsische Ehrenamtskarte and list a few acceptance points. */
export async function seedRecognitionDemo(db: Db): Promise<void> {
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
