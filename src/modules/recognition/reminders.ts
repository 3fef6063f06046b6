import { and, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { users } from '../../platform/auth/schema.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { networks } from '../../platform/networks/schema.ts';
import { addYears } from './rules/engine.ts';
import { cardApplications, cardReminders, cards } from './schema.ts';
import { formatDay } from './views/format.ts';

export const CARD_REMINDER_QUEUE = 'recognition.card-reminders';

/** Weeks before a card's last valid day at which its holder is reminded to apply for renewal. */
export const REMINDER_WEEKS = [8, 2] as const;

/** Days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Mails the holders of cards that expire within the next weeks, once per card and threshold (8 and 2
 * weeks). The reminder is recorded (card_reminders, one row per card and threshold) before the mail is
 * queued: a second run the same day, a restart or a second process finds the row and sends nothing. A
 * card first seen inside both thresholds (issued late, or the job did not run) gets one mail, not two.
 * Cards whose holder has already applied again, or holds a newer card of the same kind, are left alone.
 */
export async function sendCardReminders(deps: AppDeps, now: Date): Promise<number> {
  const db = deps.db;
  const today = berlinDay(now);
  const horizon = addYears(today, 0, Math.max(...REMINDER_WEEKS) * 7);
  const due = await db
    .select({
      id: cards.id,
      number: cards.number,
      kind: cards.kind,
      validUntil: cards.validUntil,
      holderName: cards.holderName,
      email: users.email,
      locale: users.locale,
      networkSlug: networks.slug,
      networkName: networks.name,
    })
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .innerJoin(networks, eq(networks.id, cards.networkId))
    .where(
      and(
        eq(cards.status, 'valid'),
        isNotNull(cards.validUntil),
        gte(cards.validUntil, today),
        lte(cards.validUntil, horizon),
        // Already renewed or applied for again: no reminder needed.
        sql`not exists (select 1 from ${cards} newer where newer.user_id = ${cards.userId} and newer.network_id = ${cards.networkId} and newer.kind = ${cards.kind} and newer.status = 'valid' and newer.created_at > ${cards.createdAt})`,
        sql`not exists (select 1 from ${cardApplications} open where open.user_id = ${cards.userId} and open.network_id = ${cards.networkId} and open.kind = ${cards.kind} and open.status = 'submitted')`,
      ),
    );

  let sent = 0;
  for (const card of due) {
    const daysLeft = daysBetween(today, card.validUntil!);
    const thresholds = REMINDER_WEEKS.filter((weeks) => daysLeft <= weeks * 7);
    if (thresholds.length === 0) continue;
    const nearest = Math.min(...thresholds);
    const recorded = await (db as NodePgDatabase)
      .insert(cardReminders)
      .values(thresholds.map((weeks) => ({ cardId: card.id, weeks, sentAt: now })))
      .onConflictDoNothing()
      .returning({ weeks: cardReminders.weeks });
    if (!recorded.some((r) => r.weeks === nearest)) continue;

    const locale = isLocale(card.locale) ? card.locale : 'de';
    const t = translator(locale);
    const values = {
      name: card.holderName,
      number: card.number,
      until: formatDay(locale, card.validUntil!),
      weeks: Math.max(1, Math.ceil(daysLeft / 7)),
      network: card.networkName,
      link: `${deps.config.publicUrl}/konto/ehrenamtskarte?netzwerk=${encodeURIComponent(card.networkSlug)}&verlaengern=${card.id}#antrag`,
    };
    await queueMail(deps.jobs, { to: card.email, subject: t('recognition.reminder.subject', values), text: t('recognition.reminder.text', values) });
    sent++;
  }
  return sent;
}
