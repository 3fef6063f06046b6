import type { Locale, T } from '../../../platform/i18n/index.ts';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { PlacementRow } from '../queries.ts';
import { PLACEMENT_STATUSES, type PlacementStatus } from '../schema.ts';
import { formatDuration, Time } from './format.tsx';
import { AdminNav } from '../../../platform/navigation.tsx';

function subjectOf(row: PlacementRow): string {
  return row.offerTitle ?? row.needTitle ?? '–';
}

/** The plain list for volunteers and organisations: what, where, how far along. */
export function SimpleList({
  t,
  locale,
  title,
  rows,
  empty,
  emptyLink,
}: {
  t: T;
  locale: Locale;
  title: string;
  rows: PlacementRow[];
  empty: string;
  emptyLink?: { href: string; text: string };
}) {
  return (
    <>
      <h1>{title}</h1>
      {rows.length === 0 ? (
        <EmptyState action={emptyLink && { href: emptyLink.href, label: emptyLink.text }}>{empty}</EmptyState>
      ) : (
        <DataTable
          id="vermittlungen-liste"
          caption={title}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            { label: t('placements.list.subject'), rowHeader: true, cell: (row) => <a href={`/vermittlungen/${row.id}`}>{subjectOf(row)}</a> },
            { label: t('placements.list.organisation'), cell: (row) => row.organisationName ?? '–' },
            { label: t('placements.list.status'), cell: (row) => t(`placements.status.${row.status}`) },
            { label: t('placements.list.requested'), cell: (row) => <Time locale={locale} date={row.requestedAt} /> },
            { label: t('placements.list.lastActivity'), cell: (row) => <Time locale={locale} date={row.lastActivityAt} /> },
          ]}
        />
      )}
    </>
  );
}

export interface OverviewProps {
  t: T;
  locale: Locale;
  title: string;
  /** The network office's list: shown inside the admin area with its navigation. */
  adminSlug?: string | undefined;
  action: string;
  now: Date;
  rows: PlacementRow[];
  total: number;
  answered: number;
  medianResponseSeconds: number | null;
  limit: number;
  municipalities: Array<{ id: string; name: string }>;
  filter: { status: string; municipality: string };
}

/** The office's (and guides') overview: every placement with its age and response time, and the median. */
export function Overview(props: OverviewProps) {
  const { t, locale, rows, filter } = props;
  const status = (s: PlacementStatus) => t(`placements.status.${s}`);
  return (
    <>
      <h1>{props.title}</h1>
      {props.adminSlug && <AdminNav t={t} slug={props.adminSlug} current="/vermittlungen" />}
      <form method="get" action={props.action} class="filters">
        <fieldset>
          <legend>{t('placements.list.filter')}</legend>
          <SelectField
            name="status"
            label={t('placements.list.status')}
            value={filter.status}
            options={[
              { value: 'offen', label: t('placements.list.open') },
              { value: 'alle', label: t('placements.list.all') },
              ...PLACEMENT_STATUSES.map((s) => ({ value: s, label: status(s) })),
            ]}
          />
          <SelectField
            id="f-municipality"
            name="kommune"
            label={t('placements.list.municipality')}
            value={filter.municipality}
            placeholder={t('placements.list.allMunicipalities')}
            options={props.municipalities.map((m) => ({ value: m.id, label: m.name }))}
          />
          <button type="submit">{t('placements.list.apply')}</button>
        </fieldset>
      </form>
      <p>
        {props.medianResponseSeconds === null
          ? t('placements.list.medianNone')
          : t('placements.list.median', {
              value: formatDuration(t, props.medianResponseSeconds * 1000),
              answered: props.answered,
              total: props.total,
            })}
      </p>
      {rows.length === 0 ? (
        <EmptyState>{t('placements.list.empty')}</EmptyState>
      ) : (
        <>
          <p>
            {props.total === 1 ? t('placements.list.countOne') : t('placements.list.count', { count: props.total })}
            {props.total > rows.length && <> {t('placements.list.truncated', { limit: props.limit })}</>}
          </p>
          <DataTable
            id="vermittlungen-ueberblick"
            caption={props.title}
            rows={rows}
            rowKey={(row) => row.id}
            columns={[
              { label: t('placements.list.subject'), rowHeader: true, cell: (row) => <a href={`/vermittlungen/${row.id}`}>{subjectOf(row)}</a> },
              { label: t('placements.list.organisation'), cell: (row) => row.organisationName ?? '–' },
              { label: t('placements.list.municipality'), cell: (row) => row.municipalityName ?? '–' },
              { label: t('placements.list.status'), cell: (row) => status(row.status) },
              { label: t('placements.list.requested'), cell: (row) => <Time locale={locale} date={row.requestedAt} /> },
              { label: t('placements.list.age'), cell: (row) => formatDuration(t, props.now.getTime() - row.requestedAt.getTime()) },
              {
                label: t('placements.list.response'),
                cell: (row) =>
                  row.firstResponseAt ? formatDuration(t, row.firstResponseAt.getTime() - row.requestedAt.getTime()) : t('placements.list.noResponse'),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
