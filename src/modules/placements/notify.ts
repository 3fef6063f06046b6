import type { AppDeps } from '../../platform/deps.ts';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { isLocale, translator, type Locale, type MessageKey } from '../../platform/i18n/index.ts';
import { queueMail, type MailConsent } from '../../platform/mail/index.ts';
import { tokens } from '../accounts/index.ts';
import { issueOrganisationAccess } from './access.ts';
import {
  ACCESS_KIND,
  guideRecipients,
  officeRecipients,
  organisationRecipients,
  type PlacementDetail,
  type Recipient,
} from './queries.ts';

/*
 * Every mail of a placement goes through here. No mail ever carries the other side's address, and
 * none sets a Reply-To: the two sides reach each other through the placement page until both agree.
 */

/** A private link lives long: a placement may run for months. Each mail to the volunteer brings a fresh one. */
export const ACCESS_DAYS = 365;

type MailKind =
  | 'confirm'
  | 'access'
  | 'inquiry'
  | 'message'
  | 'status'
  | 'withdrawn'
  | 'shared'
  | 'sharedBoth'
  | 'reminder'
  | 'escalation'
  | 'noAnswer'
  | 'opened';

function localeOf(value: string): Locale {
  return isLocale(value) ? value : 'de';
}

/** Queues one mail per distinct address, each in its recipient's language. */
export async function sendTo(
  deps: AppDeps,
  recipients: readonly Recipient[],
  kind: MailKind,
  params: (locale: Locale) => Record<string, string | number>,
  /** The consent the mail depends on: checked again when it leaves the queue (privacy module). */
  consent?: MailConsent,
): Promise<void> {
  const seen = new Set<string>();
  for (const recipient of recipients) {
    const address = recipient.email.toLowerCase();
    if (!address || seen.has(address)) continue;
    seen.add(address);
    const locale = localeOf(recipient.locale);
    const t = translator(locale);
    // A recipient without an account gets its own private link instead of the plain page.
    const values = recipient.link ? { ...params(locale), link: recipient.link } : params(locale);
    await queueMail(deps.jobs, {
      to: recipient.email,
      subject: t(`placements.mail.${kind}.subject` as MessageKey, values),
      text: t(`placements.mail.${kind}.text` as MessageKey, values),
      ...(consent ? { consent } : {}),
    });
  }
}

export function placementUrl(deps: AppDeps, placementId: string): string {
  return `${deps.config.publicUrl}/vermittlungen/${placementId}`;
}

/**
 * The link a volunteer follows from a mail. With an account it is the plain page (they sign in);
 * without one, a fresh private link, of which only the hash is stored.
 */
export async function volunteerLink(deps: AppDeps, placement: PlacementDetail, now: Date): Promise<string> {
  if (placement.volunteerId) return placementUrl(deps, placement.id);
  const secret = await issueAccess(deps, placement.id, placement.volunteerEmail, now);
  return `${placementUrl(deps, placement.id)}?zugang=${secret}`;
}

export async function issueAccess(deps: AppDeps, placementId: string, email: string, now: Date): Promise<string> {
  const secret = newSecret();
  await deps.db.insert(tokens).values({
    id: hashSecret(secret),
    purpose: 'placement',
    email,
    data: { kind: ACCESS_KIND, placementId },
    createdAt: now,
    expiresAt: new Date(now.getTime() + ACCESS_DAYS * 86_400_000),
  });
  return secret;
}

export function volunteerRecipient(placement: PlacementDetail): Recipient[] {
  return placement.volunteerEmail ? [{ email: placement.volunteerEmail, locale: placement.volunteerLocale }] : [];
}

/**
 * Who answers for the receiving side: the organisation's members; for an organisation nobody has
 * claimed (e.g. imported), the offer's or organisation's contact address, with a personal link that
 * needs no account; for an offer without any address, and for a need without an organisation, the
 * guides of the municipality and the network office, who mediate.
 */
export async function receivingSide(deps: AppDeps, placement: PlacementDetail, now: Date): Promise<Recipient[]> {
  if (placement.organisationId) {
    const members = await organisationRecipients(deps.db, placement.organisationId);
    if (members.length > 0) return members;
    const address = placement.offerContactEmail || placement.organisationEmail;
    if (address) {
      const secret = await issueOrganisationAccess(deps.db, placement.organisationId, address, now);
      return [{ email: address, locale: 'de', link: `${placementUrl(deps, placement.id)}?zugang=${secret}` }];
    }
  }
  return mediators(deps, placement);
}

/** The guides of the placement's municipality and the network office. */
export async function mediators(deps: AppDeps, placement: Pick<PlacementDetail, 'networkId' | 'municipalityId'>): Promise<Recipient[]> {
  const guides = await guideRecipients(deps.db, placement.networkId, placement.municipalityId);
  return [...guides, ...(await officeRecipients(deps.db, placement.networkId))];
}

/** A new inquiry reaches the receiving side and, always, the guides of the municipality. */
export async function inquiryRecipients(deps: AppDeps, placement: PlacementDetail, now: Date): Promise<Recipient[]> {
  return [
    ...(await receivingSide(deps, placement, now)),
    ...(await guideRecipients(deps.db, placement.networkId, placement.municipalityId)),
  ];
}

export function titleOf(placement: PlacementDetail): string {
  return placement.offerTitle ?? placement.needTitle ?? '';
}

export function statusLabel(locale: Locale, status: string): string {
  return translator(locale)(`placements.status.${status}` as MessageKey);
}
