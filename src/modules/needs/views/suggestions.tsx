import type { T } from '../../../platform/i18n/index.ts';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { Field } from '../../../platform/ui/field.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import { type Ranked, type VolunteerCandidate, ReasonList, VolunteerTable } from '../../volunteers/index.ts';
import type { OfferForNeed } from '../queries.ts';

interface Base {
  t: T;
  title: string;
  needHref: string;
}

export function NeedVolunteersPage({
  t,
  title,
  needHref,
  suggestions,
  contactHref,
}: Base & { suggestions: Ranked<VolunteerCandidate>[]; contactHref: (userId: string) => string }) {
  return (
    <>
      <h1>{t('needs.volunteers.title', { title })}</h1>
      <p class="lead">{t('needs.volunteers.intro')}</p>
      <VolunteerTable t={t} suggestions={suggestions} contactHref={contactHref} />
      <p>
        <a href={needHref}>{t('needs.back')}</a>
      </p>
    </>
  );
}

export function NeedOffersPage({
  t,
  title,
  needHref,
  radiusKm,
  suggestions,
  placementHref,
}: Base & {
  radiusKm: number;
  suggestions: Array<Ranked<OfferForNeed>>;
  placementHref: (offerId: string) => string;
}) {
  return (
    <>
      <h1>{t('needs.offers.title', { title })}</h1>
      <p class="lead">{t('needs.offers.intro')}</p>
      <form method="get" action={`${needHref}/angebote`} class="stack">
        <Field name="umkreis" type="number" label={t('needs.offers.radius')} min={1} max={200} value={String(radiusKm)} />
        <button type="submit" class="secondary">
          {t('needs.offers.apply')}
        </button>
      </form>
      {suggestions.length === 0 ? (
        <EmptyState>{t('needs.offers.none')}</EmptyState>
      ) : (
        <DataTable
          id="angebote-vorschlaege"
          caption={t('needs.offers.caption')}
          rows={suggestions}
          rowKey={(r) => r.item.id}
          columns={[
            {
              label: t('needs.offers.offer'),
              rowHeader: true,
              cell: ({ item }) => (
                <>
                  <a href={`/angebote/${item.id}`}>{item.title}</a>
                  <br />
                  <span class="meta">{[item.organisationName, item.municipalityName].filter(Boolean).join(' · ')}</span>
                </>
              ),
            },
            { label: t('volunteers.table.fit'), numeric: true, cell: ({ score }) => `${score} %` },
            {
              label: t('volunteers.table.reasons'),
              cell: ({ item, reasons }) => (
                <>
                  <ReasonList reasons={reasons} t={t} />
                  {item.rank > 0 && <p class="meta">{t('needs.offers.words')}</p>}
                </>
              ),
            },
            { label: t('volunteers.table.action'), cell: ({ item }) => <a href={placementHref(item.id)}>{t('needs.offers.link')}</a> },
          ]}
        />
      )}
      <p>
        <a href={needHref}>{t('needs.back')}</a>
      </p>
    </>
  );
}
