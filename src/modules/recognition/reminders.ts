import { and, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { users } from '../../platform/auth/schema.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import type { Db } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { networks } from '../../platform/networks/schema.ts';
import { cardApplications, cardReminders, cardSettings, cards } from './schema.ts';
import { formatDay } from './views/format.ts';

export const CARD_REMINDER_QUEUE = 'recognition.card-reminders';

/** Weeks before a card's last valid day at which its holder is reminded, unless the network office set others. */
export const REMINDER_WEEKS = { first: 8, second: 2 } as const;
/** The weeks an office may choose, for either reminder. */
export const REMINDER_WEEKS_RANGE = { min: 1, max: 26 } as const;

/** A network's reminders: weeks before expiry of the first and the second (null: no second reminder). */
export interface ReminderWeeks {
  first: number;
  second: number | null;
}

/** Which field breaks the rules of reminder weeks, and why; null when the weeks are fine. */
export function reminderWeeksProblem(weeks: ReminderWeeks): { field: 'reminderFirst' | 'reminderSecond'; code: string } | null {
  const inRange = (n: number) => Number.isInteger(n) && n >= REMINDER_WEEKS_RANGE.min && n <= REMINDER_WEEKS_RANGE.max;
  if (!inRange(weeks.first)) return { field: 'reminderFirst', code: 'recognition.settings.reminderRange' };
  if (weeks.second === null) return null;
  if (!inRange(weeks.second)) return { field: 'reminderSecond', code: 'recognition.settings.reminderRange' };
  if (weeks.second >= weeks.first) return { field: 'reminderSecond', code: 'recognition.settings.reminderOrder' };
  return null;
}

/** The reminder weeks of a network: its office's choice, or the defaults when it has saved none. */
export function reminderWeeksOf(settings: { reminderFirstWeeks: number; reminderSecondWeeks: number | null } | null | undefined): ReminderWeeks {
  return settings ? { first: settings.reminderFirstWeeks, second: settings.reminderSecondWeeks } : { ...REMINDER_WEEKS };
}

/** The reminder weeks of the given networks, by network id (the defaults for those without settings). */
export async function reminderWeeksOfNetworks(db: Db, networkIds: string[]): Promise<Map<string, ReminderWeeks>> {
  const rows = networkIds.length
    ? await db
        .select({ networkId: cardSettings.networkId, reminderFirstWeeks: cardSettings.reminderFirstWeeks, reminderSecondWeeks: cardSettings.reminderSecondWeeks })
        .from(cardSettings)
        .where(inArray(cardSettings.networkId, networkIds))
    : [];
  const saved = new Map(rows.map((r) => [r.networkId, r]));
  return new Map(networkIds.map((id) => [id, reminderWeeksOf(saved.get(id))]));
}

/** The reminders (1: first, 2: second) and their weeks that are due with `daysLeft` days left. */
function dueReminders(weeks: ReminderWeeks, daysLeft: number): Array<{ reminder: number; weeks: number }> {
  const all = [{ reminder: 1, weeks: weeks.first }, ...(weeks.second === null ? [] : [{ reminder: 2, weeks: weeks.second }])];
  return all.filter((r) => daysLeft <= r.weeks * 7);
}

/** Days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Mails the holders of cards that expire within the next weeks, once per card and reminder: the first and
 * the second, at the weeks their network's office chose (8 and 2 unless it chose others). The reminder is
 * recorded (card_reminders, one row per card and reminder) before the mail is queued: a second run the same
 * day, a restart or a second process finds the row and sends nothing. Because the row names the reminder, not
 * its weeks, an office changing its weeks does not send a card its first or second reminder again. A card
 * first seen inside both (issued late, or the job did not run) gets one mail, not two. Cards whose holder has
 * already applied again, or holds a newer card of the same kind, are left alone.
 */
export async function sendCardReminders(deps: AppDeps, now: Date): Promise<number> {
  const db = deps.db;
  const today = berlinDay(now);
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
      settings: { reminderFirstWeeks: cardSettings.reminderFirstWeeks, reminderSecondWeeks: cardSettings.reminderSecondWeeks },
    })
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .innerJoin(networks, eq(networks.id, cards.networkId))
    .leftJoin(cardSettings, eq(cardSettings.networkId, cards.networkId))
    .where(
      and(
        eq(cards.status, 'valid'),
        isNotNull(cards.validUntil),
        gte(cards.validUntil, today),
        // Within the network's first reminder (the default's when it has saved no settings).
        sql`${cards.validUntil} <= ${today}::date + 7 * coalesce(${cardSettings.reminderFirstWeeks}, ${REMINDER_WEEKS.first})`,
        // Already renewed or applied for again: no reminder needed.
        sql`not exists (select 1 from ${cards} newer where newer.user_id = ${cards.userId} and newer.network_id = ${cards.networkId} and newer.kind = ${cards.kind} and newer.status = 'valid' and newer.created_at > ${cards.createdAt})`,
        sql`not exists (select 1 from ${cardApplications} open where open.user_id = ${cards.userId} and open.network_id = ${cards.networkId} and open.kind = ${cards.kind} and open.status = 'submitted')`,
      ),
    );

  let sent = 0;
  for (const card of due) {
    const daysLeft = daysBetween(today, card.validUntil!);
    const reminders = dueReminders(reminderWeeksOf(card.settings), daysLeft);
    if (reminders.length === 0) continue;
    const latest = Math.max(...reminders.map((r) => r.reminder));
    const recorded = await (db as NodePgDatabase)
      .insert(cardReminders)
      .values(reminders.map((r) => ({ cardId: card.id, reminder: r.reminder, weeks: r.weeks, sentAt: now })))
      .onConflictDoNothing()
      .returning({ reminder: cardReminders.reminder });
    if (!recorded.some((r) => r.reminder === latest)) continue;

    const locale = isLocale(card.locale) ? card.locale : 'de';
    const t = translator(locale);
    const weeksLeft = Math.max(1, Math.ceil(daysLeft / 7));
    const values = {
      name: card.holderName,
      number: card.number,
      until: formatDay(locale, card.validUntil!),
      time: weeksLeft === 1 ? t('recognition.reminder.oneWeek') : t('recognition.reminder.weeks', { weeks: weeksLeft }),
      network: card.networkName,
      link: `${deps.config.publicUrl}/konto/ehrenamtskarte?netzwerk=${encodeURIComponent(card.networkSlug)}&verlaengern=${card.id}#antrag`,
    };
    await queueMail(deps.jobs, { to: card.email, subject: t('recognition.reminder.subject', values), text: t('recognition.reminder.text', values) });
    sent++;
  }
  return sent;
}
