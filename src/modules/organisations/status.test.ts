import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { refuseOrganisation } from '../moderation/commands.ts';
import { rejectOrganisation, verifyOrganisation } from './commands.ts';
import { organisations } from './schema.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

async function stored(id: string) {
  const [row] = await ctx.deps.db.select().from(organisations).where(eq(organisations.id, id));
  return { status: row?.status, statusReason: row?.statusReason };
}

describe('the reason an organisation was rejected', () => {
  it('is kept with the organisation, and cleared when the office verifies it after all', async () => {
    const { gems } = await demoRegion(ctx);
    const organisation = await createOrganisation(ctx, { networkId: gems.id, name: 'Werbefirma Taucha', status: 'pending' });
    expect(await stored(organisation.id)).toEqual({ status: 'pending', statusReason: null });

    expect(await rejectOrganisation(ctx.deps.db, organisation.id, ctx.clock.now, 'Kein Engagement, sondern Werbung.')).toBe(true);
    expect(await stored(organisation.id)).toEqual({ status: 'rejected', statusReason: 'Kein Engagement, sondern Werbung.' });

    // A second rejection changes nothing, not even the reason.
    expect(await rejectOrganisation(ctx.deps.db, organisation.id, ctx.clock.now, 'Anderer Grund')).toBe(false);
    expect((await stored(organisation.id)).statusReason).toBe('Kein Engagement, sondern Werbung.');

    expect(await verifyOrganisation(ctx.deps.db, organisation.id, ctx.clock.now)).toBe(true);
    expect(await stored(organisation.id)).toEqual({ status: 'verified', statusReason: null });
  });

  it('is stored when the network office refuses an organisation through moderation', async () => {
    const { gems } = await demoRegion(ctx);
    const organisation = await createOrganisation(ctx, { networkId: gems.id, name: 'Werbefirma Eilenburg', status: 'pending' });
    const refused = await refuseOrganisation(ctx.deps, { organisationId: organisation.id, reason: 'Nur Werbung.', actorId: null, now: ctx.clock.now });
    expect(refused).toEqual({ ok: true });
    expect(await stored(organisation.id)).toEqual({ status: 'rejected', statusReason: 'Nur Werbung.' });
  });
});
