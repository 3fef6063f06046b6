import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestContext } from '../../../test/helpers.ts';
import { cancelPendingTokens } from './commands.ts';
import { tokens, TOKEN_PURPOSES, type TokenPurpose } from './schema.ts';

/*
 * A guard for the future: every kind of link an account can hold dies when its credentials change, so a
 * purpose added later is covered without anyone remembering to add it (only the old address's revocation
 * link survives, as the owner's way back).
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

async function tokenOfEachPurpose(userId: string, email: string): Promise<void> {
  const now = ctx.clock.now;
  await ctx.deps.db.insert(tokens).values(
    TOKEN_PURPOSES.map((purpose) => ({
      id: crypto.randomBytes(32).toString('hex'),
      purpose,
      email,
      userId,
      data: {},
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
    })),
  );
}

async function openPurposes(userId: string): Promise<TokenPurpose[]> {
  const rows = await ctx.deps.db.select().from(tokens).where(eq(tokens.userId, userId));
  return rows.filter((row) => row.usedAt === null).map((row) => row.purpose).sort();
}

describe('cancelling the open links of an account', () => {
  it('cancels a link of every purpose but the revocation, and touches no one else’s', async () => {
    const owner = await createUser(ctx, { email: 'eigentuemerin@example.org' });
    const neighbour = await createUser(ctx, { email: 'nachbar@example.org' });
    await tokenOfEachPurpose(owner.id, owner.email);
    await tokenOfEachPurpose(neighbour.id, neighbour.email);

    await cancelPendingTokens(ctx.deps.db, owner.id, ctx.clock.now);
    expect(await openPurposes(owner.id)).toEqual(['email_revoke']);
    expect(await openPurposes(neighbour.id)).toEqual([...TOKEN_PURPOSES].sort());

    await cancelPendingTokens(ctx.deps.db, owner.id, ctx.clock.now, { revocations: true });
    expect(await openPurposes(owner.id)).toEqual([]);
  });
});
