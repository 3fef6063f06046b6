import { formatDateTime, type Locale, type MessageKey, type T } from '../../../platform/i18n/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import { FIELDS, type Field } from '../../../platform/vocabulary.ts';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import { fieldLabels } from '../../volunteers/index.ts';
import { NEED_STATUSES, type NeedStatus } from '../schema.ts';
import type { NeedListRow, NeedWithPlace, PublicNeed } from '../queries.ts';

interface Base {
  t: T;
  locale: Locale;
  slug: string;
}

/** Text as typed, one paragraph per line: keeps the writer's line breaks without markup or inline styles. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </>
  );
}

function when(t: T, need: Pick<NeedWithPlace, 'weekdays' | 'timesOfDay'>): string {
  const days = need.weekdays.map((d) => t(`volunteers.weekday.${d}` as MessageKey));
  const times = need.timesOfDay.map((time) => t(`volunteers.timeOfDay.${time}`));
  return [...days, ...times].join(', ');
}

interface ListProps extends Base {
  needs: NeedListRow[];
  municipalities: ReadonlyArray<{ id: string; name: string }>;
  filters: { status: string; municipalityId: string; field: string };
  guideOnly: boolean;
}

export function NeedListPage({ t, locale, slug, needs, municipalities, filters, guideOnly }: ListProps) {
  const names = fieldLabels(locale);
  const base = `/netzwerk/${slug}/gesuche`;
  return (
    <>
      <h1>{t('needs.list.title')}</h1>
      <p class="lead">{t('needs.list.intro')}</p>
      {guideOnly && <Notice>{t('needs.list.guideScope')}</Notice>}
      <p>
        <a class="button" href={`${base}/neu`}>
          {t('needs.list.new')}
        </a>{' '}
        <a href={`${base}/oeffentlich`}>{t('needs.list.public')}</a>
      </p>
      <h2>{t('needs.list.filter')}</h2>
      <form method="get" action={base} class="stack">
        <SelectField
          name="status"
          label={t('needs.field.status')}
          value={filters.status}
          placeholder={t('needs.list.all')}
          options={NEED_STATUSES.map((s) => ({ value: s, label: t(`needs.status.${s}`) }))}
        />
        <SelectField
          name="kommune"
          label={t('needs.field.municipality')}
          value={filters.municipalityId}
          placeholder={t('needs.list.all')}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
        />
        <SelectField
          name="feld"
          label={t('needs.field.field')}
          value={filters.field}
          placeholder={t('needs.list.all')}
          options={FIELDS.map((f) => ({ value: f, label: names[f] }))}
        />
        <button type="submit" class="secondary">
          {t('needs.list.apply')}
        </button>
      </form>
      <h2>{t('needs.list.title')}</h2>
      {needs.length === 0 ? (
        <EmptyState>{t('needs.list.none')}</EmptyState>
      ) : (
        <DataTable
          id="gesuche-tabelle"
          caption={t('needs.list.caption')}
          rows={needs}
          rowKey={(need) => need.id}
          columns={[
            { label: t('needs.field.title'), rowHeader: true, cell: (need) => <a href={`${base}/${need.id}`}>{need.title}</a> },
            { label: t('needs.field.municipality'), cell: (need) => need.municipalityName ?? t('needs.detail.none') },
            { label: t('needs.field.field'), cell: (need) => names[need.field] },
            { label: t('needs.field.status'), cell: (need) => t(`needs.status.${need.status}`) },
            { label: t('needs.list.visibility'), cell: (need) => (need.isPublic ? t('needs.visibility.public') : t('needs.visibility.private')) },
            { label: t('needs.list.created'), cell: (need) => formatDateTime(locale, need.createdAt) },
          ]}
        />
      )}
    </>
  );
}

interface DetailProps extends Base {
  need: NeedWithPlace;
  csrfToken: string;
  notice: string | null;
  error: string | null;
  canManage: boolean;
  nextStatuses: readonly NeedStatus[];
}

/** The whole need, requester included: only for those allowed to see it (policy.canViewNeed). */
export function NeedDetailPage({ t, locale, slug, need, csrfToken, notice, error, canManage, nextStatuses }: DetailProps) {
  const base = `/netzwerk/${slug}/gesuche/${need.id}`;
  const names = fieldLabels(locale);
  const period = [
    need.startsOn ? t('needs.detail.periodFrom', { date: need.startsOn }) : '',
    need.endsOn ? t('needs.detail.periodUntil', { date: need.endsOn }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <h1>{need.title}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      {error && (
        <div class="error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      <p class="meta">
        {t('needs.field.status')}: <strong>{t(`needs.status.${need.status}`)}</strong> ·{' '}
        {need.isPublic ? t('needs.visibility.public') : t('needs.visibility.private')}
      </p>
      <Paragraphs text={need.description} />
      <h2>{t('needs.detail.details')}</h2>
      <dl class="facts">
        <dt>{t('needs.field.field')}</dt>
        <dd>{names[need.field]}</dd>
        <dt>{t('needs.field.municipality')}</dt>
        <dd>{[need.municipalityName, need.place].filter(Boolean).join(', ') || t('needs.detail.none')}</dd>
        <dt>{t('needs.field.when')}</dt>
        <dd>{when(t, need) || t('needs.detail.none')}</dd>
        <dt>{t('needs.field.skills')}</dt>
        <dd>{need.skills.join(', ') || t('needs.detail.none')}</dd>
        <dt>{t('needs.detail.period')}</dt>
        <dd>{period || t('needs.detail.none')}</dd>
        {need.organisationName && (
          <>
            <dt>{t('needs.detail.organisation')}</dt>
            <dd>{need.organisationName}</dd>
          </>
        )}
      </dl>
      <h2>{t('needs.detail.requester')}</h2>
      <dl class="facts">
        <dt>{t('needs.field.requesterName')}</dt>
        <dd>{need.requesterName || t('needs.detail.none')}</dd>
        <dt>{t('needs.field.requesterEmail')}</dt>
        <dd>{need.requesterEmail ? <a href={`mailto:${need.requesterEmail}`}>{need.requesterEmail}</a> : t('needs.detail.none')}</dd>
        <dt>{t('needs.field.requesterPhone')}</dt>
        <dd>{need.requesterPhone || t('needs.detail.none')}</dd>
      </dl>
      <h2>{t('needs.detail.actions')}</h2>
      <ul>
        <li>
          <a href={`${base}/bearbeiten`}>{t('needs.detail.edit')}</a>
        </li>
        {canManage && (
          <>
            <li>
              <a href={`${base}/vorschlaege`}>{t('needs.detail.volunteers')}</a>
            </li>
            <li>
              <a href={`${base}/angebote`}>{t('needs.detail.offers')}</a>
            </li>
          </>
        )}
      </ul>
      {nextStatuses.length > 0 && (
        <>
          <h2>{t('needs.detail.changeStatus')}</h2>
          <div class="actions">
            {nextStatuses.map((status) => (
              <form method="post" action={`${base}/status`} class="inline-form" key={status}>
                <CsrfField token={csrfToken} />
                <input type="hidden" name="from" value={need.status} />
                <button type="submit" name="status" value={status} class={status === 'closed' ? 'secondary' : undefined}>
                  {t(`needs.statusAction.${status}`)}
                </button>
              </form>
            ))}
          </div>
        </>
      )}
      {canManage && (
        <p>
          <a href={`/netzwerk/${slug}/gesuche`}>{t('needs.detail.back')}</a>
        </p>
      )}
    </>
  );
}

function PublicNeedBody({ locale, need }: { locale: Locale; need: PublicNeed }) {
  const names = fieldLabels(locale);
  return (
    <>
      <p class="meta">
        {names[need.field as Field]}
        {need.municipalityName ? ` · ${need.municipalityName}` : ''}
      </p>
      <Paragraphs text={need.description} />
    </>
  );
}

/** What everyone may see of a public need: never the name, e-mail or phone of the person asking. */
export function PublicNeedPage({ t, locale, slug, need, contactEmail }: Base & { need: PublicNeed; contactEmail: string }) {
  return (
    <>
      <h1>{need.title}</h1>
      <PublicNeedBody locale={locale} need={need} />
      {contactEmail && <p>{t('needs.public.contact', { email: contactEmail })}</p>}
      <p>
        <a href={`/netzwerk/${slug}/gesuche/oeffentlich`}>{t('needs.public.back')}</a>
      </p>
    </>
  );
}

export function PublicNeedListPage({ t, locale, slug, needs, contactEmail }: Base & { needs: PublicNeed[]; contactEmail: string }) {
  return (
    <>
      <h1>{t('needs.public.title')}</h1>
      <p class="lead">{t('needs.public.intro')}</p>
      {contactEmail && <p>{t('needs.public.contact', { email: contactEmail })}</p>}
      {needs.length === 0 ? (
        <p>{t('needs.public.none')}</p>
      ) : (
        <ul class="cards">
          {needs.map((need) => (
            <li class="card" key={need.id}>
              <h2>
                <a href={`/netzwerk/${slug}/gesuche/${need.id}`}>{need.title}</a>
              </h2>
              <PublicNeedBody locale={locale} need={need} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
