import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import type { Network } from '../../../platform/networks/schema.ts';
import { HEX_COLOUR } from '../rules.ts';
import { AdminNav, adminPath } from './common.tsx';

export type SettingsValues = Record<
  | 'name'
  | 'kind'
  | 'region'
  | 'description'
  | 'contactEmail'
  | 'primaryColor'
  | 'accentColor'
  | 'imprint'
  | 'privacyStatement'
  | 'accessibilityStatement',
  string
>;

/** Text limits of the settings form, shared by the route schema and the inputs. */
export const SETTINGS_LIMITS = {
  name: 200,
  kind: 100,
  region: 200,
  description: 5000,
  contactEmail: 254,
  imprint: 20000,
  privacyStatement: 20000,
  accessibilityStatement: 20000,
} as const;

/**
 * A colour as text (exact, readable by screen readers) plus a native colour picker. The hidden
 * field remembers what the picker showed, so the server can tell which of the two was changed.
 */
function ColourField({ t, name, label, value, fallback, error }: { t: T; name: 'primaryColor' | 'accentColor'; label: string; value: string; fallback: string; error?: string | undefined }) {
  const id = `f-${name}`;
  const picker = HEX_COLOUR.test(value) ? value.toLowerCase() : fallback;
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {t('roles.settings.colourHint')}
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input id={id} name={name} type="text" value={value} maxLength={7} required aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
      <div class="checkbox">
        <input type="color" id={`${id}-picker`} name={`${name}Picker`} value={picker} />
        <label for={`${id}-picker`}>{t('roles.settings.picker', { label })}</label>
      </div>
      <input type="hidden" name={`${name}PickerShown`} value={picker} />
    </div>
  );
}

export function SettingsForm({
  t,
  csrfToken,
  network,
  values,
  errors,
  notice,
}: {
  t: T;
  csrfToken: string;
  network: Network;
  values: SettingsValues;
  errors: FieldErrors;
  notice?: string | undefined;
}) {
  const labels: Record<keyof SettingsValues, string> = {
    name: t('roles.settings.name'),
    kind: t('roles.settings.kind'),
    region: t('roles.settings.region'),
    description: t('roles.settings.description'),
    contactEmail: t('roles.settings.contactEmail'),
    primaryColor: t('roles.settings.primaryColor'),
    accentColor: t('roles.settings.accentColor'),
    imprint: t('roles.settings.imprint'),
    privacyStatement: t('roles.settings.privacyStatement'),
    accessibilityStatement: t('roles.settings.accessibilityStatement'),
  };
  return (
    <>
      <h1>{t('roles.settings.title')}</h1>
      <AdminNav t={t} slug={network.slug} current="/einstellungen" />
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <p>{t('roles.settings.intro')}</p>
      <form method="post" action={adminPath(network.slug, '/einstellungen')} class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <fieldset>
          <legend>{t('roles.settings.about')}</legend>
          <Field name="name" label={labels.name} value={values.name} error={errors.name} required maxLength={SETTINGS_LIMITS.name} />
          <Field name="kind" label={labels.kind} hint={t('roles.settings.kindHint')} value={values.kind} error={errors.kind} maxLength={SETTINGS_LIMITS.kind} />
          <Field name="region" label={labels.region} value={values.region} error={errors.region} maxLength={SETTINGS_LIMITS.region} />
          <Field name="description" label={labels.description} value={values.description} error={errors.description} multiline rows={6} maxLength={SETTINGS_LIMITS.description} />
          <Field name="contactEmail" type="email" label={labels.contactEmail} value={values.contactEmail} error={errors.contactEmail} autocomplete="off" maxLength={SETTINGS_LIMITS.contactEmail} />
        </fieldset>
        <fieldset>
          <legend>{t('roles.settings.colours')}</legend>
          <p class="hint">{t('roles.settings.coloursHint')}</p>
          <ColourField t={t} name="primaryColor" label={labels.primaryColor} value={values.primaryColor} fallback={network.primaryColor} error={errors.primaryColor} />
          <ColourField t={t} name="accentColor" label={labels.accentColor} value={values.accentColor} fallback={network.accentColor} error={errors.accentColor} />
        </fieldset>
        <fieldset>
          <legend>{t('roles.settings.legal')}</legend>
          <p class="hint">{t('roles.settings.legalHint')}</p>
          <Field name="imprint" label={labels.imprint} value={values.imprint} error={errors.imprint} multiline rows={8} />
          <Field name="privacyStatement" label={labels.privacyStatement} value={values.privacyStatement} error={errors.privacyStatement} multiline rows={8} />
          <Field
            name="accessibilityStatement"
            label={labels.accessibilityStatement}
            value={values.accessibilityStatement}
            error={errors.accessibilityStatement}
            multiline
            rows={8}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">{t('form.save')}</button>
        </div>
      </form>
    </>
  );
}
