import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import { networks } from '../../platform/networks/schema.ts';
import { mailRegistration } from './notify.ts';
import { remindersDue } from './queries.ts';
import { eventRegistrations } from './schema.ts';
import { berlinDayStart } from '../../platform/berlin-time.ts';

export const REMINDER_QUEUE = 'events.reminders';

/**
 * Reminds everyone with a seat of an event that takes place tomorrow (German calendar day). Each person
 * is marked when the mail is queued, so a second run the same day sends nothing twice.
 */
export async function sendReminders(deps: AppDeps, now: Date): Promise<number> {
  const due = await remindersDue(deps.db, berlinDayStart(now, 1), berlinDayStart(now, 2));
  const slugs = new Map<string, string>();
  for (const { registration, event } of due) {
    let slug = slugs.get(event.networkId);
    if (!slug) {
      const [network] = await deps.db.select({ slug: networks.slug }).from(networks).where(eq(networks.id, event.networkId));
      slug = network?.slug ?? '';
      slugs.set(event.networkId, slug);
    }
    await deps.db.update(eventRegistrations).set({ reminderSentAt: now }).where(eq(eventRegistrations.id, registration.id));
    await mailRegistration(deps, 'reminder', { ...event, networkSlug: slug }, registration);
  }
  return due.length;
}
