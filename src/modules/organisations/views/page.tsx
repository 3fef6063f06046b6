import type { ComponentChildren } from 'preact';
import type { T } from '../../../platform/i18n/index.ts';
import { Notice } from '../../../platform/ui/form.tsx';
import { websiteHref } from '../form.ts';
import type { OrganisationDetails } from '../queries.ts';
import { Markup, renderPlainText } from '../../../platform/markup/index.ts';

interface Props {
  t: T;
  organisation: OrganisationDetails;
  canEdit: boolean;
  canSeeMembers: boolean;
  /** Links other modules add to the actions (page-parts.ts). */
  actions?: Array<{ href: string; label: string }>;
  /** Sections other modules add after the contact details (page-parts.ts). */
  sections?: ComponentChildren[];
  notice?: string | undefined;
}

export function OrganisationPage({ t, organisation: o, canEdit, canSeeMembers, actions = [], sections = [], notice }: Props) {
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
          {actions.map((action) => (
            <a class="button secondary" href={action.href} key={action.href}>
              {action.label}
            </a>
          ))}
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
      {sections}
      <p>
        <a href={`/melden?subjectType=organisation&subjectId=${o.id}`}>{t('organisations.page.report')}</a>
      </p>
    </>
  );
}
