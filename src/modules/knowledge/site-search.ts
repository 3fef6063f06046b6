import type { SiteSearchSource } from '../../platform/module.ts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../../platform/auth/schema.ts';
import { memberships } from '../../platform/roles/schema.ts';
import { listEntries } from './queries.ts';

/** Whether the person has any role in the network (or runs the platform). */
async function isMember(db: Db, userId: string, networkId: string): Promise<boolean> {
  const [role] = await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.networkId, networkId))).limit(1);
  if (role) return true;
  const [user] = await db.select({ admin: users.isPlatformAdmin }).from(users).where(eq(users.id, userId));
  return user?.admin === true;
}

/**
 * Published knowledge entries matching the words. Members-only entries count only when the person has
 * a role in the searched network; across networks only public entries are shown.
 */
export const knowledgeSiteSearch: SiteSearchSource = {
  label: 'knowledge.nav',
  order: 30,
  async find(deps, query) {
    const member = query.userId && query.networkId ? await isMember(deps.db, query.userId, query.networkId) : false;
    const { items, total } = await listEntries(deps.db, { networkId: query.networkId, words: query.words, member }, { limit: query.limit, offset: 0 });
    return {
      total,
      hits: items.map((e) => ({
        title: e.title,
        href: `/netzwerk/${e.networkSlug}/wissen/${e.id}`,
        snippet: (e.snippet ?? e.summary).replace(/[«»]/g, '') || undefined,
        detail: e.networkName,
      })),
    };
  },
};
