import type { TestContext } from '../../../test/helpers.ts';
import { createUser } from '../../../test/helpers.ts';
import { savedSearches } from '../offers/schema.ts';
import type { placementWorld } from '../placements/testing.ts';
import { placementMessages, placements } from '../placements/schema.ts';
import { saveVolunteerProfile } from '../volunteers/commands.ts';

/** A volunteer with a profile, an inquiry with messages both ways, and a saved search, in the placements' world. */
export type PlacementWorld = Awaited<ReturnType<typeof placementWorld>>;

export async function volunteerWithData(ctx: TestContext, world: PlacementWorld, email: string, options: { password?: string; name?: string } = {}) {
  const name = options.name ?? 'Vera Freiwillig';
  const password = options.password;
  const volunteer = await createUser(ctx, { email, name, ...(password ? { password } : {}) });
  const db = ctx.deps.db;
  await saveVolunteerProfile(
    db,
    volunteer.id,
    {
      fields: [],
      skills: ['Vorlesen'],
      weekdays: [2],
      timesOfDay: [],
      homeMunicipalityId: world.krostitz.id,
      postcode: '04509',
      radiusKm: 10,
      languages: ['Deutsch'],
      remoteOk: false,
      about: `Ich lese gern vor, sagt ${name}.`,
      contactable: true,
    },
    ctx.clock.now,
  );
  const [placement] = await db
    .insert(placements)
    .values({
      networkId: world.gems.id,
      offerId: world.offer.id,
      volunteerId: volunteer.id,
      volunteerName: name,
      volunteerEmail: email,
      emailConfirmedAt: ctx.clock.now,
      message: `Hallo, hier ist ${name}. Ich hätte dienstags Zeit.`,
      status: 'in_contact',
      createdAt: ctx.clock.now,
      lastActivityAt: ctx.clock.now,
    })
    .returning();
  await db.insert(placementMessages).values([
    { placementId: placement!.id, at: ctx.clock.now, authorId: volunteer.id, side: 'volunteer', body: `Viele Grüße, ${name}` },
    { placementId: placement!.id, at: ctx.clock.now, authorId: world.member.id, side: 'organisation', body: 'Willkommen! Der Heimatverein' },
  ]);
  await db.insert(savedSearches).values({ userId: volunteer.id, name: 'Vorlesen in Krostitz', query: { q: 'Vorlesen' } });
  return { ...world, volunteer, placement: placement! };
}

/** Every text, varchar and jsonb value in the public and pgboss schemas that contains `needle` (case-insensitive). */
export async function findEverywhere(ctx: TestContext, needle: string): Promise<string[]> {
  const { rows: columns } = await ctx.deps.database.query<{ table_schema: string; table_name: string; column_name: string }>(
    `select c.table_schema, c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema in ('public', 'pgboss')
        and (c.data_type in ('text', 'character varying', 'jsonb', 'json') or c.udt_name in ('_text', '_varchar'))`,
  );
  const found: string[] = [];
  for (const column of columns) {
    const name = `"${column.table_schema}"."${column.table_name}"`;
    const { rows } = await ctx.deps.database.query<{ n: number }>(
      `select count(*)::int as n from ${name} where position(lower($1) in lower("${column.column_name}"::text)) > 0`,
      [needle],
    );
    if ((rows[0]?.n ?? 0) > 0) found.push(`${column.table_schema}.${column.table_name}.${column.column_name}`);
  }
  return found;
}
