import { and, desc, eq, gt, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import { translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { events } from '../events/index.ts';
import { networks } from '../../platform/networks/schema.ts';
import { type Field } from '../../platform/vocabulary.ts';
import { offers } from '../offers/index.ts';
import { infomailSubscribers } from './schema.ts';
import { renderMail } from './render.ts';
import { preferencesUrl } from './subscriptions.ts';

export const DIGEST_QUEUE = 'infomail.digest';
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The weekly digest: for each confirmed subscriber who chose it, the offers published and events
 * announced since their last digest, in their municipalities and fields; nothing is sent when nothing
 * is new. Returns how many digests were queued.
 */
export async function runDigests(deps: AppDeps): Promise<number> {
  const { db } = deps;
  const now = deps.clock();
  const t = translator('de');
  let queued = 0;
  const subscribers = await db
    .select()
    .from(infomailSubscribers)
    .where(and(eq(infomailSubscribers.digest, true), isNotNull(infomailSubscribers.confirmedAt), isNull(infomailSubscribers.bouncedAt)));
  for (const subscriber of subscribers) {
    const since = subscriber.lastDigestAt ?? new Date(now.getTime() - WEEK_MS);
    const [network] = await db.select().from(networks).where(eq(networks.id, subscriber.networkId));
    if (!network) continue;
    const places = subscriber.digestMunicipalityIds.length ? subscriber.digestMunicipalityIds : null;
    const fields = subscriber.digestFields.length ? (subscriber.digestFields as Field[]) : null;
    const newOffers = await db
      .select({ id: offers.id, title: offers.title })
      .from(offers)
      .where(
        and(
          eq(offers.networkId, network.id),
          eq(offers.status, 'published'),
          gt(offers.publishedAt, since),
          places ? inArray(offers.municipalityId, places) : undefined,
          fields ? inArray(offers.field, fields) : undefined,
        ),
      )
      .orderBy(desc(offers.publishedAt))
      .limit(30);
    const newEvents = await db
      .select({ id: events.id, title: events.title })
      .from(events)
      .where(and(eq(events.networkId, network.id), eq(events.status, 'published'), gt(events.createdAt, since), gt(events.startsAt, now), places ? inArray(events.municipalityId, places) : undefined))
      .orderBy(events.startsAt)
      .limit(30);
    await db.update(infomailSubscribers).set({ lastDigestAt: now }).where(eq(infomailSubscribers.id, subscriber.id));
    if (newOffers.length === 0 && newEvents.length === 0) continue;
    const base = `${deps.config.publicUrl}/netzwerk/${network.slug}`;
    const md = [
      newOffers.length ? `## ${t('infomail.digest.offers')}\n\n${newOffers.map((o) => `- [${escapeMd(o.title)}](${base}/angebote/${o.id})`).join('\n')}` : '',
      newEvents.length ? `## ${t('infomail.digest.events')}\n\n${newEvents.map((e) => `- [${escapeMd(e.title)}](${base}/veranstaltungen/${e.id})`).join('\n')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const subject = t('infomail.digest.subject', { network: network.name, count: newOffers.length + newEvents.length });
    // The digest belongs to no list: its way out is the preferences page (digest off, or leave everything).
    const unsubscribe = preferencesUrl(deps, subscriber.id);
    const parts = renderMail({
      network,
      subject,
      body: md,
      publicUrl: deps.config.publicUrl,
      links: { unsubscribe, preferences: preferencesUrl(deps, subscriber.id) },
      footer: { unsubscribe: t('infomail.mail.unsubscribe'), preferences: t('infomail.mail.preferences'), archive: t('infomail.mail.archive'), why: t('infomail.mail.why', { list: t('infomail.subscribe.digest'), network: network.name }) },
    });
    await queueMail(deps.jobs, {
      to: subscriber.email,
      subject,
      text: parts.text,
      html: parts.html,
      fromName: network.name,
      headers: { 'List-Unsubscribe': `<${unsubscribe}>` },
      consent: { purpose: 'infomail', email: subscriber.userId ? null : subscriber.email, userId: subscriber.userId, networkId: network.id },
    });
    queued++;
  }
  return queued;
}

/** Titles are text: Markdown characters in them stay characters. */
function escapeMd(text: string): string {
  return text.replace(/([\\`*_[\]()#<>!|])/g, '\\$1');
}

