import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import type { Municipality } from '../../../platform/networks/schema.ts';
import { ORGANISATION_TYPES } from '../schema.ts';
import { SelectField } from '../../../platform/ui/field.tsx';
import { textOf as text, type FormValues } from '../../../platform/ui/form-values.ts';

export const ORGANISATION_FIELDS = [
  'name',
  'type',
  'municipalityId',
  'street',
  'postcode',
  'place',
  'lat',
  'lng',
  'website',
  'email',
  'phone',
  'description',
] as const;

/** A coordinate as Germans write it, to five places (about a metre). */
function decimal(value: number): string {
  return String(Math.round(value * 100_000) / 100_000).replace('.', ',');
}

export function organisationFieldLabels(t: T): Record<string, string> {
  return Object.fromEntries(ORGANISATION_FIELDS.map((f) => [f, t(`organisations.field.${f}`)]));
}

interface Props {
  t: T;
  title: string;
  intro?: string;
  action: string;
  submitLabel: string;
  csrfToken: string;
  values: FormValues;
  errors: FieldErrors;
  municipalities: Municipality[];
  idempotencyKey?: string;
  /** The network office may set the position by hand; with the position stored now, if any. */
  correction?: { now: { lat: number; lng: number } | null };
}

export function OrganisationFormView({ t, title, intro, action, submitLabel, csrfToken, values, errors, municipalities, idempotencyKey, correction }: Props) {
  const v = (name: string) => text(values, name);
  return (
    <>
      <h1>{title}</h1>
      {intro && <p class="lead">{intro}</p>}
      <ErrorSummary errors={errors} labels={organisationFieldLabels(t)} t={t} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField token={csrfToken} />
        {idempotencyKey && <input type="hidden" name="idempotencyKey" value={idempotencyKey} />}
        <Field name="name" label={t('organisations.field.name')} value={v('name')} error={errors.name} required maxLength={200} autocomplete="organization" />
        <SelectField
          name="type"
          label={t('organisations.field.type')}
          options={ORGANISATION_TYPES.map((type) => ({ value: type, label: t(`organisations.type.${type}`) }))}
          value={v('type')}
          error={errors.type}
          required
        />
        <SelectField
          name="municipalityId"
          label={t('organisations.field.municipalityId')}
          hint={t('organisations.field.municipalityHint')}
          placeholder={t('organisations.choose')}
          options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
          value={v('municipalityId')}
          error={errors.municipalityId}
          required
        />
        <Field name="street" label={t('organisations.field.street')} value={v('street')} error={errors.street} maxLength={200} autocomplete="street-address" />
        <Field
          name="postcode"
          label={t('organisations.field.postcode')}
          hint={t('organisations.field.addressHint')}
          value={v('postcode')}
          error={errors.postcode}
          maxLength={5}
          autocomplete="postal-code"
        />
        <Field name="place" label={t('organisations.field.place')} value={v('place')} error={errors.place} maxLength={120} autocomplete="address-level2" />
        {correction && (
          <fieldset>
            <legend>{t('organisations.field.coordinates')}</legend>
            <p class="hint">{t('organisations.field.coordinatesHint')}</p>
            {correction.now && (
              <p class="hint">{t('organisations.field.coordinatesNow', { lat: decimal(correction.now.lat), lng: decimal(correction.now.lng) })}</p>
            )}
            <Field name="lat" label={t('organisations.field.lat')} value={v('lat')} error={errors.lat} maxLength={20} />
            <Field name="lng" label={t('organisations.field.lng')} value={v('lng')} error={errors.lng} maxLength={20} />
          </fieldset>
        )}
        <Field name="website" label={t('organisations.field.website')} hint={t('organisations.field.websiteHint')} value={v('website')} error={errors.website} maxLength={300} type="url" autocomplete="url" />
        <Field name="email" label={t('organisations.field.email')} hint={t('organisations.field.emailHint')} value={v('email')} error={errors.email} maxLength={254} type="email" autocomplete="email" />
        <Field name="phone" label={t('organisations.field.phone')} hint={t('organisations.field.phoneHint')} value={v('phone')} error={errors.phone} maxLength={50} type="tel" autocomplete="tel" />
        <Field
          name="description"
          label={t('organisations.field.description')}
          hint={t('organisations.field.descriptionHint')}
          value={v('description')}
          error={errors.description}
          maxLength={5000}
          multiline
          rows={8}
        />
        <div class="actions">
          <button type="submit">{submitLabel}</button>
        </div>
      </form>
    </>
  );
}
