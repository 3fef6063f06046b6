import type { AppDeps } from '../../platform/deps.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { claimExpiryReminder, expireOffers } from './commands.ts';
import { currentLinkPath, currentLinkToken } from './current-link.ts';
import { formatDate } from './format.ts';
import { getOffer, listOffersDueForReminder, offerRecipients } from './queries.ts';

export const OFFER_EXPIRY_QUEUE = 'offers.expiry';
/** How long before the end the organisation is asked whether its offer is still current. */
export const REMINDER_DAYS_BEFORE = 14;

/**
 * The offer clock, run by a recurring job: (a) one reminder mail per offer 14 days before it ends, with
 * a one-click "still current" link, to the organisation's members; (b) offers whose end has passed
 * become expired. Safe to run often and from several processes at once.
 */
export async function runOfferExpiry(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'config'>,
  now: Date,
): Promise<{ reminded: string[]; expired: string[] }> {
  const { db, config } = deps;
  const reminded: string[] = [];
  const due = await listOffersDueForReminder(db, now, new Date(now.getTime() + REMINDER_DAYS_BEFORE * 86_400_000));
  for (const { id } of due) {
    if (!(await claimExpiryReminder(db, id, now))) continue;
    const offer = await getOffer(db, id);
    if (!offer?.expiresAt) continue;
    const token = currentLinkToken(config.cookieSecret ?? '', offer.id, offer.expiresAt);
    for (const recipient of await offerRecipients(db, offer.organisationId)) {
      const locale = isLocale(recipient.locale) ? recipient.locale : 'de';
      const t = translator(locale);
      const params = {
        title: offer.title,
        organisation: offer.organisationName,
        network: offer.network.name,
        date: formatDate(locale, offer.expiresAt),
        link: `${config.publicUrl}${currentLinkPath(offer.id, token)}`,
        offerLink: `${config.publicUrl}/angebote/${offer.id}`,
      };
      await queueMail(deps.jobs, {
        to: recipient.email,
        subject: t('offers.reminder.subject', params),
        text: t('offers.reminder.text', params),
      });
    }
    reminded.push(offer.id);
  }
  const expired = await expireOffers(db, now);
  return { reminded, expired };
}
