import type { Locale, T } from '../../../platform/i18n/index.ts';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { MyOrganisation } from '../../organisations/index.ts';
import { availableActions } from '../lifecycle.ts';
import type { OfferListItem } from '../queries.ts';
import { OFFER_STATUSES } from '../schema.ts';
import { formatDate } from '../format.ts';
import { OfferActions } from './actions.tsx';

interface Props {
  t: T;
  locale: Locale;
  organisations: Array<MyOrganisation & { offers: OfferListItem[] }>;
  networks: Array<{ slug: string; name: string }>;
  csrfToken: string;
  notice?: string | undefined;
}

const RETURN = '/meine-organisationen';

export function Dashboard({ t, locale, organisations, networks, csrfToken, notice }: Props) {
  return (
    <>
      <h1>{t('offers.dashboard.title')}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {organisations.length === 0 ? (
        <EmptyState>{t('offers.dashboard.empty')}</EmptyState>
      ) : (
        <>
          <p class="lead">{t('offers.dashboard.intro')}</p>
          <p>
            <a href="/meine-organisationen/vermittlungen">{t('offers.dashboard.placements')}</a>
          </p>
        </>
      )}
      {organisations.map((o) => (
        <section key={o.id} aria-labelledby={`org-${o.id}`} class="dashboard-organisation">
          <h2 id={`org-${o.id}`}>
            <a href={`/organisationen/${o.id}`}>{o.name}</a>
          </h2>
          <p class="meta">
            {o.networkName} · {t('offers.dashboard.role', { role: t(`organisations.role.${o.role}`) })} ·{' '}
            {t('offers.dashboard.orgStatus', { status: t(`organisations.status.${o.status}`) })}
          </p>
          <p class="actions">
            {o.status !== 'rejected' && (
              <a class="button" href={`/organisationen/${o.id}/angebote/neu`}>
                {t('offers.new.link')}
              </a>
            )}
            {o.role === 'admin' && (
              <a class="button secondary" href={`/organisationen/${o.id}/bearbeiten`}>
                {t('organisations.edit.link')}
              </a>
            )}
            <a class="button secondary" href={`/organisationen/${o.id}/mitglieder`}>
              {t('organisations.members.link')}
            </a>
          </p>
          {o.offers.length === 0 ? (
            <EmptyState>{t('offers.dashboard.noOffers')}</EmptyState>
          ) : (
            OFFER_STATUSES.map((status) => {
              const list = o.offers.filter((offer) => offer.status === status);
              if (list.length === 0) return null;
              return (
                <DataTable
                  key={status}
                  id={`angebote-${o.id}-${status}`}
                  caption={t('offers.dashboard.caption', { status: t(`offers.status.${status}`) })}
                  rows={list}
                  rowKey={(offer) => offer.id}
                  columns={[
                    { label: t('offers.dashboard.offer'), rowHeader: true, cell: (offer) => <a href={`/angebote/${offer.id}`}>{offer.title}</a> },
                    {
                      label: t('offers.dashboard.details'),
                      cell: (offer) =>
                        [
                          offer.municipalityName,
                          offer.status === 'published' && offer.expiresAt ? t('offers.dashboard.expires', { date: formatDate(locale, offer.expiresAt) }) : '',
                          offer.statusReason ? t('offers.statusReason', { reason: offer.statusReason }) : '',
                        ]
                          .filter(Boolean)
                          .join(' · '),
                    },
                    {
                      label: t('offers.dashboard.actions'),
                      cell: (offer) => (
                        <>
                          {offer.status !== 'archived' && (
                            <a href={`/angebote/${offer.id}/bearbeiten`} aria-label={t('offers.action.label', { action: t('offers.edit.link'), title: offer.title })}>
                              {t('offers.edit.link')}
                            </a>
                          )}
                          <OfferActions
                            t={t}
                            offer={offer}
                            actions={availableActions(offer.status, { organisation: true, office: false })}
                            csrfToken={csrfToken}
                            returnTo={RETURN}
                          />
                        </>
                      ),
                    },
                  ]}
                />
              );
            })
          )}
        </section>
      ))}
      {networks.length > 0 && (
        <section aria-labelledby="anlegen">
          <h2 id="anlegen">{organisations.length === 0 ? t('organisations.create.title') : t('offers.dashboard.other')}</h2>
          <ul>
            {networks.map((n) => (
              <li key={n.slug}>
                <a href={`/netzwerk/${n.slug}/organisation-anlegen`}>{t('offers.dashboard.createIn', { network: n.name })}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
