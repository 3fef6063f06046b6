import type { Locale, T } from '../../../platform/i18n/index.ts';
import { SelectField } from '../../../platform/ui/field.tsx';
import { FIELDS } from '../../../platform/vocabulary.ts';
import { fieldLabel } from '../../offers/index.ts';
import type { EventListItem } from '../queries.ts';
import { EVENT_KINDS } from '../schema.ts';
import { kindLabel, statusLabel, Time } from './format.tsx';
import { EventsMap, type MapArea } from './map.tsx';
import { MonthGrid, type MonthModel } from './month.tsx';

export interface ListFilters {
  art: string;
  kommune: string;
  feld: string;
  format: string;
  ansicht: string;
  monat: string;
}

export interface EventListProps {
  t: T;
  locale: Locale;
  title: string;
  /** Where the filter form sends to, and the feeds of this list. */
  action: string;
  items: EventListItem[];
  total: number;
  filters: ListFilters;
  municipalities: Array<{ id: string; name: string }>;
  /** The network's municipalities for the map's background (outlines or dots); empty across networks. */
  areas: MapArea[];
  feeds: { ics?: string; webcal?: string; rss?: string };
  month?: MonthModel | undefined;
  canCreate?: string | undefined;
  inReview?: EventListItem[];
  past?: boolean;
  pastHref?: string;
  showNetwork: boolean;
}

export function EventCard({ t, locale, item, showNetwork }: { t: T; locale: Locale; item: EventListItem; showNetwork: boolean }) {
  const full = item.capacity !== null && item.seatsTaken >= item.capacity;
  return (
    <li class="card">
      <h3>
        <a href={`/netzwerk/${item.networkSlug}/veranstaltungen/${item.id}`}>{item.title}</a>
      </h3>
      <p class="meta">
        <Time locale={locale} startsAt={item.startsAt} endsAt={item.endsAt} />
        {' · '}
        {kindLabel(t, item.kind)}
        {' · '}
        {item.mode === 'online' ? t('events.mode.online') : [item.place, item.municipalityName].filter(Boolean).join(', ')}
      </p>
      <p class="meta">
        {[item.organiserName ?? t('events.organiser.office'), showNetwork ? item.networkName : null].filter(Boolean).join(' · ')}
        {item.status !== 'published' && (
          <>
            {' · '}
            <strong>{statusLabel(t, item.status)}</strong>
          </>
        )}
        {item.status === 'published' && full && (
          <>
            {' · '}
            {t('events.full')}
          </>
        )}
      </p>
    </li>
  );
}

export function EventListPage(props: EventListProps) {
  const { t, locale, filters } = props;
  const all = t('events.filter.all');
  return (
    <>
      <h1>{props.title}</h1>
      {props.canCreate && (
        <p>
          <a class="button" href={props.canCreate}>
            {t('events.new.link')}
          </a>
        </p>
      )}
      {props.inReview && props.inReview.length > 0 && (
        <section aria-labelledby="in-review">
          <h2 id="in-review">{t('events.review.heading')}</h2>
          <ul class="cards">
            {props.inReview.map((item) => (
              <EventCard key={item.id} t={t} locale={locale} item={item} showNetwork={false} />
            ))}
          </ul>
        </section>
      )}
      <form method="get" action={props.action} class="filters" aria-label={t('events.filter.label')}>
        <SelectField name="art" label={t('events.field.kind')} placeholder={all} options={EVENT_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} value={filters.art} />
        {props.municipalities.length > 0 && (
          <SelectField name="kommune" label={t('events.field.municipality')} placeholder={all} options={props.municipalities.map((m) => ({ value: m.id, label: m.name }))} value={filters.kommune} />
        )}
        <SelectField name="feld" label={t('events.field.fields')} placeholder={all} options={FIELDS.map((f) => ({ value: f, label: fieldLabel(locale, f) }))} value={filters.feld} />
        <SelectField
          name="format"
          label={t('events.field.mode')}
          placeholder={all}
          options={[
            { value: 'vor-ort', label: t('events.mode.onsite') },
            { value: 'online', label: t('events.mode.online') },
          ]}
          value={filters.format}
        />
        <SelectField
          name="ansicht"
          label={t('events.view.label')}
          options={[
            { value: 'liste', label: t('events.view.list') },
            { value: 'monat', label: t('events.view.month') },
          ]}
          value={filters.ansicht}
        />
        {filters.monat && <input type="hidden" name="monat" value={filters.monat} />}
        <button type="submit">{t('events.filter.submit')}</button>
      </form>
      {props.month ? (
        <MonthGrid t={t} locale={locale} month={props.month} />
      ) : (
        <section aria-labelledby="termine">
          <h2 id="termine">{props.past ? t('events.list.past') : t('events.list.upcoming')}</h2>
          <p class="meta" role="status">
            {t('events.list.count', { count: props.total })}
          </p>
          {props.items.length === 0 ? (
            <p>{t('events.list.none')}</p>
          ) : (
            <ul class="cards">
              {props.items.map((item) => (
                <EventCard key={item.id} t={t} locale={locale} item={item} showNetwork={props.showNetwork} />
              ))}
            </ul>
          )}
          {props.pastHref && (
            <p>
              <a href={props.pastHref}>{props.past ? t('events.list.showUpcoming') : t('events.list.showPast')}</a>
            </p>
          )}
        </section>
      )}
      {!props.month && (
        <EventsMap
          t={t}
          locale={locale}
          id="karte"
          heading={t('events.map.heading')}
          areas={props.areas}
          events={props.items
            .filter((item) => item.mode === 'onsite' && item.status === 'published')
            .map((item) => ({ ...item, href: `/netzwerk/${item.networkSlug}/veranstaltungen/${item.id}` }))}
        />
      )}
      <section aria-labelledby="abonnieren">
        <h2 id="abonnieren">{t('events.feeds.heading')}</h2>
        <ul>
          {props.feeds.webcal && (
            <li>
              <a href={props.feeds.webcal}>{t('events.feeds.webcal')}</a>
            </li>
          )}
          {props.feeds.ics && (
            <li>
              <a href={props.feeds.ics}>{t('events.feeds.ics')}</a>
            </li>
          )}
          {props.feeds.rss && (
            <li>
              <a href={props.feeds.rss}>{t('events.feeds.rss')}</a>
            </li>
          )}
        </ul>
      </section>
    </>
  );
}
