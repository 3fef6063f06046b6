import type { Locale, T } from '../../../platform/i18n/index.ts';
import { fieldLabel } from '../../offers/views/labels.ts';
import { FIELDS } from '../../offers/vocabulary.ts';
import type { EventListItem } from '../queries.ts';
import { EVENT_KINDS } from '../schema.ts';
import { kindLabel, statusLabel, Time } from './format.tsx';
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
  const option = (value: string, label: string, current: string) => (
    <option key={value} value={value} selected={value === current}>
      {label}
    </option>
  );
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
        <div class="field">
          <label for="f-art">{t('events.field.kind')}</label>
          <select id="f-art" name="art">
            {option('', t('events.filter.all'), filters.art)}
            {EVENT_KINDS.map((k) => option(k, kindLabel(t, k), filters.art))}
          </select>
        </div>
        {props.municipalities.length > 0 && (
          <div class="field">
            <label for="f-kommune">{t('events.field.municipality')}</label>
            <select id="f-kommune" name="kommune">
              {option('', t('events.filter.all'), filters.kommune)}
              {props.municipalities.map((m) => option(m.id, m.name, filters.kommune))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="f-feld">{t('events.field.fields')}</label>
          <select id="f-feld" name="feld">
            {option('', t('events.filter.all'), filters.feld)}
            {FIELDS.map((f) => option(f, fieldLabel(locale, f), filters.feld))}
          </select>
        </div>
        <div class="field">
          <label for="f-format">{t('events.field.mode')}</label>
          <select id="f-format" name="format">
            {option('', t('events.filter.all'), filters.format)}
            {option('vor-ort', t('events.mode.onsite'), filters.format)}
            {option('online', t('events.mode.online'), filters.format)}
          </select>
        </div>
        <div class="field">
          <label for="f-ansicht">{t('events.view.label')}</label>
          <select id="f-ansicht" name="ansicht">
            {option('liste', t('events.view.list'), filters.ansicht)}
            {option('monat', t('events.view.month'), filters.ansicht)}
          </select>
        </div>
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
