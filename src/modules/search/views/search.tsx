import { formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import { CsrfField } from '../../../platform/ui/form.tsx';
import { Pagination } from '../../../platform/ui/pagination.tsx';
import { fieldLabel, GROUP_VALUES, valueLabel } from '../labels.ts';
import { MAX_PAGE, RADIUS_CHOICES, SORTS, toQuery, toQueryString, type FacetGroup, type SearchParams } from '../params.ts';
import type { OfferHit, SearchResult } from '../queries.ts';
import { snippetParts } from '../text.ts';

type Names = { municipalities: Map<string, string>; networks: Array<{ id: string; slug: string; name: string }> };

export interface SearchPageProps {
  t: T;
  locale: Locale;
  title: string;
  /** Where the form sends to: /angebote or /netzwerk/:slug/angebote. */
  action: string;
  params: SearchParams;
  result: SearchResult;
  names: Names;
  /** Messages about parameters that could not be used. */
  problems: string[];
  fixedNetwork: boolean;
  save: { signedIn: boolean; csrfToken: string };
}

/** Shown municipalities when many have offers: the biggest ones, plus every one chosen. */
const MAX_MUNICIPALITIES = 25;

export function linkTo(action: string, params: SearchParams, changes: Partial<SearchParams>, fixedNetwork: boolean): string {
  const query = toQuery(params, changes);
  if (fixedNetwork) delete query.netzwerk;
  const text = toQueryString(query);
  return text ? `${action}?${text}` : action;
}

export function SearchPage(props: SearchPageProps) {
  const { t, params, action } = props;
  const active = activeFilterCount(params, props.fixedNetwork);
  const ran = params.words.length > 0 || params.place !== undefined || params.position !== undefined;
  // After a search, a phone shows the examples only to screen readers, so that the first hits are on the first screen (search.css).
  const example = ran ? 'hint hint--example' : 'hint';
  return (
    <>
      <link rel="stylesheet" href="/static/search.css" />
      <script src="/static/search.js" defer />
      <h1>{props.title}</h1>
      <form id="suche" class="search" method="get" action={action} role="search" aria-label={props.title}>
        <div class="search-bar">
          <div class="field search-q">
            <label for="f-q">{t('search.q')}</label>
            <p class={example} id="f-q-hint">
              {t('search.qHint')}
            </p>
            <input type="search" id="f-q" name="q" value={params.text} maxLength={200} aria-describedby="f-q-hint" />
          </div>
          <div class="field search-place">
            <label for="f-ort">{t('search.place')}</label>
            <p class={params.position && !params.place ? 'hint' : example} id="f-ort-hint">
              {params.position && !params.place ? t('search.positionUsed') : t('search.placeHint')}
            </p>
            <input type="text" id="f-ort" name="ort" value={params.place ?? ''} maxLength={100} aria-describedby="f-ort-hint" autoComplete="address-level2" />
            <input type="hidden" name="lat" id="f-lat" value={params.position && !params.place ? String(params.position.lat) : ''} />
            <input type="hidden" name="lng" id="f-lng" value={params.position && !params.place ? String(params.position.lng) : ''} />
            <button type="button" class="link-button" id="standort" hidden data-failed={t('search.positionFailed')}>
              {t('search.myPosition')}
            </button>
          </div>
          <div class="field search-radius">
            <label for="f-umkreis">{t('search.radius')}</label>
            <p class={example} id="f-umkreis-hint">
              {t('search.radiusHint')}
            </p>
            <select id="f-umkreis" name="umkreis" aria-describedby="f-umkreis-hint">
              <option value="">{t('search.radiusAny')}</option>
              {radiusChoices(params.radiusKm).map((km) => (
                <option key={km} value={String(km)} selected={params.radiusKm === km}>
                  {t('search.radiusKm', { km })}
                </option>
              ))}
            </select>
          </div>
          <div class="search-submit">
            <button type="submit">{t('search.submit')}</button>
          </div>
        </div>
        {/* Results come first, so that on a phone the count and the first hits are on the first screen; wide screens put the filters beside them (search.css). */}
        <div class="search-body">
          <Results {...props} active={active} />
          <details class="search-filters" id="filter" open={active > 0}>
            <summary>
              {t('search.filters')}
              {active > 0 && <span class="meta"> ({t('search.activeFilters', { count: active })})</span>}
            </summary>
            <Filters {...props} />
            <div class="actions">
              <button type="submit" class="secondary js-hide">
                {t('search.apply')}
              </button>
              <a href={action}>{t('search.reset')}</a>
            </div>
            {/* Where a filter is ticked, the new count shows at once; on a phone it stays in view and leads back up to the hits. */}
            <p class="filter-result">
              <a href="#ergebnisse" id="filter-treffer">
                {t('search.showResults', { count: countText(t, props.locale, props.result) })}
              </a>
            </p>
          </details>
        </div>
      </form>
      <SaveSearch {...props} />
    </>
  );
}

function radiusChoices(current: number | undefined): number[] {
  const choices: number[] = [...RADIUS_CHOICES];
  if (current !== undefined && !choices.includes(current)) choices.push(current);
  return choices.sort((a, b) => a - b);
}

function activeFilterCount(p: SearchParams, fixedNetwork: boolean): number {
  return (
    (p.network && !fixedNetwork ? 1 : 0) +
    p.fields.length +
    p.targetGroups.length +
    p.municipalityIds.length +
    p.commitments.length +
    p.weekdays.length +
    p.timesOfDay.length +
    p.suitability.length +
    (p.remoteOnly ? 1 : 0)
  );
}

function selectedIn(p: SearchParams, group: FacetGroup): string[] {
  switch (group) {
    case 'feld':
      return p.fields;
    case 'zielgruppe':
      return p.targetGroups;
    case 'kommune':
      return p.municipalityIds;
    case 'einsatz':
      return p.commitments;
    case 'wochentag':
      return p.weekdays.map(String);
    case 'tageszeit':
      return p.timesOfDay;
    case 'geeignet':
      return p.suitability;
    case 'remote':
      return p.remoteOnly ? ['true'] : [];
    case 'netzwerk':
      return p.network ? [p.network] : [];
  }
}

function Filters({ t, locale, params, result, names, fixedNetwork }: SearchPageProps) {
  const counts = (group: FacetGroup) => new Map(result.facets[group].map((f) => [f.value, f.count]));
  // Where too many offers match to count them all, every value is offered, without a number.
  const count = (group: FacetGroup, value: number) =>
    result.facetsExact[group] ? (
      <>
        {' '}
        <span class="count">({formatNumber(locale, value)})</span>
      </>
    ) : null;
  const groups: FacetGroup[] = ['feld', 'zielgruppe', 'kommune', 'einsatz', 'wochentag', 'tageszeit', 'geeignet'];
  const remoteCount = counts('remote').get('true') ?? 0;
  return (
    <div class="filter-groups">
      {!fixedNetwork && names.networks.length > 1 && (
        <fieldset>
          <legend>{t('search.group.netzwerk')}</legend>
          <div class="checkbox">
            <input type="radio" id="f-netzwerk-alle" name="netzwerk" value="" checked={!params.network} />
            <label for="f-netzwerk-alle">{t('search.allNetworks')}</label>
          </div>
          {names.networks.map((n) => {
            const found = counts('netzwerk').get(n.id) ?? 0;
            return (
              <div class="checkbox" key={n.id}>
                <input type="radio" id={`f-netzwerk-${n.slug}`} name="netzwerk" value={n.slug} checked={params.network === n.slug} />
                <label for={`f-netzwerk-${n.slug}`}>
                  {n.name}
                  {count('netzwerk', found)}
                </label>
              </div>
            );
          })}
        </fieldset>
      )}
      {groups.map((group) => {
        const found = counts(group);
        const selected = selectedIn(params, group);
        const exact = result.facetsExact[group];
        let values = (GROUP_VALUES[group] ?? [...found.keys()]).filter((v) => !exact || (found.get(v) ?? 0) > 0 || selected.includes(v));
        if (group === 'kommune') {
          for (const id of selected) if (!values.includes(id)) values.push(id);
          if (values.length > MAX_MUNICIPALITIES) {
            const biggest = [...values].sort((a, b) => (found.get(b) ?? 0) - (found.get(a) ?? 0)).slice(0, MAX_MUNICIPALITIES);
            values = values.filter((v) => biggest.includes(v) || selected.includes(v));
          }
          values.sort((a, b) => valueLabel(t, locale, group, a, names).localeCompare(valueLabel(t, locale, group, b, names), 'de'));
        }
        if (values.length === 0) return null;
        return (
          <fieldset key={group}>
            <legend>{t(`search.group.${group}`)}</legend>
            {values.map((value) => {
              const id = `f-${group}-${value}`;
              return (
                <div class="checkbox" key={value}>
                  <input type="checkbox" id={id} name={group} value={value} checked={selected.includes(value)} />
                  <label for={id}>
                    {valueLabel(t, locale, group, value, names)}
                    {count(group, found.get(value) ?? 0)}
                  </label>
                </div>
              );
            })}
          </fieldset>
        );
      })}
      {(remoteCount > 0 || params.remoteOnly || !result.facetsExact.remote) && (
        <fieldset>
          <legend>{t('search.group.remote')}</legend>
          <div class="checkbox">
            <input type="checkbox" id="f-remote" name="remote" value="true" checked={params.remoteOnly} />
            <label for="f-remote">
              {t('search.remoteOnly')}
              {count('remote', remoteCount)}
            </label>
          </div>
        </fieldset>
      )}
    </div>
  );
}

function countText(t: T, locale: Locale, result: SearchResult): string {
  const count = !result.totalExact
    ? t('search.count.more', { count: formatNumber(locale, result.total) })
    : result.total === 0
      ? t('search.count.none')
      : result.total === 1
        ? t('search.count.one')
        : t('search.count.many', { count: formatNumber(locale, result.total) });
  if (result.total === 0 || !result.position?.label) return count;
  const around =
    result.radiusKm !== undefined
      ? t('search.count.around', { km: result.radiusKm, place: result.position.label })
      : t('search.count.near', { place: result.position.label });
  return `${count} ${around}`;
}

function Results(props: SearchPageProps & { active: number }) {
  const { t, locale, params, result, action, fixedNetwork } = props;
  // Pages end at MAX_PAGE, however many offers match (the filters narrow further).
  const pages = Math.min(MAX_PAGE, Math.max(1, Math.ceil(result.total / result.perPage)));
  const sorts = SORTS.filter((s) => s !== 'entfernung' || result.position);
  return (
    <section class="search-results" id="ergebnisse" aria-labelledby="ergebnisse-titel">
      {/* The count below says what the heading would; the heading stays for those who move from heading to heading. */}
      <h2 id="ergebnisse-titel" class="visually-hidden">
        {t('search.results')}
      </h2>
      <p role="status" id="trefferzahl" class="result-count">
        {countText(t, locale, result)}
      </p>
      <p class="filter-jump">
        <a href="#filter">{props.active > 0 ? t('search.filterJumpActive', { count: props.active }) : t('search.filterJump')}</a>
      </p>
      {!result.totalExact && <p class="meta">{t('search.count.capped', { count: formatNumber(locale, result.total) })}</p>}
      {props.problems.length > 0 && (
        <div class="notice" id="hinweise">
          <p>{t('search.notUsed')}</p>
          <ul>
            {props.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {result.mode === 'similar' && result.total > 0 && <p class="notice">{t('search.similar', { q: params.text })}</p>}
      {result.partial && <p class="notice">{t('search.partial')}</p>}
      {result.suggestion && (
        <p class="did-you-mean">
          {t('search.didYouMean')}{' '}
          <a href={linkTo(action, params, { text: result.suggestion, words: [], page: 1 }, fixedNetwork)}>{result.suggestion}</a>?
        </p>
      )}
      {result.total === 0 && <p>{t('search.noneHint')}</p>}
      {result.total > 1 && (
        <div class="sort-bar">
          <label for="f-sort">{t('search.sort')}</label>{' '}
          <select id="f-sort" name="sort">
            {/* The sort the search chose itself is sent empty, so that a new search (words typed, a place) chooses again. */}
            {sorts.map((s) => (
              <option key={s} value={s === result.sort && !params.sort ? '' : s} selected={result.sort === s}>
                {t(`search.sort.${s}`)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="secondary js-hide">
            {t('search.sortApply')}
          </button>
        </div>
      )}
      {result.items.length > 0 && (
        <ol class="hits" start={(result.page - 1) * result.perPage + 1}>
          {result.items.map((hit) => (
            <Hit key={hit.id} t={t} locale={locale} hit={hit} />
          ))}
        </ol>
      )}
      <Pagination
        t={t}
        page={result.page}
        pages={pages}
        label={t('search.pagination')}
        href={(page) => linkTo(action, params, { page }, fixedNetwork)}
      />
      {result.total > 0 && (
        <p>
          <a href="#speichern">{t('search.save.jump')}</a>
        </p>
      )}
    </section>
  );
}

export function distanceText(t: T, locale: Locale, km: number): string {
  if (km < 1) return t('search.distanceNear');
  return t('search.distance', { km: formatNumber(locale, Math.round(km)) });
}

function Hit({ t, locale, hit }: { t: T; locale: Locale; hit: OfferHit }) {
  const where = hit.municipality?.name ?? hit.place;
  const meta = [
    hit.organisation.name,
    where,
    fieldLabel(locale, hit.field),
    t(`search.commitment.${hit.commitment}`),
    hit.remote ? t('search.remote') : hit.distanceKm !== null ? distanceText(t, locale, hit.distanceKm) : '',
  ].filter(Boolean);
  return (
    <li class="hit">
      <h3>
        <a href={`/angebote/${hit.id}`}>{hit.title}</a>
      </h3>
      <p class="meta">{meta.join(' · ')}</p>
      {hit.partial && <p class="partial">{t('search.partialHit')}</p>}
      {hit.snippet && (
        <p class="snippet">
          {snippetParts(hit.snippet).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}
        </p>
      )}
    </li>
  );
}

function SaveSearch({ t, params, save, fixedNetwork, action }: SearchPageProps) {
  const query = toQuery(params, { page: 1 });
  const here = linkTo(action, params, {}, fixedNetwork);
  const defaultName = params.text || params.place || t('search.save.defaultName');
  return (
    <section id="speichern" class="save-search" aria-labelledby="speichern-titel">
      <h2 id="speichern-titel">{t('search.save.heading')}</h2>
      {save.signedIn ? (
        <form method="post" action="/angebote/suche-speichern" class="stack">
          <CsrfField token={save.csrfToken} />
          <input type="hidden" name="suche" value={toQueryString(query)} />
          <div class="field">
            <label for="f-name">{t('search.save.name')}</label>
            <p class="hint" id="f-name-hint">
              {t('search.save.hint')}
            </p>
            <input type="text" id="f-name" name="name" value={defaultName.slice(0, 120)} maxLength={120} required aria-describedby="f-name-hint" />
          </div>
          <button type="submit">{t('search.save.submit')}</button>
        </form>
      ) : (
        <p>
          {t('search.save.login')} <a href={`/anmelden?weiter=${encodeURIComponent(here)}`}>{t('search.save.loginLink')}</a>
        </p>
      )}
    </section>
  );
}
