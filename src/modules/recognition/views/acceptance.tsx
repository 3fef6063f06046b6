import type { Locale, MessageKey, T } from '../../../platform/i18n/index.ts';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { AcceptancePoint } from '../schema.ts';

export const ACCEPTANCE_CATEGORIES = ['kultur', 'freizeit', 'gastronomie', 'einzelhandel', 'bildung', 'mobilitaet', 'gesundheit', 'sonstiges'] as const;

type Point = AcceptancePoint & { municipality: string | null };

interface AcceptancePageProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  network: { slug: string; name: string };
  points: Point[];
  municipalities: Array<{ id: string; name: string; lat: number | null; lng: number | null }>;
  filter: { category: string; municipalityId: string };
  canManage: boolean;
  notice: string | null;
  importErrors: string[];
}

export function AcceptancePage(props: AcceptancePageProps) {
  const { t } = props;
  const base = `/netzwerk/${props.network.slug}/akzeptanzstellen`;
  return (
    <>
      <h1>{t('recognition.acceptance.title', { network: props.network.name })}</h1>
      <p>{t('recognition.acceptance.intro')}</p>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.importErrors.length > 0 && (
        <div class="error-summary" role="alert">
          <p>{t('recognition.acceptance.importErrors', { lines: props.importErrors.join('; ') })}</p>
        </div>
      )}
      <form method="get" action={base} class="filter-row">
        <SelectField
          name="bereich"
          label={t('recognition.acceptance.category')}
          options={[{ value: '', label: t('recognition.acceptance.allCategories') }, ...ACCEPTANCE_CATEGORIES.map((c) => ({ value: c, label: t(`recognition.category.${c}` as MessageKey) }))]}
          value={props.filter.category}
        />
        <SelectField
          name="kommune"
          label={t('recognition.acceptance.municipality')}
          options={[{ value: '', label: t('recognition.acceptance.allMunicipalities') }, ...props.municipalities.map((m) => ({ value: m.id, label: m.name }))]}
          value={props.filter.municipalityId}
        />
        <button type="submit" class="secondary">
          {t('recognition.acceptance.filter')}
        </button>
      </form>
      <p role="status">{t('recognition.acceptance.count', { count: props.points.length })}</p>
      {props.points.length === 0 ? (
        <EmptyState>{t('recognition.acceptance.none')}</EmptyState>
      ) : (
        <>
          <PointsMap t={t} points={props.points} municipalities={props.municipalities} />
          <DataTable
            id="akzeptanzstellen"
            caption={t('recognition.acceptance.title', { network: props.network.name })}
            columns={[
              { label: t('recognition.acceptance.name'), cell: (p) => (p.website ? <a href={p.website}>{p.name}</a> : p.name), rowHeader: true },
              { label: t('recognition.acceptance.category'), cell: (p) => t(`recognition.category.${p.category}` as MessageKey) },
              { label: t('recognition.acceptance.discount'), cell: (p) => p.discount },
              { label: t('recognition.acceptance.address'), cell: (p) => [p.street, [p.postcode, p.place].filter(Boolean).join(' ')].filter(Boolean).join(', ') },
            ]}
            rows={props.points}
            rowKey={(p) => p.id}
          />
        </>
      )}
      {props.canManage && (
        <section aria-labelledby="import">
          <h2 id="import">{t('recognition.acceptance.import')}</h2>
          <p class="hint">{t('recognition.acceptance.importHint')}</p>
          <form method="post" action={`${base}/import`} encType="multipart/form-data" class="stack-form">
            <CsrfField token={props.csrfToken} />
            <div class="field">
              <label for="f-file">{t('recognition.acceptance.file')}</label>
              <input id="f-file" type="file" name="file" accept=".csv,text/csv" required />
            </div>
            <button type="submit">{t('recognition.acceptance.importRun')}</button>
          </form>
        </section>
      )}
    </>
  );
}

/**
 * The points on a small map drawn on the server: municipalities as labelled places, points as dots. It needs
 * no tile server and no script; the table below says the same in words.
 */
function PointsMap({ t, points, municipalities }: { t: T; points: Point[]; municipalities: AcceptancePageProps['municipalities'] }) {
  const placed = points.filter((p) => p.lat !== null && p.lng !== null);
  const towns = municipalities.filter((m) => m.lat !== null && m.lng !== null);
  const all = [...placed.map((p) => [p.lat!, p.lng!] as const), ...towns.map((m) => [m.lat!, m.lng!] as const)];
  if (placed.length === 0 || all.length < 2) return null;
  const lats = all.map(([lat]) => lat);
  const lngs = all.map(([, lng]) => lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const width = 600;
  const height = 360;
  const pad = 40;
  // Longitude degrees are shorter than latitude degrees at 51°N: scale them so the region keeps its shape.
  const xScale = Math.cos(((minLat + maxLat) / 2) * (Math.PI / 180));
  const spanX = Math.max((maxLng - minLng) * xScale, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const x = (lng: number) => pad + (lng - minLng) * xScale * scale;
  const y = (lat: number) => height - pad - (lat - minLat) * scale;
  return (
    <figure class="points-map">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="karte-titel">
        <title id="karte-titel">{t('recognition.acceptance.map')}</title>
        {towns.map((m) => (
          <g key={m.id}>
            <circle cx={x(m.lng!)} cy={y(m.lat!)} r={3} fill="#555" />
            <text x={x(m.lng!) + 6} y={y(m.lat!) - 6} font-size="15" fill="#222">
              {m.name}
            </text>
          </g>
        ))}
        {placed.map((p) => (
          <circle key={p.id} cx={x(p.lng!)} cy={y(p.lat!)} r={7} fill="#b3541e" stroke="#fff" stroke-width="2">
            <title>{p.name}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
