import type { Locale, T } from '../../../platform/i18n/index.ts';
import { Notice } from '../../../platform/ui/form.tsx';
import type { OfferAction } from '../lifecycle.ts';
import type { OfferDetails } from '../queries.ts';
import { formatDate, formatDay, formatHours } from '../format.ts';
import { Description } from './description.tsx';
import { OfferActions } from './actions.tsx';
import { fieldLabel } from './labels.ts';

interface Props {
  t: T;
  locale: Locale;
  offer: OfferDetails;
  /** The organisation's people or the office: they see the status and the actions. */
  canManage: boolean;
  actions: OfferAction[];
  csrfToken: string;
  notice?: string | undefined;
  problem?: string | undefined;
  reasonError?: string | undefined;
  reasonValue?: string | undefined;
}

export function OfferPage({ t, locale, offer, canManage, actions, csrfToken, notice, problem, reasonError, reasonValue }: Props) {
  const times = [
    offer.weekdays.map((d) => t(`offers.weekday.${d}` as 'offers.weekday.1')).join(', '),
    offer.timesOfDay.map((d) => t(`offers.timeOfDay.${d}`)).join(', '),
  ]
    .filter(Boolean)
    .join(' · ');
  const place = [offer.street, [offer.postcode, offer.place].filter(Boolean).join(' '), offer.district, offer.municipalityName]
    .filter(Boolean)
    .filter((part, i, all) => all.indexOf(part) === i)
    .join(', ');
  const period =
    offer.startsOn && offer.endsOn
      ? t('offers.page.fromUntil', { from: formatDay(locale, offer.startsOn), until: formatDay(locale, offer.endsOn) })
      : offer.startsOn
        ? t('offers.page.from', { date: formatDay(locale, offer.startsOn) })
        : offer.endsOn
          ? t('offers.page.until', { date: formatDay(locale, offer.endsOn) })
          : '';
  const published = offer.status === 'published';
  return (
    <article class="offer">
      {notice && <Notice kind="success">{notice}</Notice>}
      {problem && (
        <div class="error-summary" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {canManage && (
        <Notice>
          <p>
            {published && offer.expiresAt
              ? t('offers.statusBannerPublished', { date: formatDate(locale, offer.expiresAt) })
              : t('offers.statusBanner', { status: t(`offers.status.${offer.status}`) })}
          </p>
          {offer.statusReason && <p>{t('offers.statusReason', { reason: offer.statusReason })}</p>}
        </Notice>
      )}
      <h1>{offer.title}</h1>
      <p class="meta">
        {offer.organisationStatus === 'verified' ? (
          <a href={`/organisationen/${offer.organisationId}`}>{offer.organisationName}</a>
        ) : (
          offer.organisationName
        )}
        {offer.municipalityName && ` · ${offer.municipalityName}`}
      </p>
      {offer.summary && <p class="lead">{offer.summary}</p>}
      {published && (
        <p>
          <a class="button" href={`/angebote/${offer.id}/anfragen`}>
            {t('offers.page.help')}
          </a>
        </p>
      )}
      <dl class="facts">
        <dt>{t('offers.page.field')}</dt>
        <dd>{fieldLabel(locale, offer.field)}</dd>
        <dt>{t('offers.page.place')}</dt>
        <dd>
          {place || (offer.remote ? t('offers.page.onlyRemote') : t('offers.none'))}
          {place && offer.remote && ` (${t('offers.page.remote')})`}
        </dd>
        <dt>{t('offers.page.commitment')}</dt>
        <dd>
          {t(`offers.commitment.${offer.commitment}`)}
          {offer.hoursPerWeek !== null && `, ${t('offers.page.hours', { hours: formatHours(locale, offer.hoursPerWeek) })}`}
        </dd>
        {times && (
          <>
            <dt>{t('offers.page.times')}</dt>
            <dd>{times}</dd>
          </>
        )}
        {period && (
          <>
            <dt>{t('offers.page.period')}</dt>
            <dd>{period}</dd>
          </>
        )}
        {offer.targetGroups.length > 0 && (
          <>
            <dt>{t('offers.page.targetGroups')}</dt>
            <dd>{offer.targetGroups.map((g) => t(`offers.targetGroup.${g}`)).join(', ')}</dd>
          </>
        )}
        {offer.suitability.length > 0 && (
          <>
            <dt>{t('offers.page.suitability')}</dt>
            <dd>{offer.suitability.map((s) => t(`offers.suitability.${s}`)).join(', ')}</dd>
          </>
        )}
        {offer.skills.length > 0 && (
          <>
            <dt>{t('offers.page.skills')}</dt>
            <dd>{offer.skills.join(', ')}</dd>
          </>
        )}
        {offer.peopleWanted !== null && (
          <>
            <dt>{t('offers.page.peopleWanted')}</dt>
            <dd>{t('offers.page.people', { count: offer.peopleWanted })}</dd>
          </>
        )}
        {offer.tags.length > 0 && (
          <>
            <dt>{t('offers.page.tags')}</dt>
            <dd>{offer.tags.join(', ')}</dd>
          </>
        )}
      </dl>
      <Description html={offer.description} />
      {(offer.contactName || offer.contactEmail || offer.contactPhone) && (
        <section aria-labelledby="ansprechperson">
          <h2 id="ansprechperson">{t('offers.page.contact')}</h2>
          <p>
            {offer.contactName}
            {offer.contactEmail && (
              <>
                {offer.contactName && <br />}
                <a href={`mailto:${offer.contactEmail}`}>{offer.contactEmail}</a>
              </>
            )}
            {offer.contactPhone && (
              <>
                {(offer.contactName || offer.contactEmail) && <br />}
                <a href={`tel:${offer.contactPhone.replace(/[^0-9+]/g, '')}`}>{offer.contactPhone}</a>
              </>
            )}
          </p>
        </section>
      )}
      {canManage && (
        <section aria-labelledby="verwalten">
          <h2 id="verwalten">{t('offers.page.manage')}</h2>
          {offer.status !== 'archived' && (
            <p>
              <a class="button secondary" href={`/angebote/${offer.id}/bearbeiten`}>
                {t('offers.edit.link')}
              </a>
            </p>
          )}
          <OfferActions t={t} offer={offer} actions={actions} csrfToken={csrfToken} reasonError={reasonError} reasonValue={reasonValue} />
        </section>
      )}
      <p>
        <a href={`/melden?subjectType=offer&subjectId=${offer.id}`}>{t('offers.page.report')}</a>
      </p>
    </article>
  );
}
