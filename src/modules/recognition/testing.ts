import type { TestContext } from '../../../test/helpers.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import { addYears } from './rules/engine.ts';
import { cardApplications, cards } from './schema.ts';

/**
 * For tests: an approved application and its card, issued three years ago and valid until `daysLeft`
 * days from the test clock's today. Gives the card's id.
 */
export async function issueTestCard(
  ctx: TestContext,
  card: { userId: string; holderName: string; networkId: string; municipalityId?: string; region: string; daysLeft: number },
): Promise<string> {
  const db = ctx.deps.db;
  const today = berlinDay(ctx.clock.now);
  const [application] = await db
    .insert(cardApplications)
    .values({ userId: card.userId, networkId: card.networkId, municipalityId: card.municipalityId, kind: 'standard', holderName: card.holderName, status: 'approved' })
    .returning();
  const [issued] = await db
    .insert(cards)
    .values({
      number: `EK-${Math.random().toString(36).slice(2, 8).toUpperCase()}-TEST`,
      applicationId: application!.id,
      userId: card.userId,
      networkId: card.networkId,
      holderName: card.holderName,
      region: card.region,
      kind: 'standard',
      validFrom: addYears(today, -3, card.daysLeft),
      validUntil: addYears(today, 0, card.daysLeft),
      code: 'x',
      createdAt: new Date(ctx.clock.now.getTime() - 1000),
    })
    .returning();
  return issued!.id;
}
