import type { ExportColumn } from '../../platform/http/export.ts';
import type { Locale, T } from '../../platform/i18n/index.ts';
import { FIELD_LABELS_DE, FIELD_LABELS_EN } from '../../platform/vocabulary.ts';
import { PLACEMENT_STATUSES } from '../placements/index.ts';
import type { OverviewView } from './policy.ts';
import type { OverviewFigures } from './queries.ts';

/** Counts of people below this are shown as "< 5" in the public view. */
export const SMALL_COUNT = 5;

/** A cell that stands for a count of people too small to show. */
export const MASKED = Object.freeze({ masked: true as const });
export type Cell = string | number | null | typeof MASKED;

/** A table's column is a column of its exports. */
export type Column = ExportColumn;

/** One table of the page: shown in HTML, exported as CSV and XLSX, printed in the PDF. */
export interface DataTable {
  /** The file name of its exports. */
  name: TableName;
  caption: string;
  columns: Column[];
  rows: Cell[][];
  /** A last row that sums up the others (shown in bold). */
  footer?: Cell[];
  /** Why a figure is missing, said below the table (e.g. a median from too few answers). */
  notes?: string[];
}

export const TABLE_NAMES = ['kennzahlen', 'vermittlungen', 'verlauf', 'kommunen', 'bedarf'] as const;
export type TableName = (typeof TABLE_NAMES)[number];
/** Tables that only the internal view has. */
export const INTERNAL_TABLES: readonly TableName[] = ['bedarf'];

export function isMasked(cell: Cell): cell is typeof MASKED {
  return typeof cell === 'object' && cell !== null;
}

/** A count of people as the view may show it. */
export function people(count: number, view: OverviewView): number | typeof MASKED {
  return view === 'public' && count < SMALL_COUNT ? MASKED : count;
}

export function fieldName(locale: Locale, field: string): string {
  const labels = locale === 'de' ? FIELD_LABELS_DE : FIELD_LABELS_EN;
  return labels[field as keyof typeof labels] ?? field;
}

/** Median response time as shown: public only from five answered inquiries on, so no single answer shows. */
export function shownMedianHours(figures: OverviewFigures, view: OverviewView): number | null {
  if (figures.response.medianHours === null) return null;
  if (view === 'public' && figures.response.answered < SMALL_COUNT) return null;
  return figures.response.medianHours;
}

export interface Tables {
  kennzahlen: DataTable;
  vermittlungen: DataTable;
  verlauf: DataTable;
  kommunen: DataTable;
  bedarf?: DataTable;
}

/** Every table of the overview, masked for the public view. */
export function overviewTables(
  figures: OverviewFigures,
  view: OverviewView,
  t: T,
  locale: Locale,
  options: { showNetwork: boolean },
): Tables {
  const keyRows: Cell[][] = [
    [t('overview.figure.publishedOffers'), figures.publishedOffers],
    [t('overview.figure.organisations'), figures.verifiedOrganisations],
    [t('overview.figure.volunteers'), people(figures.volunteers, view)],
    [t('overview.figure.placements'), people(figures.placementsTotal, view)],
    [t('overview.figure.medianResponse'), roundTo(shownMedianHours(figures, view), 1)],
  ];
  if (view === 'internal') keyRows.push([t('overview.figure.openNeeds'), figures.openNeeds]);

  const tables: Tables = {
    kennzahlen: {
      name: 'kennzahlen',
      caption: t('overview.figures.heading'),
      columns: [{ label: t('overview.figure') }, { label: t('overview.value'), numeric: true, decimals: 1 }],
      rows: keyRows,
      ...(view === 'public' && figures.response.medianHours !== null && shownMedianHours(figures, view) === null
        ? { notes: [t('overview.response.hidden')] }
        : {}),
    },
    vermittlungen: {
      name: 'vermittlungen',
      caption: t('overview.placements.caption'),
      columns: [{ label: t('overview.placements.status') }, { label: t('overview.placements.count'), numeric: true }],
      rows: PLACEMENT_STATUSES.map((status) => [t(`placements.status.${status}`), people(figures.placementsByStatus[status], view)]),
      footer: [t('overview.placements.total'), people(figures.placementsTotal, view)],
    },
    verlauf: {
      name: 'verlauf',
      caption: t('overview.trend.caption'),
      columns: [
        { label: t('overview.trend.month') },
        { label: t('overview.trend.newOffers'), numeric: true },
        { label: t('overview.trend.newPlacements'), numeric: true },
        { label: t('overview.trend.placed'), numeric: true },
      ],
      rows: figures.trend.map((m) => [m.month, m.newOffers, people(m.newPlacements, view), people(m.placed, view)]),
    },
    kommunen: {
      name: 'kommunen',
      caption: t('overview.map.caption'),
      columns: [
        { label: t('overview.municipality') },
        ...(options.showNetwork ? [{ label: t('overview.network') }] : []),
        { label: t('overview.inhabitants'), numeric: true },
        { label: t('overview.offers'), numeric: true },
        { label: t('overview.per1000'), numeric: true, decimals: 2 },
      ],
      rows: figures.municipalities.map((m) => [
        m.name,
        ...(options.showNetwork ? [m.networkName] : []),
        m.inhabitants,
        m.publishedOffers,
        roundTo(m.offersPer1000, 2),
      ]),
    },
  };
  if (view === 'internal') {
    tables.bedarf = {
      name: 'bedarf',
      caption: t('overview.unmet.caption'),
      columns: [
        { label: t('overview.unmet.field') },
        { label: t('overview.unmet.open'), numeric: true },
        { label: t('overview.unmet.unmet'), numeric: true },
      ],
      rows: figures.unmetNeeds.map((u) => [fieldName(locale, u.field), u.open, u.unmet]),
      footer: [
        t('overview.placements.total'),
        figures.unmetNeeds.reduce((sum, u) => sum + u.open, 0),
        figures.unmetNeeds.reduce((sum, u) => sum + u.unmet, 0),
      ],
    };
  }
  return tables;
}

export function roundTo(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/*
 * Intl formatters are made once per kind and kept: making one costs tens of microseconds, and a page
 * of a large network formats a few thousand cells (making them per cell was most of its render time).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const monthFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, maximum: number, minimum: number): Intl.NumberFormat {
  const key = `${locale}:${maximum}:${minimum}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: maximum, minimumFractionDigits: minimum });
    numberFormats.set(key, format);
  }
  return format;
}

/** A cell as text for people: numbers in the reader's format, "< 5", "–" for nothing. */
export function cellText(cell: Cell, column: Column, t: T, locale: Locale): string {
  if (cell === null) return t('overview.none');
  if (isMasked(cell)) return t('overview.masked');
  if (typeof cell === 'number') {
    const decimals = column.decimals ?? 0;
    return numberFormat(locale, decimals, decimals && !Number.isInteger(cell) ? decimals : 0).format(cell);
  }
  return cell;
}

/** A month as German or English readers write it: "März 2025". */
export function monthName(month: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const [year = '2000', m = '1'] = month.split('-');
  const date = new Date(Date.UTC(Number(year), Number(m) - 1, 15));
  const key = `${locale}:${style}`;
  let format = monthFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { month: style, year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(key, format);
  }
  return format.format(date);
}
