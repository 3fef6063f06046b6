import type { Locale, T } from '../../../platform/i18n/index.ts';
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
        <p>
          {empty} {emptyLink && <a href={emptyLink.href}>{emptyLink.text}</a>}
        </p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('placements.list.subject')}</th>
                <th scope="col">{t('placements.list.organisation')}</th>
                <th scope="col">{t('placements.list.status')}</th>
                <th scope="col">{t('placements.list.requested')}</th>
                <th scope="col">{t('placements.list.lastActivity')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <a href={`/vermittlungen/${row.id}`}>{subjectOf(row)}</a>
                  </td>
                  <td>{row.organisationName ?? '–'}</td>
                  <td>{t(`placements.status.${row.status}`)}</td>
                  <td>
                    <Time locale={locale} date={row.requestedAt} />
                  </td>
                  <td>
                    <Time locale={locale} date={row.lastActivityAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
          <div class="field">
            <label for="f-status">{t('placements.list.status')}</label>
            <select id="f-status" name="status">
              <option value="offen" selected={filter.status === 'offen'}>
                {t('placements.list.open')}
              </option>
              <option value="alle" selected={filter.status === 'alle'}>
                {t('placements.list.all')}
              </option>
              {PLACEMENT_STATUSES.map((s) => (
                <option key={s} value={s} selected={filter.status === s}>
                  {status(s)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-municipality">{t('placements.list.municipality')}</label>
            <select id="f-municipality" name="kommune">
              <option value="">{t('placements.list.allMunicipalities')}</option>
              {props.municipalities.map((m) => (
                <option key={m.id} value={m.id} selected={filter.municipality === m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
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
        <p>{t('placements.list.empty')}</p>
      ) : (
        <>
          <p>
            {props.total === 1 ? t('placements.list.countOne') : t('placements.list.count', { count: props.total })}
            {props.total > rows.length && <> {t('placements.list.truncated', { limit: props.limit })}</>}
          </p>
          <div class="table-scroll">
            <table>
              <caption>{props.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('placements.list.subject')}</th>
                  <th scope="col">{t('placements.list.organisation')}</th>
                  <th scope="col">{t('placements.list.municipality')}</th>
                  <th scope="col">{t('placements.list.status')}</th>
                  <th scope="col">{t('placements.list.requested')}</th>
                  <th scope="col">{t('placements.list.age')}</th>
                  <th scope="col">{t('placements.list.response')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <a href={`/vermittlungen/${row.id}`}>{subjectOf(row)}</a>
                    </td>
                    <td>{row.organisationName ?? '–'}</td>
                    <td>{row.municipalityName ?? '–'}</td>
                    <td>{status(row.status)}</td>
                    <td>
                      <Time locale={locale} date={row.requestedAt} />
                    </td>
                    <td>{formatDuration(t, props.now.getTime() - row.requestedAt.getTime())}</td>
                    <td>
                      {row.firstResponseAt
                        ? formatDuration(t, row.firstResponseAt.getTime() - row.requestedAt.getTime())
                        : t('placements.list.noResponse')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
