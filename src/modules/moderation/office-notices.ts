import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import type { Db } from '../../platform/db.ts';
import { isLocale, translator, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';
import { memberships } from '../../platform/roles/schema.ts';
import { officeNoticeSettings, type OfficeNoticeMode } from './schema.ts';

/*
 * The network office hears of what waits for it: each office person chooses a mail at once (within the
 * few minutes of the frequent job), one summary a day, or nothing (the dashboard shows the counts either
 * way). Without a choice: daily.
 */

export const DEFAULT_NOTICE_MODE: OfficeNoticeMode = 'daily';
/** A second run of the daily job on the same day sends nothing: a summary goes out at most this often. */
const SUMMARY_GAP_MS = 20 * 3_600_000;

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'config'>;

export interface OfficePerson {
  userId: string;
  email: string;
  locale: string;
  mode: OfficeNoticeMode;
  lastSummaryAt: Date | null;
}

export async function listOfficePeople(db: Db, networkId: string): Promise<OfficePerson[]> {
  const rows = await db
    .selectDistinct({
      userId: users.id,
      email: users.email,
      locale: users.locale,
      mode: officeNoticeSettings.mode,
      lastSummaryAt: officeNoticeSettings.lastSummaryAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(officeNoticeSettings, and(eq(officeNoticeSettings.userId, users.id), eq(officeNoticeSettings.networkId, networkId)))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.role, 'network_office')));
  return rows.map((r) => ({ ...r, mode: r.mode ?? DEFAULT_NOTICE_MODE }));
}

export async function noticeModeOf(db: Db, networkId: string, userId: string): Promise<OfficeNoticeMode> {
  const [row] = await db
    .select({ mode: officeNoticeSettings.mode })
    .from(officeNoticeSettings)
    .where(and(eq(officeNoticeSettings.networkId, networkId), eq(officeNoticeSettings.userId, userId)));
  return row?.mode ?? DEFAULT_NOTICE_MODE;
}

/** Stores the choice; "immediate" counts from now, so choosing it does not mail the whole history. */
export async function setNoticeMode(db: Db, networkId: string, userId: string, mode: OfficeNoticeMode, now: Date): Promise<void> {
  await db
    .insert(officeNoticeSettings)
    .values({ networkId, userId, mode, lastSummaryAt: mode === 'immediate' ? now : null })
    .onConflictDoUpdate({
      target: [officeNoticeSettings.networkId, officeNoticeSettings.userId],
      set: mode === 'immediate' ? { mode, lastSummaryAt: sql`case when ${officeNoticeSettings.mode} = 'immediate' then ${officeNoticeSettings.lastSummaryAt} else ${now.toISOString()}::timestamptz end` } : { mode },
    });
}

/** What waits for the office of a network; inquiries count once they are older than the network's reminder period. */
export interface WaitingCounts {
  organisations: number;
  offers: number;
  reports: number;
  inquiries: number;
  /** The age in days from which an inquiry counts as unanswered. */
  inquiryDays: number;
}

export async function waitingCounts(db: Db, networkId: string, now: Date): Promise<WaitingCounts> {
  const result = await db.execute(sql`
    select
      (select count(*)::int from organisations where network_id = ${networkId}::uuid and status = 'pending') as organisations,
      (select count(*)::int from offers where network_id = ${networkId}::uuid and status = 'in_review') as offers,
      (select count(*)::int from content_reports where network_id = ${networkId}::uuid and resolved_at is null) as reports,
      (select count(*)::int from placements p join networks n on n.id = p.network_id
        where p.network_id = ${networkId}::uuid and p.status = 'requested' and p.first_response_at is null
          and p.email_confirmed_at is not null
          and p.email_confirmed_at < ${now.toISOString()}::timestamptz - make_interval(days => n.placement_reminder_days)) as inquiries,
      (select placement_reminder_days from networks where id = ${networkId}::uuid) as "inquiryDays"`);
  const row = (result as unknown as { rows: Array<Record<string, unknown>> }).rows[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return { organisations: n('organisations'), offers: n('offers'), reports: n('reports'), inquiries: n('inquiries'), inquiryDays: n('inquiryDays') };
}

export type OfficeNoticeKind = 'organisation' | 'offer' | 'report';

function localeOf(value: string): Locale {
  return isLocale(value) ? value : 'de';
}

/** What became new for the office between two moments: registered organisations, offers sent to review, reports. */
async function newItems(db: Db, networkId: string, after: Date, until: Date): Promise<Array<{ kind: OfficeNoticeKind; title: string }>> {
  const a = after.toISOString();
  const b = until.toISOString();
  const result = await db.execute(sql`
    select 'organisation' as kind, name as title, created_at as at from organisations
      where network_id = ${networkId}::uuid and status = 'pending' and created_at > ${a}::timestamptz and created_at <= ${b}::timestamptz
    union all
    select 'offer', title, coalesce(submitted_at, created_at) from offers
      where network_id = ${networkId}::uuid and status = 'in_review'
        and coalesce(submitted_at, created_at) > ${a}::timestamptz and coalesce(submitted_at, created_at) <= ${b}::timestamptz
    union all
    select 'report', coalesce(o.title, g.name, n.title, r.subject_type), r.created_at from content_reports r
      left join offers o on r.subject_type = 'offer' and o.id = r.subject_id
      left join organisations g on r.subject_type = 'organisation' and g.id = r.subject_id
      left join needs n on r.subject_type = 'need' and n.id = r.subject_id
      where r.network_id = ${networkId}::uuid and r.resolved_at is null and r.created_at > ${a}::timestamptz and r.created_at <= ${b}::timestamptz
    order by at`);
  return (result as unknown as { rows: Array<{ kind: OfficeNoticeKind; title: string }> }).rows;
}

/**
 * The frequent job for those who chose "immediate": one mail per organisation, offer or report that
 * became new since that person's last look (kept in last_summary_at), whoever made it — a form, the
 * API or an import. The look is claimed before mails are queued, so overlapping runs send nothing twice.
 */
export async function runImmediateNotices(deps: Deps, now: Date): Promise<number> {
  let sent = 0;
  const all = await deps.db.select({ id: networks.id, slug: networks.slug, name: networks.name }).from(networks);
  for (const network of all) {
    for (const person of await listOfficePeople(deps.db, network.id)) {
      if (person.mode !== 'immediate') continue;
      const since = person.lastSummaryAt;
      const claimed = await deps.db
        .update(officeNoticeSettings)
        .set({ lastSummaryAt: now })
        .where(
          and(
            eq(officeNoticeSettings.networkId, network.id),
            eq(officeNoticeSettings.userId, person.userId),
            since ? eq(officeNoticeSettings.lastSummaryAt, since) : sql`${officeNoticeSettings.lastSummaryAt} is null`,
          ),
        )
        .returning();
      // Without a previous look there is nothing to compare with: the next run starts from now.
      if (claimed.length === 0 || !since) continue;
      const t = translator(localeOf(person.locale));
      const link = `${deps.config.publicUrl}/netzwerk/${network.slug}/verwaltung/moderation`;
      for (const item of await newItems(deps.db, network.id, since, now)) {
        const values = { title: item.title, network: network.name, link };
        await queueMail(deps.jobs, {
          to: person.email,
          subject: t(`moderation.notice.${item.kind}.subject` as MessageKey, values),
          text: t(`moderation.notice.${item.kind}.text` as MessageKey, values),
        });
        sent++;
      }
    }
  }
  return sent;
}

/** The daily job: one summary per office person who chose it, when anything waits. */
export async function runDailySummaries(deps: Deps, now: Date): Promise<number> {
  let sent = 0;
  const all = await deps.db.select({ id: networks.id, slug: networks.slug, name: networks.name }).from(networks);
  for (const network of all) {
    const people = (await listOfficePeople(deps.db, network.id)).filter(
      (p) => p.mode === 'daily' && (!p.lastSummaryAt || now.getTime() - p.lastSummaryAt.getTime() >= SUMMARY_GAP_MS),
    );
    if (people.length === 0) continue;
    const counts = await waitingCounts(deps.db, network.id, now);
    if (counts.organisations + counts.offers + counts.reports + counts.inquiries === 0) continue;
    for (const person of people) {
      // Claimed before the mail is queued, so two overlapping runs send one summary.
      const claimed = await deps.db
        .insert(officeNoticeSettings)
        .values({ networkId: network.id, userId: person.userId, mode: 'daily', lastSummaryAt: now })
        .onConflictDoUpdate({
          target: [officeNoticeSettings.networkId, officeNoticeSettings.userId],
          set: { lastSummaryAt: now },
          setWhere: sql`${officeNoticeSettings.lastSummaryAt} is null or ${officeNoticeSettings.lastSummaryAt} <= ${new Date(now.getTime() - SUMMARY_GAP_MS).toISOString()}::timestamptz`,
        })
        .returning();
      if (claimed.length === 0) continue;
      const t = translator(localeOf(person.locale));
      const values = {
        network: network.name,
        organisations: counts.organisations,
        offers: counts.offers,
        reports: counts.reports,
        inquiries: counts.inquiries,
        days: counts.inquiryDays,
        link: `${deps.config.publicUrl}/netzwerk/${network.slug}/verwaltung`,
      };
      await queueMail(deps.jobs, { to: person.email, subject: t('moderation.summary.subject', values), text: t('moderation.summary.text', values) });
      sent++;
    }
  }
  return sent;
}
