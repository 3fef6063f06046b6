import type { FieldErrors } from '../../../platform/http/forms.ts';
import { Checkbox, CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { listOf, textOf, type FormValues } from '../../../platform/ui/form-values.ts';
import type { Locale, MessageKey, T } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { FIELD_LABELS_DE, FIELD_LABELS_EN, FIELDS, TIMES_OF_DAY, WEEKDAYS } from '../../../platform/vocabulary.ts';
import type { MunicipalityGroup } from '../queries.ts';
import type { VolunteerProfile } from '../schema.ts';

export function fieldLabels(locale: Locale) {
  return locale === 'en' ? FIELD_LABELS_EN : FIELD_LABELS_DE;
}

/** The form's values from a stored profile (or the defaults for a first visit). */
export function profileValues(profile: VolunteerProfile | undefined): FormValues {
  if (!profile) return { radiusKm: '15' };
  return {
    fields: profile.fields,
    skills: profile.skills.join(', '),
    weekdays: profile.weekdays.map(String),
    timesOfDay: profile.timesOfDay,
    homeMunicipalityId: profile.homeMunicipalityId ?? '',
    postcode: profile.postcode,
    radiusKm: String(profile.radiusKm),
    languages: profile.languages.join(', '),
    about: profile.about,
    ...(profile.remoteOk ? { remoteOk: '1' } : {}),
    ...(profile.contactable ? { contactable: '1' } : {}),
  };
}

interface ProfilePageProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  values: FormValues;
  errors: FieldErrors;
  groups: MunicipalityGroup[];
  saved: boolean;
}

export function ProfilePage({ t, locale, csrfToken, values, errors, groups, saved }: ProfilePageProps) {
  const labels = {
    fields: t('volunteers.profile.fields'),
    skills: t('volunteers.profile.skills'),
    weekdays: t('volunteers.profile.weekdays'),
    timesOfDay: t('volunteers.profile.timesOfDay'),
    homeMunicipalityId: t('volunteers.profile.homeMunicipality'),
    postcode: t('volunteers.profile.postcode'),
    radiusKm: t('volunteers.profile.radius'),
    languages: t('volunteers.profile.languages'),
    about: t('volunteers.profile.about'),
  };
  const names = fieldLabels(locale);
  return (
    <>
      <h1>{t('volunteers.profile.title')}</h1>
      {saved && (
        <Notice kind="success">
          {t('volunteers.profile.saved')} <a href="/konto/vorschlaege">{t('volunteers.profile.toSuggestions')}</a>
        </Notice>
      )}
      <p class="lead">{t('volunteers.profile.intro')}</p>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action="/konto/engagement" class="stack" novalidate>
        <CsrfField token={csrfToken} />
        <CheckboxGroup
          name="fields"
          legend={labels.fields}
          hint={t('volunteers.profile.fieldsHint')}
          options={FIELDS.map((f) => ({ value: f, label: names[f] }))}
          selected={listOf(values, 'fields')}
          error={errors.fields}
        />
        <Field
          name="skills"
          label={labels.skills}
          hint={t('volunteers.profile.skillsHint')}
          value={textOf(values, 'skills')}
          error={errors.skills}
          maxLength={600}
        />
        <h2>{t('volunteers.profile.availability')}</h2>
        <p class="hint">{t('volunteers.profile.availabilityHint')}</p>
        <CheckboxGroup
          name="weekdays"
          legend={labels.weekdays}
          options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`volunteers.day.${d}` as MessageKey) }))}
          selected={listOf(values, 'weekdays')}
          error={errors.weekdays}
        />
        <CheckboxGroup
          name="timesOfDay"
          legend={labels.timesOfDay}
          options={TIMES_OF_DAY.map((time) => ({ value: time, label: t(`volunteers.time.${time}`) }))}
          selected={listOf(values, 'timesOfDay')}
          error={errors.timesOfDay}
        />
        <h2>{t('volunteers.profile.place')}</h2>
        <SelectField
          name="homeMunicipalityId"
          label={labels.homeMunicipalityId}
          hint={t('volunteers.profile.homeMunicipalityHint')}
          value={textOf(values, 'homeMunicipalityId')}
          error={errors.homeMunicipalityId}
          placeholder={t('volunteers.profile.noMunicipality')}
          groups={groups.map((g) => ({
            label: g.network.name,
            options: g.municipalities.map((m) => ({ value: m.id, label: m.name })),
          }))}
        />
        <Field
          name="postcode"
          label={`${labels.postcode} ${t('form.optional')}`}
          hint={t('volunteers.profile.postcodeHint')}
          value={textOf(values, 'postcode')}
          error={errors.postcode}
          autocomplete="postal-code"
          maxLength={5}
        />
        <Field
          name="radiusKm"
          type="number"
          label={labels.radiusKm}
          hint={t('volunteers.profile.radiusHint')}
          value={textOf(values, 'radiusKm')}
          error={errors.radiusKm}
          required
        />
        <Checkbox name="remoteOk" label={t('volunteers.profile.remoteOk')} checked={textOf(values, 'remoteOk') === '1'} />
        <h2>{t('volunteers.profile.more')}</h2>
        <Field
          name="languages"
          label={labels.languages}
          hint={t('volunteers.profile.languagesHint')}
          value={textOf(values, 'languages')}
          error={errors.languages}
          maxLength={300}
        />
        <Field
          name="about"
          label={labels.about}
          hint={t('volunteers.profile.aboutHint')}
          value={textOf(values, 'about')}
          error={errors.about}
          multiline
          rows={4}
          maxLength={1000}
        />
        <h2>{t('volunteers.profile.contact')}</h2>
        <Checkbox
          name="contactable"
          label={t('volunteers.profile.contactable')}
          hint={t('volunteers.profile.contactableHint')}
          checked={textOf(values, 'contactable') === '1'}
        />
        <div class="actions">
          <button type="submit">{t('volunteers.profile.save')}</button>
        </div>
      </form>
    </>
  );
}
