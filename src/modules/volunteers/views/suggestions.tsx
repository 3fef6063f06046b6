import type { T } from '../../../platform/i18n/index.ts';
import { CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import { SUITABILITY, type Suitability } from '../../../platform/vocabulary.ts';
import type { OfferCandidate, VolunteerCandidate } from '../queries.ts';
import type { Ranked } from '../suggestions.ts';
import { ReasonList } from './reasons.tsx';

interface OfferSuggestionsProps {
  t: T;
  hasProfile: boolean;
  hasPlace: boolean;
  suitability: readonly Suitability[];
  suggestions: Ranked<OfferCandidate>[];
}

/** Offers suggested to the signed-in volunteer, each with the reasons it fits. */
export function OfferSuggestionsPage({ t, hasProfile, hasPlace, suitability, suggestions }: OfferSuggestionsProps) {
  if (!hasProfile) {
    return (
      <>
        <h1>{t('volunteers.suggestions.title')}</h1>
        <p>{t('volunteers.suggestions.noProfile')}</p>
        <p>
          <a class="button" href="/konto/engagement">
            {t('volunteers.suggestions.createProfile')}
          </a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t('volunteers.suggestions.title')}</h1>
      <p class="lead">{t('volunteers.suggestions.intro')}</p>
      <p>
        <a href="/konto/engagement">{t('volunteers.suggestions.editProfile')}</a>
      </p>
      {!hasPlace && <Notice>{t('volunteers.suggestions.noPlace')}</Notice>}
      <form method="get" action="/konto/vorschlaege" class="stack">
        <CheckboxGroup
          name="eignung"
          legend={t('volunteers.suggestions.filter')}
          hint={t('volunteers.suggestions.filterHint')}
          options={SUITABILITY.map((flag) => ({ value: flag, label: t(`volunteers.suitability.${flag}`) }))}
          selected={suitability}
        />
        <button type="submit" class="secondary">
          {t('volunteers.suggestions.apply')}
        </button>
      </form>
      <h2>
        {suggestions.length === 1
          ? t('volunteers.suggestions.countOne')
          : t('volunteers.suggestions.count', { count: suggestions.length })}
      </h2>
      {suggestions.length === 0 ? (
        <EmptyState>{t('volunteers.suggestions.none')}</EmptyState>
      ) : (
        <ol class="suggestions">
          {suggestions.map(({ item, score, reasons }) => (
            <li key={item.id} class="card">
              <h3>
                <a href={`/angebote/${item.id}`}>{item.title}</a>
              </h3>
              <p class="meta">
                {[item.organisationName, item.municipalityName ?? item.place].filter(Boolean).join(' · ')}
              </p>
              {item.summary && <p>{item.summary}</p>}
              <p>
                <strong>{t('volunteers.suggestions.fit', { score })}</strong> {t('volunteers.suggestions.why')}
              </p>
              <ReasonList reasons={reasons} t={t} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

interface VolunteerTableProps {
  t: T;
  suggestions: Ranked<VolunteerCandidate>[];
  /** Where "contact" leads for one volunteer: the placements module's new-placement form. */
  contactHref: (userId: string) => string;
}

/** Opted-in volunteers suggested for an offer or a need: name, fit and reasons, never an address. */
export function VolunteerTable({ t, suggestions, contactHref }: VolunteerTableProps) {
  if (suggestions.length === 0) return <EmptyState>{t('volunteers.forOffer.none')}</EmptyState>;
  return (
    <DataTable
      id="freiwillige-vorschlaege"
      caption={t('volunteers.table.caption')}
      rows={suggestions}
      rowKey={(r) => r.item.userId}
      columns={[
        { label: t('volunteers.table.name'), rowHeader: true, cell: ({ item }) => item.name },
        { label: t('volunteers.table.fit'), numeric: true, cell: ({ score }) => `${score} %` },
        { label: t('volunteers.table.reasons'), cell: ({ reasons }) => <ReasonList reasons={reasons} t={t} /> },
        {
          label: t('volunteers.table.action'),
          cell: ({ item }) => <a href={contactHref(item.userId)}>{t('volunteers.forOffer.contact', { name: item.name })}</a>,
        },
      ]}
    />
  );
}

export function VolunteersForOfferPage(props: VolunteerTableProps & { title: string; offerId: string }) {
  const { t } = props;
  return (
    <>
      <h1>{t('volunteers.forOffer.title', { title: props.title })}</h1>
      <p class="lead">{t('volunteers.forOffer.intro')}</p>
      <VolunteerTable t={t} suggestions={props.suggestions} contactHref={props.contactHref} />
      <p>
        <a href={`/angebote/${props.offerId}`}>{t('volunteers.forOffer.back')}</a>
      </p>
    </>
  );
}
