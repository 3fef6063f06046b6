import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { placements } from './schema.ts';

let ctx: TestContext;
let networkId: string;
let offerIds: [string, string];
let volunteerId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const { gems } = await demoRegion(ctx);
  networkId = gems.id;
  const organisation = await createOrganisation(ctx, { networkId, name: 'Tafel Eilenburg e. V.' });
  const first = await createOffer(ctx, { networkId, organisationId: organisation.id, title: 'Lebensmittel ausgeben' });
  const second = await createOffer(ctx, { networkId, organisationId: organisation.id, title: 'Kisten packen' });
  offerIds = [first.id, second.id];
  volunteerId = (await createUser(ctx, { email: 'helferin@example.org' })).id;
});
afterAll(() => ctx.close());

/** Inserts a placement directly, as a second submit racing past the commands' lock would. */
function insert(values: Partial<typeof placements.$inferInsert>) {
  return ctx.deps.db.insert(placements).values({ networkId, offerId: offerIds[0], ...values });
}

describe('the database keeps inquiries idempotent', () => {
  it('refuses a second placement with the same request key, offer and person', async () => {
    await insert({ requestKey: 'key-account', volunteerId });
    await expect(insert({ requestKey: 'key-account', volunteerId })).rejects.toThrow();
    // Without an account the e-mail address is the person; no need counts like any need.
    await insert({ requestKey: 'key-mail', volunteerEmail: 'gast@example.org' });
    await expect(insert({ requestKey: 'key-mail', volunteerEmail: 'gast@example.org' })).rejects.toThrow();
  });

  it('allows the same key for another offer or another address, and any number of placements without a key', async () => {
    await insert({ requestKey: 'key-shared', volunteerEmail: 'a@example.org' });
    await insert({ requestKey: 'key-shared', volunteerEmail: 'b@example.org' });
    await insert({ requestKey: 'key-shared', volunteerEmail: 'a@example.org', offerId: offerIds[1] });
    await insert({ volunteerId });
    await insert({ volunteerId });
    const rows = await ctx.deps.db.select().from(placements);
    expect(rows.filter((r) => r.requestKey === 'key-shared')).toHaveLength(3);
    expect(rows.filter((r) => r.requestKey === null)).toHaveLength(2);
  });
});
