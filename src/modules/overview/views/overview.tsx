import type { ComponentChildren } from 'preact';
import type { Locale, T } from '../../../platform/i18n/index.ts';
import { barChart, choropleth, lineChart, SHADES, NO_DATA_COLOR, type Scene } from '../charts.ts';
import type { OverviewView } from '../policy.ts';
import { cellText, isMasked, monthName, type Cell, type DataTable, type Tables } from '../present.ts';
import type { MunicipalityChoice, MunicipalityFigures } from '../queries.ts';
import { UNMET_REACH_KM } from '../queries.ts';
import type { Period } from '../params.ts';
import { SvgScene } from './svg.tsx';
import { DataTable as KitTable, type Column } from '../../../platform/ui/table.tsx';

/** Where Leaflet's files are served (routes.tsx), loaded by overview-map.js on demand. */
export const LEAFLET_PREFIX = '/ueberblick/leaflet/';

export interface OverviewPageProps {
  t: T;
  locale: Locale;
  title: string;
  /** The page's own address without query, where the filter form sends to. */
  action: string;
  view: OverviewView;
  /** Submitted filter values, kept in the form. */
  values: { von: string; bis: string; kommune: string };
  period: Period;
  municipalityName: string | null;
  choices: MunicipalityChoice[];
  /** One network's page, or the overview across networks. */
  network: { slug: string; name: string } | null;
  tables: Tables | null;
  municipalities: MunicipalityFigures[];
  selectedMunicipalityId: string | null;
  /** The query string of the current filters, for export links. */
  queryString: string;
  /** Filter problems: field → message. */
  errors: Record<string, string>;
  /** Municipalities where this person would see the internal view. */
  contactChoices: MunicipalityChoice[];
  networks: Array<{ slug: string; name: string }>;
}

export function OverviewPage(props: OverviewPageProps) {
  const { t, locale, tables } = props;
  return (
    <>
      <link rel="stylesheet" href="/static/overview.css" />
      <div class="overview">
        <h1>{props.title}</h1>
        <p class="lead">{t('overview.intro')}</p>
        <FilterForm {...props} />
        {tables && (
          <>
            <p class="overview-scope">
              <strong>{t('overview.period', { from: monthName(props.period.from, locale), to: monthName(props.period.to, locale) })}</strong>
              {props.municipalityName && (
                <>
                  {' · '}
                  <strong>{t('overview.scopeMunicipality', { name: props.municipalityName })}</strong>
                </>
              )}
            </p>
            <ViewNotice {...props} />
            <KeyFigures t={t} locale={locale} table={tables.kennzahlen} queryString={props.queryString} action={props.action} />
            <PlacementsSection {...props} table={tables.vermittlungen} />
            <TrendSection {...props} table={tables.verlauf} />
            <MapSection {...props} table={tables.kommunen} />
            {tables.bedarf && <UnmetSection {...props} table={tables.bedarf} />}
            <Downloads {...props} />
          </>
        )}
      </div>
    </>
  );
}

function FilterForm(props: OverviewPageProps) {
  const { t, errors } = props;
  const entries = Object.entries(errors);
  const labels: Record<string, string> = {
    von: t('overview.filter.from'),
    bis: t('overview.filter.to'),
    kommune: t('overview.filter.municipality'),
  };
  const byNetwork = new Map<string, MunicipalityChoice[]>();
  for (const c of props.choices) byNetwork.set(c.networkName, [...(byNetwork.get(c.networkName) ?? []), c]);
  const monthField = (name: 'von' | 'bis') => {
    const id = `f-${name}`;
    const error = errors[name];
    return (
      <div class={error ? 'field field--error' : 'field'}>
        <label for={id}>{labels[name]}</label>
        <p class="hint" id={`${id}-hint`}>
          {t('overview.filter.monthHint')}
        </p>
        {error && (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
        <input
          type="month"
          id={id}
          name={name}
          value={props.values[name]}
          min="2000-01"
          max="2099-12"
          pattern="20[0-9]{2}-(0[1-9]|1[0-2])"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
      </div>
    );
  };
  return (
    <form class="overview-filter" method="get" action={props.action} aria-labelledby="filter-heading">
      <h2 id="filter-heading">{t('overview.filter.heading')}</h2>
      {entries.length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1} id="fehler">
          <p>{t('overview.invalid.heading')}</p>
          <ul>
            {entries.map(([field, message]) => (
              <li key={field}>
                <a href={`#f-${field}`}>
                  {labels[field] ?? field}: {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="overview-filter-fields">
        {monthField('von')}
        {monthField('bis')}
        <div class={errors.kommune ? 'field field--error' : 'field'}>
          <label for="f-kommune">{labels.kommune}</label>
          {errors.kommune && (
            <p class="field-error" id="f-kommune-error">
              {errors.kommune}
            </p>
          )}
          <select
            id="f-kommune"
            name="kommune"
            aria-invalid={errors.kommune ? 'true' : undefined}
            aria-describedby={errors.kommune ? 'f-kommune-error' : undefined}
          >
            <option value="">{t('overview.filter.allMunicipalities')}</option>
            {props.network
              ? props.choices.map((c) => (
                  <option key={c.id} value={c.id} selected={props.values.kommune === c.id}>
                    {c.name}
                  </option>
                ))
              : [...byNetwork].map(([name, list]) => (
                  <optgroup key={name} label={name}>
                    {list.map((c) => (
                      <option key={c.id} value={c.id} selected={props.values.kommune === c.id}>
                        {c.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
          </select>
        </div>
        <div class="overview-filter-submit">
          <button type="submit">{t('overview.filter.submit')}</button>
        </div>
      </div>
    </form>
  );
}

function ViewNotice(props: OverviewPageProps) {
  const { t } = props;
  return (
    <div class={`notice overview-view overview-view--${props.view}`} role="note">
      <p>{props.view === 'internal' ? t('overview.view.internal') : t('overview.view.public')}</p>
      {props.view === 'public' && props.contactChoices.length > 0 && (
        <p>
          {t('overview.view.contactHint')}{' '}
          {props.contactChoices.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ', '}
              <a href={`${props.action}?kommune=${c.id}&von=${props.period.from}&bis=${props.period.to}`}>{c.name}</a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** An id for a table from its caption, where the page gives none. */
function tableId(caption: string): string {
  return `tabelle-${caption.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/**
 * A figures table from the kit: caption, row headers, numbers right-aligned, "< 5" spelled out for screen
 * readers by the notice above. Up to four columns stay a grid on a phone (numbers read best side by side);
 * wider tables become cards.
 */
export function TableView({ table, t, locale, id }: { table: DataTable; t: T; locale: Locale; id?: string }) {
  const columns: Array<Column<Cell[]>> = table.columns.map((column, i) => ({
    label: column.label,
    numeric: column.numeric ?? false,
    rowHeader: i === 0,
    cell: (row) => cellText(row[i] ?? null, column, t, locale),
    cellClass: (row) => (isMasked(row[i] ?? null) ? 'masked' : undefined),
  }));
  return (
    <KitTable
      id={id ?? tableId(table.caption)}
      caption={table.caption}
      class="figures"
      columns={columns}
      rows={table.rows}
      footer={table.footer ?? undefined}
      stack={table.columns.length > 4}
    />
  );
}

function ExportLinks({ action, name, queryString, t }: { action: string; name: string; queryString: string; t: T }) {
  const q = queryString ? `?${queryString}` : '';
  return (
    <p class="export-links">
      {t('overview.downloads.table')} <a href={`${action}/export/${name}.csv${q}`}>CSV</a> ·{' '}
      <a href={`${action}/export/${name}.xlsx${q}`}>Excel (XLSX)</a>
    </p>
  );
}

function ChartWithTable(props: { chart: ComponentChildren; table: ComponentChildren; caption?: string }) {
  return (
    <div class="chart-table">
      <figure class="chart-figure">
        {props.chart}
        {props.caption && <figcaption class="meta">{props.caption}</figcaption>}
      </figure>
      <div class="chart-numbers">{props.table}</div>
    </div>
  );
}

function KeyFigures({ t, locale, table, queryString, action }: { t: T; locale: Locale; table: DataTable; queryString: string; action: string }) {
  return (
    <section aria-labelledby="kennzahlen">
      <h2 id="kennzahlen">{t('overview.figures.heading')}</h2>
      <ul class="key-figures">
        {table.rows.map((row, i) => (
          <li key={i}>
            <span class="key-value">{cellText(row[1] ?? null, table.columns[1] ?? { label: '' }, t, locale)}</span>
            <span class="key-label">{String(row[0])}</span>
          </li>
        ))}
      </ul>
      <p class="meta">{t('overview.figure.note')}</p>
      {table.notes?.map((note) => (
        <p class="meta">{note}</p>
      ))}
      <details class="key-table">
        <summary>{t('overview.asTable')}</summary>
        <TableView table={table} t={t} locale={locale} />
      </details>
      <ExportLinks action={action} name="kennzahlen" queryString={queryString} t={t} />
    </section>
  );
}

function numberOrNull(cell: Cell | undefined): number | null {
  return typeof cell === 'number' ? cell : null;
}

export function placementsScene(table: DataTable, t: T, locale: Locale, narrow = false): Scene {
  return barChart(
    table.rows.map((row) => ({
      label: String(row[0]),
      value: numberOrNull(row[1]),
      valueText: cellText(row[1] ?? null, table.columns[1] ?? { label: '' }, t, locale),
    })),
    narrow ? { width: 360 } : {},
  );
}

function PlacementsSection(props: OverviewPageProps & { table: DataTable }) {
  const { t, locale, table } = props;
  return (
    <section aria-labelledby="vermittlungen">
      <h2 id="vermittlungen">{t('overview.placements.heading')}</h2>
      <ChartWithTable
        chart={
          <>
            <SvgScene scene={placementsScene(table, t, locale)} id="chart-placements" title={table.caption} desc={t('overview.chart.bars', { title: table.caption })} className="chart chart-wide-screen" />
            <SvgScene scene={placementsScene(table, t, locale, true)} id="chart-placements-narrow" title={table.caption} desc={t('overview.chart.bars', { title: table.caption })} className="chart chart-narrow-screen" />
          </>
        }
        table={<TableView table={table} t={t} locale={locale} />}
      />
      <ExportLinks action={props.action} name="vermittlungen" queryString={props.queryString} t={t} />
    </section>
  );
}

/** The trend as lines; `narrow` draws it for a phone's width, so its text is not shrunk to a few pixels. */
export function trendScene(table: DataTable, locale: Locale, narrow = false): Scene {
  const labels = table.rows.map((row) => monthName(String(row[0]), locale, 'short'));
  return lineChart(
    labels,
    [1, 2, 3].map((col) => ({ label: table.columns[col]?.label ?? '', values: table.rows.map((row) => numberOrNull(row[col])) })),
    narrow ? { labelEvery: 6, width: 340 } : { labelEvery: 3 },
  );
}

function TrendSection(props: OverviewPageProps & { table: DataTable }) {
  const { t, locale, table } = props;
  const anyMasked = table.rows.some((row) => row.some(isMasked));
  return (
    <section aria-labelledby="verlauf">
      <h2 id="verlauf">{t('overview.trend.heading')}</h2>
      <figure class="chart-figure chart-wide">
        {/* Two drawings of one chart: the wide one for larger screens, the narrow one (readable text) for phones; CSS shows one. */}
        <SvgScene scene={trendScene(table, locale)} id="chart-trend" title={table.caption} desc={t('overview.chart.lines', { title: table.caption })} className="chart chart-wide-screen" />
        <SvgScene scene={trendScene(table, locale, true)} id="chart-trend-narrow" title={table.caption} desc={t('overview.chart.lines', { title: table.caption })} className="chart chart-narrow-screen" />
        <figcaption class="meta">
          {t('overview.trend.note')} {anyMasked && t('overview.trend.maskedNote')}
        </figcaption>
      </figure>
      <details class="trend-table" open>
        <summary>{t('overview.asTable')}</summary>
        <TableView table={table} t={t} locale={locale} />
      </details>
      <ExportLinks action={props.action} name="verlauf" queryString={props.queryString} t={t} />
    </section>
  );
}

export function mapScene(municipalities: MunicipalityFigures[], selectedId: string | null, t: T, locale: Locale) {
  return choropleth(
    municipalities.map((m) => ({
      id: m.id,
      name: m.name,
      lat: m.lat,
      lng: m.lng,
      outline: m.outline,
      value: m.offersPer1000,
      valueText: m.offersPer1000 === null ? t('overview.map.noData') : cellText(m.offersPer1000, { label: '', decimals: 2 }, t, locale),
    })),
    { selectedId },
  );
}

function Legend({ breaks, t, locale }: { breaks: number[]; t: T; locale: Locale }) {
  const fmt = (v: number) => cellText(v, { label: '', decimals: 2 }, t, locale);
  return (
    <div class="map-legend">
      <p class="map-legend-title" id="map-legend-title">
        {t('overview.map.legend')}
      </p>
      <ul aria-labelledby="map-legend-title">
        {breaks.map((limit, i) => (
          <li key={i}>
            <svg width="22" height="16" aria-hidden="true" class="legend-swatch">
              <rect class={`map-shade${i}`} x="1" y="1" width="20" height="14" fill={SHADES[i]} stroke="#555" />
            </svg>
            {i === 0 ? `0 – ${fmt(limit)}` : `${fmt(breaks[i - 1] ?? 0)} – ${fmt(limit)}`}
          </li>
        ))}
        <li>
          <svg width="22" height="16" aria-hidden="true" class="legend-swatch">
            <rect x="1" y="1" width="20" height="14" fill={NO_DATA_COLOR} stroke="#555" stroke-dasharray="4 3" />
          </svg>
          {t('overview.map.noData')}
        </li>
      </ul>
    </div>
  );
}

function MapSection(props: OverviewPageProps & { table: DataTable }) {
  const { t, locale, table } = props;
  const approximate = props.municipalities.some((m) => (m.outline as { approximate?: boolean } | null)?.approximate);
  return (
    <section aria-labelledby="kommunen">
      <h2 id="kommunen">{t('overview.map.heading')}</h2>
      {props.network ? (
        <MapFigure {...props} approximate={approximate} />
      ) : (
        <p>
          {t('overview.map.allNetworks')}{' '}
          {props.networks.map((n, i) => (
            <span key={n.slug}>
              {i > 0 && ', '}
              <a href={`/netzwerk/${n.slug}/ueberblick`}>{n.name}</a>
            </span>
          ))}
        </p>
      )}
      <TableView table={table} t={t} locale={locale} />
      <ExportLinks action={props.action} name="kommunen" queryString={props.queryString} t={t} />
    </section>
  );
}

function MapFigure(props: OverviewPageProps & { approximate: boolean }) {
  const { t, locale } = props;
  const { scene, breaks } = mapScene(props.municipalities, props.selectedMunicipalityId, t, locale);
  const title = t('overview.map.title', { network: props.network?.name ?? '' });
  return (
    <div class="map-wrap">
      <figure class="chart-figure map-figure">
        <SvgScene scene={scene} id="map" title={title} desc={t('overview.map.desc')} className="chart map" />
        {props.approximate && <figcaption class="meta">{t('overview.map.approximate')}</figcaption>}
      </figure>
      <Legend breaks={breaks} t={t} locale={locale} />
      <InteractiveMap {...props} />
    </div>
  );
}

/**
 * With JavaScript on, a button that loads the interactive map (the same areas plus the offers as
 * grouped markers). Leaflet (about 43 KB gzip) is fetched only on that click, so the page stays
 * within its weight budget; without JavaScript the block stays hidden and the SVG map and the table
 * are the map.
 */
function InteractiveMap(props: OverviewPageProps) {
  const { t } = props;
  return (
    <>
      <script src="/static/overview-map.js" defer />
      <div
        class="map-interactive-wrap"
        id="karte-interaktiv-wrap"
        hidden
        data-source={`/netzwerk/${props.network?.slug ?? ''}/ueberblick/karte.json`}
        data-leaflet={LEAFLET_PREFIX}
        data-one={t('overview.map.offerOne')}
        data-many={t('overview.map.offerMany')}
        data-show={t('overview.map.show')}
        data-hide={t('overview.map.hide')}
        data-loading={t('overview.map.loading')}
        data-failed={t('overview.map.failed')}
        data-zoom-in={t('overview.map.zoomIn')}
        data-zoom-out={t('overview.map.zoomOut')}
      >
        <button type="button" class="secondary" id="karte-interaktiv-knopf" aria-expanded="false" aria-controls="karte-interaktiv-bereich">
          {t('overview.map.show')}
        </button>
        <p class="meta" id="karte-interaktiv-status" role="status" />
        <div id="karte-interaktiv-bereich" hidden>
          <h3 id="karte-interaktiv-titel">{t('overview.map.interactive')}</h3>
          <p class="meta" id="karte-interaktiv-hinweis">
            {t('overview.map.interactiveHint')}
          </p>
          <div id="karte-interaktiv" class="map-interactive" role="region" aria-labelledby="karte-interaktiv-titel" aria-describedby="karte-interaktiv-hinweis" />
        </div>
      </div>
    </>
  );
}

export function unmetScene(table: DataTable, t: T, locale: Locale): Scene {
  const text = (cell: Cell | undefined, i: number) => cellText(cell ?? null, table.columns[i] ?? { label: '' }, t, locale);
  return barChart(
    table.rows.map((row) => ({
      label: String(row[0]),
      value: numberOrNull(row[1]),
      part: numberOrNull(row[2]),
      valueText: `${text(row[2], 2)} / ${text(row[1], 1)}`,
    })),
    { legend: [t('overview.unmet.open'), t('overview.unmet.unmet')] },
  );
}

function UnmetSection(props: OverviewPageProps & { table: DataTable }) {
  const { t, locale, table } = props;
  return (
    <section aria-labelledby="bedarf">
      <h2 id="bedarf">{t('overview.unmet.heading')}</h2>
      <p>{t('overview.unmet.definition', { km: UNMET_REACH_KM })}</p>
      {table.rows.length === 0 ? (
        <p>{t('overview.unmet.empty')}</p>
      ) : (
        <ChartWithTable
          chart={<SvgScene scene={unmetScene(table, t, locale)} id="chart-unmet" title={table.caption} desc={t('overview.chart.bars', { title: table.caption })} />}
          caption={t('overview.unmet.chartNote')}
          table={<TableView table={table} t={t} locale={locale} />}
        />
      )}
      <ExportLinks action={props.action} name="bedarf" queryString={props.queryString} t={t} />
    </section>
  );
}

function Downloads(props: OverviewPageProps) {
  const { t } = props;
  const q = props.queryString ? `?${props.queryString}` : '';
  return (
    <section aria-labelledby="herunterladen" class="downloads">
      <h2 id="herunterladen">{t('overview.downloads.heading')}</h2>
      <ul>
        <li>
          <a href={`${props.action}/bericht.pdf${q}`}>{t('overview.downloads.report')}</a>
          <br />
          <span class="meta">{t('overview.downloads.reportHint')}</span>
        </li>
        <li>
          {t('overview.downloads.offers')}: <a href={`${props.action}/export/angebote.csv${q}`}>CSV</a> ·{' '}
          <a href={`${props.action}/export/angebote.xlsx${q}`}>Excel (XLSX)</a>
        </li>
        {props.view === 'internal' && (
          <li>
            {t('overview.downloads.placements')}: <a href={`${props.action}/export/anfragen.csv${q}`}>CSV</a> ·{' '}
            <a href={`${props.action}/export/anfragen.xlsx${q}`}>Excel (XLSX)</a>
          </li>
        )}
      </ul>
    </section>
  );
}

