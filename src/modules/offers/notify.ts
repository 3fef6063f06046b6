import type { AppDeps } from '../../platform/deps.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { offerRecipients } from './queries.ts';

/** Tells the organisation's people why the office sent an offer back or took it offline. */
export async function notifyOfferReason(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'config'>,
  offer: { id: string; title: string; organisationId: string; network: { name: string } },
  reason: string,
): Promise<void> {
  for (const recipient of await offerRecipients(deps.db, offer.organisationId)) {
    const t = translator(isLocale(recipient.locale) ? recipient.locale : 'de');
    const params = { title: offer.title, network: offer.network.name, reason, offerLink: `${deps.config.publicUrl}/angebote/${offer.id}` };
    await queueMail(deps.jobs, { to: recipient.email, subject: t('offers.notice.subject', params), text: t('offers.notice.text', params) });
  }
}
