import { formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import type { Municipality, Network } from '../../../platform/networks/schema.ts';
import type { MunicipalityInput } from '../rules.ts';
import { DataTable } from '../../../platform/ui/table.tsx';
import { AdminNav, adminPath } from './common.tsx';

function coordinate(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 6 }).format(value);
}

export function MunicipalityList({
  t,
  locale,
  network,
  municipalities,
  notice,
}: {
  t: T;
  locale: Locale;
  network: Network;
  municipalities: Municipality[];
  notice?: string | undefined;
}) {
  return (
    <>
      <h1>{t('roles.places.list.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="/kommunen" />
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a class="button" href={adminPath(network.slug, '/kommunen/neu')}>
          {t('roles.places.list.add')}
        </a>
      </p>
      {municipalities.length === 0 ? (
        <p>{t('roles.places.list.empty')}</p>
      ) : (
        <DataTable
          id="kommunen"
          caption={t('roles.places.list.caption', { network: network.name })}
          columns={[
            { label: t('roles.place.name'), cell: (m) => m.name, rowHeader: true },
            { label: t('roles.place.type'), cell: (m) => m.type || t('roles.none') },
            { label: t('roles.place.ags'), cell: (m) => m.ags ?? t('roles.none') },
            {
              label: t('roles.places.list.coordinates'),
              cell: (m) => (m.lat !== null && m.lng !== null ? `${coordinate(locale, m.lat)}, ${coordinate(locale, m.lng)}` : t('roles.none')),
            },
            { label: t('roles.place.inhabitants'), cell: (m) => (m.inhabitants !== null ? formatNumber(locale, m.inhabitants) : t('roles.none')), numeric: true },
            {
              label: t('roles.list.actions'),
              cell: (m) => (
                <a href={adminPath(network.slug, `/kommunen/${m.id}`)} aria-label={t('roles.places.list.editFor', { name: m.name })}>
                  {t('roles.places.list.edit')}
                </a>
              ),
            },
          ]}
          rows={municipalities}
          rowKey={(m) => m.id}
        />
      )}
    </>
  );
}

/** Stored values as the form shows them; coordinates with the decimal sign of the reader's language. */
export function municipalityFormValues(locale: Locale, m: Municipality): MunicipalityInput {
  const decimal = (value: number | null) => (value === null ? '' : locale === 'de' ? String(value).replace('.', ',') : String(value));
  return {
    name: m.name,
    type: m.type,
    ags: m.ags ?? '',
    lat: decimal(m.lat),
    lng: decimal(m.lng),
    inhabitants: m.inhabitants === null ? '' : String(m.inhabitants),
  };
}

export function MunicipalityForm({
  t,
  csrfToken,
  network,
  municipalityId,
  heading,
  values,
  errors,
}: {
  t: T;
  csrfToken: string;
  network: Network;
  /** Undefined for a new municipality. */
  municipalityId?: string | undefined;
  heading: string;
  values: MunicipalityInput;
  errors: FieldErrors;
}) {
  const labels: Record<keyof MunicipalityInput, string> = {
    name: t('roles.place.name'),
    type: t('roles.place.type'),
    ags: t('roles.place.ags'),
    lat: t('roles.place.lat'),
    lng: t('roles.place.lng'),
    inhabitants: t('roles.place.inhabitants'),
  };
  const action = adminPath(network.slug, municipalityId ? `/kommunen/${municipalityId}` : '/kommunen');
  return (
    <>
      <h1>{heading}</h1>
      <AdminNav t={t} slug={network.slug} current="/kommunen" />
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <Field name="name" label={labels.name} value={values.name} error={errors.name} required maxLength={200} />
        <Field name="type" label={labels.type} hint={t('roles.place.typeHint')} value={values.type} error={errors.type} maxLength={100} />
        <Field name="ags" label={labels.ags} hint={t('roles.place.agsHint')} value={values.ags} error={errors.ags} maxLength={8} />
        <Field name="lat" label={labels.lat} hint={t('roles.place.latHint')} value={values.lat} error={errors.lat} maxLength={30} />
        <Field name="lng" label={labels.lng} hint={t('roles.place.lngHint')} value={values.lng} error={errors.lng} maxLength={30} />
        <Field name="inhabitants" label={labels.inhabitants} hint={t('roles.place.inhabitantsHint')} value={values.inhabitants} error={errors.inhabitants} maxLength={20} />
        <div class="actions">
          <button type="submit">{t('form.save')}</button>
          <a href={adminPath(network.slug, '/kommunen')}>{t('roles.cancel')}</a>
        </div>
      </form>
    </>
  );
}
