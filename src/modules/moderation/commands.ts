import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import type { Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { needs } from '../needs/index.ts';
import { networks } from '../../platform/networks/schema.ts';
import {
  publishWaitingOffers,
  type OfferDone,
  type OfferFailure,
  performOfferAction,
  getOffer,
  offerRecipients,
  offers,
} from '../offers/index.ts';
import {
  rejectOrganisation,
  verifyOrganisation,
  getOrganisationDetails,
  organisationAccessLinks,
  organisationMembers,
} from '../organisations/index.ts';
import { findReportSubject, getReport, type ContentReport, type SubjectType } from './queries.ts';
import { contentReports } from './schema.ts';

type Deps = Pick<AppDeps, 'db' | 'jobs' | 'config'>;

/**
 * A decision mail to an organisation: to its members, or — nobody has claimed it — to its contact
 * address with a personal link to claim it (placements' access link, valid while nobody has).
 */
async function mailOrganisation(
  deps: Deps,
  organisationId: string,
  now: Date,
  compose: (t: ReturnType<typeof translator>) => { subject: string; text: string },
): Promise<void> {
  const members = await deps.db.select({ userId: organisationMembers.userId }).from(organisationMembers).where(eq(organisationMembers.organisationId, organisationId));
  for (const recipient of await offerRecipients(deps.db, organisationId)) {
    const t = translator(isLocale(recipient.locale) ? recipient.locale : 'de');
    const mail = compose(t);
    let text = mail.text;
    if (members.length === 0) {
      const secret = await organisationAccessLinks().issue(deps.db, organisationId, recipient.email, now);
      text += `\n\n${t('moderation.decision.claim', { claim: `${deps.config.publicUrl}/organisationen/${organisationId}/uebernehmen?zugang=${secret}` })}`;
    }
    await queueMail(deps.jobs, { to: recipient.email, subject: mail.subject, text });
  }
}

/** The office approved an offer: the organisation hears that it is public now. */
export async function mailOfferApproved(deps: Deps, offerId: string, now: Date): Promise<void> {
  const offer = await getOffer(deps.db, offerId);
  if (!offer) return;
  const params = { title: offer.title, network: offer.network.name, link: `${deps.config.publicUrl}/angebote/${offer.id}` };
  await mailOrganisation(deps, offer.organisationId, now, (t) => ({
    subject: t('moderation.decision.offerApproved.subject', params),
    text: t('moderation.decision.offerApproved.text', params),
  }));
}

export const LIFETIME_RANGE = { min: 14, max: 730 } as const;

async function audit(db: Db, entry: { actorId: string | null; networkId: string; action: string; subjectId: string; details?: Record<string, unknown>; at: Date }) {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

/**
 * Anyone may report public content. The report belongs to the content's network, so only that
 * network's office sees it.
 */
export async function createContentReport(
  db: Db,
  args: { subjectType: SubjectType; subjectId: string; reason: string; reporterId: string | null; now: Date },
): Promise<{ ok: true; report: ContentReport } | { ok: false; code: 'moderation.subject_unknown' }> {
  const subject = await findReportSubject(db, args.subjectType, args.subjectId);
  if (!subject) return { ok: false, code: 'moderation.subject_unknown' };
  const [report] = await db
    .insert(contentReports)
    .values({
      networkId: subject.networkId,
      subjectType: subject.type,
      subjectId: subject.id,
      reason: args.reason,
      reporterId: args.reporterId,
      createdAt: args.now,
    })
    .returning();
  if (!report) throw new Error('report not stored');
  return { ok: true, report };
}

/**
 * The office admits an organisation. Where the network reviews organisations only, the offers that
 * waited for this check go public at the same time.
 */
export async function approveOrganisation(
  deps: Deps,
  args: { organisationId: string; actorId: string | null; now: Date },
): Promise<{ ok: true; published: string[] } | { ok: false; code: 'moderation.already_decided' | 'moderation.not_found' }> {
  const organisation = await getOrganisationDetails(deps.db, args.organisationId);
  if (!organisation) return { ok: false, code: 'moderation.not_found' };
  if (!(await verifyOrganisation(deps.db, organisation.id, args.now))) return { ok: false, code: 'moderation.already_decided' };
  await audit(deps.db, { actorId: args.actorId, networkId: organisation.networkId, action: 'organisation.verified', subjectId: organisation.id, at: args.now });
  const params = { name: organisation.name, network: organisation.network.name, link: `${deps.config.publicUrl}/organisationen/${organisation.id}` };
  await mailOrganisation(deps, organisation.id, args.now, (t) => ({
    subject: t('moderation.decision.organisationApproved.subject', params),
    text: t('moderation.decision.organisationApproved.text', params),
  }));
  const published = organisation.network.moderation === 'organisations' ? await publishWaitingOffers(deps.db, organisation.id, args.now) : [];
  return { ok: true, published };
}

/**
 * "Organisation verifizieren und veröffentlichen": an offer of an unverified organisation cannot go
 * public alone (offers/visibility.ts), so the office verifies the organisation and approves the offer
 * in one step.
 */
export async function verifyAndPublish(
  deps: Deps,
  args: { offerId: string; actorId: string | null; now: Date },
): Promise<OfferDone | OfferFailure> {
  const offer = await getOffer(deps.db, args.offerId);
  if (!offer) return { ok: false, code: 'offers.not_found' };
  if (offer.organisationStatus !== 'verified') {
    // Already verified meanwhile (another office person) is fine: the offer is approved all the same.
    await approveOrganisation(deps, { organisationId: offer.organisationId, actorId: args.actorId, now: args.now });
  }
  const [current] = await deps.db.select({ status: offers.status }).from(offers).where(eq(offers.id, offer.id));
  // Where verifying published the waiting offers already, this one is done.
  if (current?.status === 'published') {
    const published = await getOffer(deps.db, offer.id);
    if (published) return { ok: true, offer: published };
  }
  const result = await performOfferAction(deps, offer.id, 'approve', '', args.now);
  if (result.ok) await mailOfferApproved(deps, offer.id, args.now);
  return result;
}

/**
 * Not admitted: the page disappears, its published offers go offline, and the organisation's people
 * learn why by mail (the reason is kept with the organisation and in the audit log).
 */
export async function refuseOrganisation(
  deps: Deps,
  args: { organisationId: string; reason: string; actorId: string | null; now: Date },
): Promise<{ ok: true } | { ok: false; code: 'moderation.already_decided' | 'moderation.not_found' }> {
  const organisation = await getOrganisationDetails(deps.db, args.organisationId);
  if (!organisation) return { ok: false, code: 'moderation.not_found' };
  if (!(await rejectOrganisation(deps.db, organisation.id, args.now, args.reason))) return { ok: false, code: 'moderation.already_decided' };
  await audit(deps.db, {
    actorId: args.actorId,
    networkId: organisation.networkId,
    action: 'organisation.rejected',
    subjectId: organisation.id,
    details: { reason: args.reason },
    at: args.now,
  });
  const live = await deps.db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.organisationId, organisation.id), eq(offers.status, 'published')));
  for (const { id } of live) {
    await performOfferAction(deps, id, 'unpublish', args.reason, args.now);
  }
  for (const recipient of await offerRecipients(deps.db, organisation.id)) {
    const t = translator(isLocale(recipient.locale) ? recipient.locale : 'de');
    const params = { name: organisation.name, network: organisation.network.name, reason: args.reason };
    await queueMail(deps.jobs, {
      to: recipient.email,
      subject: t('moderation.orgRejected.subject', params),
      text: t('moderation.orgRejected.text', params),
    });
  }
  return { ok: true };
}

/**
 * Closes a report; optionally the content goes offline with the note as the reason the organisation
 * reads. `unpublished` says whether that happened (it cannot when the content is no longer public).
 */
export async function resolveContentReport(
  deps: Deps,
  args: { reportId: string; actorId: string | null; resolution: string; unpublish: boolean; now: Date },
): Promise<{ ok: true; unpublished: boolean } | { ok: false; code: 'moderation.not_found' | 'moderation.already_decided' }> {
  const { db } = deps;
  const report = await getReport(db, args.reportId);
  if (!report) return { ok: false, code: 'moderation.not_found' };
  const [closed] = await db
    .update(contentReports)
    .set({ resolvedAt: args.now, resolvedBy: args.actorId, resolution: args.resolution })
    .where(and(eq(contentReports.id, report.id), isNull(contentReports.resolvedAt)))
    .returning();
  if (!closed) return { ok: false, code: 'moderation.already_decided' };
  let unpublished = false;
  if (args.unpublish) {
    if (report.subjectType === 'offer') {
      const offer = await getOffer(db, report.subjectId);
      if (offer && offer.networkId === report.networkId) {
        unpublished = (await performOfferAction(deps, offer.id, 'unpublish', args.resolution, args.now)).ok;
      }
    } else if (report.subjectType === 'organisation') {
      const result = await refuseOrganisation(deps, { organisationId: report.subjectId, reason: args.resolution, actorId: args.actorId, now: args.now });
      unpublished = result.ok;
    } else {
      const rows = await db
        .update(needs)
        .set({ isPublic: false, updatedAt: args.now })
        .where(and(eq(needs.id, report.subjectId), eq(needs.networkId, report.networkId), eq(needs.isPublic, true)))
        .returning();
      unpublished = rows.length > 0;
    }
  }
  await audit(db, {
    actorId: args.actorId,
    networkId: report.networkId,
    action: 'report.resolved',
    subjectId: report.id,
    details: { subjectType: report.subjectType, subjectId: report.subjectId, unpublished },
    at: args.now,
  });
  return { ok: true, unpublished };
}

export async function updateModerationSettings(
  db: Db,
  args: { networkId: string; moderation: 'organisations' | 'offers'; offerLifetimeDays: number; actorId: string | null; now: Date },
): Promise<{ ok: true } | { ok: false; code: 'moderation.lifetime_range' }> {
  const days = args.offerLifetimeDays;
  if (!Number.isInteger(days) || days < LIFETIME_RANGE.min || days > LIFETIME_RANGE.max) return { ok: false, code: 'moderation.lifetime_range' };
  await db.update(networks).set({ moderation: args.moderation, offerLifetimeDays: days, updatedAt: args.now }).where(eq(networks.id, args.networkId));
  await audit(db, {
    actorId: args.actorId,
    networkId: args.networkId,
    action: 'network.moderation_changed',
    subjectId: args.networkId,
    details: { moderation: args.moderation, offerLifetimeDays: days },
    at: args.now,
  });
  return { ok: true };
}
