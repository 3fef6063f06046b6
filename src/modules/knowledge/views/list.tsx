import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import { SelectField } from '../../../platform/ui/field.tsx';
import type { EntryListItem } from '../queries.ts';
import { ENTRY_KINDS, THEMES, type EntryKind, type EntryStatus } from '../schema.ts';
import { kindLabel, statusLabel, themeLabel, visibilityLabel } from './labels.ts';

export interface KnowledgeListProps {
  t: T;
  locale: Locale;
  networkName: string;
  base: string;
  items: EntryListItem[];
  total: number;
  filters: { q: string; art: string; thema: string; schlagwort: string };
  tags: string[];
  canContribute: boolean;
  unpublished: Array<{ id: string; title: string; status: EntryStatus; kind: EntryKind; updatedAt: Date }>;
  page: { number: number; pages: number; href: (page: number) => string };
}

export function KnowledgeListPage(props: KnowledgeListProps) {
  const { t, locale, filters } = props;
  const all = t('knowledge.filter.all');
  return (
    <>
      <h1>{t('knowledge.list.title', { network: props.networkName })}</h1>
      <p>{t('knowledge.list.intro')}</p>
      {props.canContribute && (
        <p>
          <a class="button" href={`${props.base}/neu`}>
            {t('knowledge.new.link')}
          </a>
        </p>
      )}
      {props.unpublished.length > 0 && (
        <section aria-labelledby="entwuerfe">
          <h2 id="entwuerfe">{t('knowledge.unpublished.heading')}</h2>
          <ul>
            {props.unpublished.map((e) => (
              <li key={e.id}>
                <a href={`${props.base}/${e.id}`}>{e.title}</a> <span class="meta">({kindLabel(t, e.kind)}, {statusLabel(t, e.status)}, {formatDateTime(locale, e.updatedAt)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form method="get" action={props.base} class="filters" role="search" aria-label={t('knowledge.search.label')}>
        <div class="field">
          <label for="f-q">{t('knowledge.search.words')}</label>
          <input id="f-q" type="search" name="q" value={filters.q} maxLength={200} />
        </div>
        <SelectField name="art" label={t('knowledge.field.kind')} placeholder={all} options={ENTRY_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} value={filters.art} />
        <SelectField name="thema" label={t('knowledge.field.theme')} placeholder={all} options={THEMES.map((th) => ({ value: th, label: themeLabel(t, th) }))} value={filters.thema} />
        {filters.schlagwort && <input type="hidden" name="schlagwort" value={filters.schlagwort} />}
        <button type="submit">{t('knowledge.search.submit')}</button>
      </form>
      {props.tags.length > 0 && (
        <nav aria-label={t('knowledge.tags.label')} class="tags">
          <ul class="inline-list">
            {props.tags.map((tag) => (
              <li key={tag}>
                <a href={`${props.base}?schlagwort=${encodeURIComponent(tag)}`} aria-current={tag === filters.schlagwort ? 'page' : undefined}>
                  #{tag}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <section aria-labelledby="treffer">
        <h2 id="treffer">{filters.q ? t('knowledge.search.results', { q: filters.q }) : t('knowledge.list.entries')}</h2>
        <p class="meta" role="status">
          {t('knowledge.list.count', { count: props.total })}
        </p>
        {props.items.length === 0 ? (
          <p>{t('knowledge.list.none')}</p>
        ) : (
          <ul class="cards">
            {props.items.map((e) => (
              <li class="card" key={e.id}>
                <h3>
                  <a href={`${props.base}/${e.id}`}>{e.title}</a>
                </h3>
                <p class="meta">
                  {[kindLabel(t, e.kind), e.theme ? themeLabel(t, e.theme) : null, e.visibility === 'members' ? visibilityLabel(t, 'members') : null]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {e.snippet ? <p>{e.snippet}</p> : e.summary && <p>{e.summary}</p>}
              </li>
            ))}
          </ul>
        )}
        {props.page.pages > 1 && (
          <nav aria-label={t('knowledge.pages')}>
            <p>
              {props.page.number > 1 && <a href={props.page.href(props.page.number - 1)}>{t('knowledge.page.previous')}</a>}{' '}
              {t('knowledge.page.of', { page: props.page.number, pages: props.page.pages })}{' '}
              {props.page.number < props.page.pages && <a href={props.page.href(props.page.number + 1)}>{t('knowledge.page.next')}</a>}
            </p>
          </nav>
        )}
      </section>
    </>
  );
}
