import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { createTestApp, createUser, type TestContext } from '../../../test/helpers.ts';
import { instantToBerlin } from '../../platform/berlin-time.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { events, type Event } from './schema.ts';

/*
 * Shared setup for the event tests: the GEMS office, a Krostitz club with a member, another club, the
 * office of another network and a volunteer.
 */
export async function eventWorld(ctx: TestContext) {
  const region = await demoRegion(ctx);
  const gems = region.gems;
  const krostitz = region.municipality('Krostitz');
  const organisation = await createOrganisation(ctx, { networkId: gems.id, municipalityId: krostitz.id });
  const otherOrganisation = await createOrganisation(ctx, { networkId: gems.id, name: 'Tafel Delitzsch e. V.' });
  const member = await createUser(ctx, { email: 'karl@heimatverein-krostitz.de', name: 'Karl Kassenwart' });
  const otherMember = await createUser(ctx, { email: 'vorstand@tafel-delitzsch.de', name: 'Tafel Vorstand' });
  await ctx.deps.db.insert(organisationMembers).values([
    { organisationId: organisation.id, userId: member.id, role: 'admin' },
    { organisationId: otherOrganisation.id, userId: otherMember.id, role: 'admin' },
  ]);
  const office = await createUser(ctx, {
    email: 'netzwerkstelle@gems.example',
    name: 'Netzwerkstelle GEMS',
    roles: [{ networkId: gems.id, role: 'network_office' }],
  });
  const otherOffice = await createUser(ctx, {
    email: 'koordination@weisswasser.example',
    roles: [{ networkId: region.weisswasser.id, role: 'network_office' }],
  });
  const volunteer = await createUser(ctx, { email: 'erika@example.org', name: 'Erika Engagiert', roles: [{ networkId: gems.id, role: 'volunteer' }] });
  return { region, gems, krostitz, organisation, otherOrganisation, member, otherMember, office, otherOffice, volunteer };
}

export type EventWorld = Awaited<ReturnType<typeof eventWorld>>;

/** A test app with the event world in it; the caller closes `ctx`. */
export async function startEventWorld(options?: Parameters<typeof createTestApp>[0]): Promise<{ ctx: TestContext; world: EventWorld }> {
  const ctx = await createTestApp(options);
  return { ctx, world: await eventWorld(ctx) };
}

export const DAY = 86_400_000;

/** The GEMS network's event calendar, where the event forms and pages live. */
export const gemsEvents = (world: EventWorld) => `/netzwerk/${world.gems.slug}/veranstaltungen`;

/** A datetime-local form value `days` after the app's clock, at `time` in Berlin. */
export function localInDays(ctx: TestContext, days: number, time: string): string {
  return `${instantToBerlin(new Date(ctx.clock.now.getTime() + days * DAY)).slice(0, 10)}T${time}`;
}

/** A published event a week ahead, straight in the database. */
export async function createEvent(ctx: TestContext, values: Partial<typeof events.$inferInsert> & { networkId: string }): Promise<Event> {
  const starts = new Date(ctx.clock.now.getTime() + 7 * DAY);
  const [row] = await ctx.deps.db
    .insert(events)
    .values({
      kind: 'network_meeting',
      status: 'published',
      title: 'Netzwerktreffen Frühjahr',
      description: 'Austausch der Vereine und Kommunen.',
      startsAt: starts,
      endsAt: new Date(starts.getTime() + 3 * 3_600_000),
      place: 'Rathaus Krostitz, Sitzungssaal',
      ...values,
    })
    .returning();
  return row!;
}
