import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { isUniqueViolation } from '../../platform/db-errors.ts';
import { networks } from '../../platform/networks/schema.ts';
import { BACKUP_DOWNLOADED, SLUG } from './rules.ts';

/** A problem with a form field, as a message key. */
export type Problems = Record<string, { key: 'operations.error.slug' | 'operations.error.slugTaken' }>;
export type Invalid = { ok: false; code: 'operations.invalid'; problems: Problems };

function invalid(problems: Problems): Invalid {
  return { ok: false, code: 'operations.invalid', problems };
}

/** A new, empty network. Its first network office is invited afterwards from its admin area. */
export async function createNetwork(
  db: Db,
  input: { name: string; slug: string; actorId: string; now: Date },
): Promise<{ ok: true; networkId: string; slug: string } | Invalid> {
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) return invalid({ slug: { key: 'operations.error.slug' } });
  const [taken] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, slug));
  if (taken) return invalid({ slug: { key: 'operations.error.slugTaken' } });
  try {
    return await db.transaction(async (tx) => {
      const [network] = await tx
        .insert(networks)
        .values({ name: input.name.trim(), slug, createdAt: input.now, updatedAt: input.now })
        .returning();
      if (!network) throw new Error('network not stored');
      await tx.insert(auditLog).values({ at: input.now, actorId: input.actorId, networkId: network.id, action: 'network.created', subjectId: network.id, details: {} });
      return { ok: true, networkId: network.id, slug } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return invalid({ slug: { key: 'operations.error.slugTaken' } });
    throw error;
  }
}

/**
 * Logged before the backup is written, so even a download broken off midway leaves a trace. It
 * concerns the whole platform, so it belongs to no network.
 */
export async function recordBackupDownload(db: Db, entry: { at: Date; actorId: string }): Promise<void> {
  await db.insert(auditLog).values({ at: entry.at, actorId: entry.actorId, networkId: null, action: BACKUP_DOWNLOADED, details: {} });
}
