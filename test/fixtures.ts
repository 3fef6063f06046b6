import { eq } from 'drizzle-orm';
import type { TestContext } from './helpers.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { municipalities, networks, type Municipality, type Network } from '../src/modules/networks/schema.ts';
import { organisations, type Organisation } from '../src/modules/organisations/schema.ts';
import { offers, type Offer } from '../src/modules/offers/schema.ts';
import { needs, type Need } from '../src/modules/needs/schema.ts';

/** The demo networks with their municipalities by name, for tests that need a realistic region. */
export async function demoRegion(ctx: TestContext): Promise<{
  gems: Network;
  weisswasser: Network;
  municipality: (name: string) => Municipality;
}> {
  await seedDemoNetworks(ctx.deps.db);
  const all = await ctx.deps.db.select().from(networks);
  const gems = all.find((n) => n.slug === 'gems');
  const weisswasser = all.find((n) => n.slug === 'weisswasser');
  if (!gems || !weisswasser) throw new Error('demo networks missing');
  const places = await ctx.deps.db.select().from(municipalities);
  return {
    gems,
    weisswasser,
    municipality(name) {
      const found = places.find((m) => m.name === name);
      if (!found) throw new Error(`no municipality ${name}`);
      return found;
    },
  };
}

export async function createOrganisation(
  ctx: TestContext,
  values: Partial<typeof organisations.$inferInsert> & { networkId: string },
): Promise<Organisation> {
  const [row] = await ctx.deps.db
    .insert(organisations)
    .values({ name: 'Heimatverein Krostitz e. V.', status: 'verified', ...values })
    .returning();
  if (!row) throw new Error('organisation not created');
  return row;
}

/** A published offer; coordinates default to its municipality's centre when one is given. */
export async function createOffer(
  ctx: TestContext,
  values: Partial<typeof offers.$inferInsert> & { networkId: string; organisationId: string },
): Promise<Offer> {
  let { lat, lng } = values;
  if (values.municipalityId && lat === undefined) {
    const [m] = await ctx.deps.db.select().from(municipalities).where(eq(municipalities.id, values.municipalityId));
    lat = m?.lat ?? null;
    lng = m?.lng ?? null;
  }
  const now = ctx.clock.now;
  const [row] = await ctx.deps.db
    .insert(offers)
    .values({
      title: 'Vorlesepatin oder Vorlesepate in der Kita',
      summary: 'Einmal in der Woche Kindern vorlesen.',
      field: 'schule',
      status: 'published',
      publishedAt: now,
      expiresAt: new Date(now.getTime() + 90 * 86_400_000),
      ...values,
      lat: lat ?? null,
      lng: lng ?? null,
    })
    .returning();
  if (!row) throw new Error('offer not created');
  return row;
}

export async function createNeed(
  ctx: TestContext,
  values: Partial<typeof needs.$inferInsert> & { networkId: string },
): Promise<Need> {
  const [row] = await ctx.deps.db
    .insert(needs)
    .values({
      title: 'Begleitung zum Arzt',
      description: 'Eine ältere Dame in Krostitz sucht dienstags vormittags Begleitung zum Arzt nach Delitzsch.',
      field: 'sozial',
      requesterName: 'Erika Muster',
      ...values,
    })
    .returning();
  if (!row) throw new Error('need not created');
  return row;
}
