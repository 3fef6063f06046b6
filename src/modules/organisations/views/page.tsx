import type { T } from '../../../platform/i18n/index.ts';
import { Notice } from '../../../platform/ui/form.tsx';
import { websiteHref } from '../form.ts';
import type { OrganisationDetails } from '../queries.ts';
import { Markup, renderPlainText } from '../../../platform/markup/index.ts';

export interface OrganisationOfferItem {
  id: string;
  title: string;
  summary: string;
  municipalityName: string | null;
}

interface Props {
  t: T;
  organisation: OrganisationDetails;
  offers: OrganisationOfferItem[];
  canEdit: boolean;
  canSeeMembers: boolean;
  /** Its admins make the API keys for the organisation's own software. */
  canManageApiTokens?: boolean;
  notice?: string | undefined;
}

export function OrganisationPage({ t, organisation: o, offers, canEdit, canSeeMembers, canManageApiTokens, notice }: Props) {
  const href = websiteHref(o.website);
  const address = [o.street, [o.postcode, o.place].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <>
      {notice && <Notice kind="success">{notice}</Notice>}
      {o.status !== 'verified' && (
        <Notice>{o.status === 'pending' ? t('organisations.page.pending') : t('organisations.page.rejected')}</Notice>
      )}
      {o.logoPath && <img class="organisation-logo" width={160} src={`/uploads/${o.logoPath}`} alt={t('organisations.logo.alt', { name: o.name })} />}
      <h1>{o.name}</h1>
      <dl class="facts">
        <dt>{t('organisations.page.type')}</dt>
        <dd>{t(`organisations.type.${o.type}`)}</dd>
        {o.municipalityName && (
          <>
            <dt>{t('organisations.page.municipality')}</dt>
            <dd>{o.municipalityName}</dd>
          </>
        )}
        <dt>{t('organisations.page.network')}</dt>
        <dd>
          <a href={`/netzwerk/${o.network.slug}`}>{o.network.name}</a>
        </dd>
      </dl>
      {(canEdit || canSeeMembers) && (
        <p class="actions">
          {canEdit && (
            <a class="button secondary" href={`/organisationen/${o.id}/bearbeiten`}>
              {t('organisations.edit.link')}
            </a>
          )}
          {canSeeMembers && (
            <a class="button secondary" href={`/organisationen/${o.id}/mitglieder`}>
              {t('organisations.members.link')}
            </a>
          )}
          {canManageApiTokens && (
            <a class="button secondary" href={`/organisationen/${o.id}/api-tokens`}>
              {t('openapi.tokens.link')}
            </a>
          )}
        </p>
      )}
      {o.description && (
        <section aria-labelledby="ueber-uns">
          <h2 id="ueber-uns">{t('organisations.page.about')}</h2>
          <Markup html={renderPlainText(o.description)} />
        </section>
      )}
      {(address || href || o.email || o.phone) && (
        <section aria-labelledby="kontakt">
          <h2 id="kontakt">{t('organisations.page.contact')}</h2>
          <dl class="facts">
            {address && (
              <>
                <dt>{t('organisations.page.address')}</dt>
                <dd>{address}</dd>
              </>
            )}
            {href && (
              <>
                <dt>{t('organisations.page.website')}</dt>
                <dd>
                  <a href={href} rel="nofollow noopener">
                    {o.website}
                  </a>
                </dd>
              </>
            )}
            {o.email && (
              <>
                <dt>{t('organisations.page.email')}</dt>
                <dd>
                  <a href={`mailto:${o.email}`}>{o.email}</a>
                </dd>
              </>
            )}
            {o.phone && (
              <>
                <dt>{t('organisations.page.phone')}</dt>
                <dd>
                  <a href={`tel:${o.phone.replace(/[^0-9+]/g, '')}`}>{o.phone}</a>
                </dd>
              </>
            )}
          </dl>
        </section>
      )}
      <section aria-labelledby="angebote">
        <h2 id="angebote">{t('organisations.page.offers')}</h2>
        {offers.length === 0 ? (
          <p>{t('organisations.page.noOffers')}</p>
        ) : (
          <ul class="cards">
            {offers.map((offer) => (
              <li class="card" key={offer.id}>
                <h3>
                  <a href={`/angebote/${offer.id}`}>{offer.title}</a>
                </h3>
                {offer.municipalityName && <p class="meta">{offer.municipalityName}</p>}
                {offer.summary && <p>{offer.summary}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <a href={`/melden?subjectType=organisation&subjectId=${o.id}`}>{t('organisations.page.report')}</a>
      </p>
    </>
  );
}
