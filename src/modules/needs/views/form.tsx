import type { FieldErrors } from '../../../platform/http/forms.ts';
import { Checkbox, CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { listOf, textOf, type FormValues } from '../../../platform/ui/form-values.ts';
import type { Locale, MessageKey, T } from '../../../platform/i18n/index.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import { FIELDS, TIMES_OF_DAY, WEEKDAYS } from '../../../platform/vocabulary.ts';
import { fieldLabels } from '../../volunteers/index.ts';
import type { Need } from '../schema.ts';

export interface RequesterChoice {
  value: string;
  label: string;
}

interface NeedFormProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  action: string;
  mode: 'create' | 'edit';
  values: FormValues;
  errors: FieldErrors;
  municipalities: ReadonlyArray<{ id: string; name: string }>;
  /** create: who the need may be for; several only for organisation members, the office and guides. */
  requesterChoices: RequesterChoice[];
  /** Show the fields for the requester's name and contact (someone else's need, or editing one). */
  showRequesterFields: boolean;
}

export function needValues(need: Need): FormValues {
  return {
    title: need.title,
    description: need.description,
    field: need.field,
    skills: need.skills.join(', '),
    weekdays: need.weekdays.map(String),
    timesOfDay: need.timesOfDay,
    municipalityId: need.municipalityId ?? '',
    place: need.place,
    startsOn: need.startsOn ?? '',
    endsOn: need.endsOn ?? '',
    requesterName: need.requesterName,
    requesterEmail: need.requesterEmail,
    requesterPhone: need.requesterPhone,
    ...(need.isPublic ? { isPublic: '1' } : {}),
  };
}

export function NeedForm(props: NeedFormProps) {
  const { t, values, errors } = props;
  const labels: Record<string, string> = {
    requester: t('needs.field.requester'),
    requesterName: t('needs.field.requesterName'),
    requesterEmail: t('needs.field.requesterEmail'),
    requesterPhone: t('needs.field.requesterPhone'),
    title: t('needs.field.title'),
    description: t('needs.field.description'),
    field: t('needs.field.field'),
    skills: t('needs.field.skills'),
    weekdays: t('needs.field.weekdays'),
    timesOfDay: t('needs.field.timesOfDay'),
    municipalityId: t('needs.field.municipality'),
    place: t('needs.field.place'),
    startsOn: t('needs.field.startsOn'),
    endsOn: t('needs.field.endsOn'),
  };
  const names = fieldLabels(props.locale);
  const chosen = textOf(values, 'requester') || props.requesterChoices[0]?.value || 'self';
  const optional = t('form.optional');
  return (
    <>
      <h1>{props.mode === 'create' ? t('needs.new.title') : t('needs.edit.title')}</h1>
      {props.mode === 'create' && <p class="lead">{t('needs.new.intro')}</p>}
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action={props.action} class="stack" novalidate>
        <CsrfField token={props.csrfToken} />
        {props.mode === 'create' && (props.requesterChoices.length > 1 || errors.requester) && (
          <fieldset class={errors.requester ? 'field--error' : undefined}>
            <legend>{labels.requester}</legend>
            {errors.requester && (
              <p class="field-error" id="f-requester-error">
                {errors.requester}
              </p>
            )}
            {props.requesterChoices.map((choice, i) => {
              const id = i === 0 ? 'f-requester' : `f-requester-${i}`;
              return (
                <div class="checkbox" key={choice.value}>
                  <input type="radio" id={id} name="requester" value={choice.value} checked={chosen === choice.value} />
                  <label for={id}>{choice.label}</label>
                </div>
              );
            })}
          </fieldset>
        )}
        {props.mode === 'create' && props.requesterChoices.length === 1 && !errors.requester && (
          <input type="hidden" name="requester" value={props.requesterChoices[0]!.value} />
        )}
        {props.showRequesterFields && (
          <fieldset>
            <legend>{t('needs.detail.requester')}</legend>
            <p class="hint">{t('needs.field.requesterHint')}</p>
            <Field name="requesterName" label={labels.requesterName!} value={textOf(values, 'requesterName')} error={errors.requesterName} maxLength={120} />
            <Field
              name="requesterEmail"
              type="email"
              label={`${labels.requesterEmail} ${optional}`}
              value={textOf(values, 'requesterEmail')}
              error={errors.requesterEmail}
              maxLength={254}
            />
            <Field
              name="requesterPhone"
              type="tel"
              label={`${labels.requesterPhone} ${optional}`}
              value={textOf(values, 'requesterPhone')}
              error={errors.requesterPhone}
              maxLength={50}
            />
          </fieldset>
        )}
        <Field
          name="title"
          label={labels.title!}
          hint={t('needs.field.titleHint')}
          value={textOf(values, 'title')}
          error={errors.title}
          required
          maxLength={200}
        />
        <Field
          name="description"
          label={labels.description!}
          hint={t('needs.field.descriptionHint')}
          value={textOf(values, 'description')}
          error={errors.description}
          multiline
          maxLength={4000}
        />
        <SelectField
          name="field"
          label={labels.field!}
          value={textOf(values, 'field') || 'sozial'}
          error={errors.field}
          options={FIELDS.map((f) => ({ value: f, label: names[f] }))}
          required
        />
        <Field
          name="skills"
          label={`${labels.skills} ${optional}`}
          hint={t('needs.field.skillsHint')}
          value={textOf(values, 'skills')}
          error={errors.skills}
          maxLength={600}
        />
        <h2>{t('needs.field.when')}</h2>
        <CheckboxGroup
          name="weekdays"
          legend={labels.weekdays!}
          options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`volunteers.day.${d}` as MessageKey) }))}
          selected={listOf(values, 'weekdays')}
          error={errors.weekdays}
        />
        <CheckboxGroup
          name="timesOfDay"
          legend={labels.timesOfDay!}
          options={TIMES_OF_DAY.map((time) => ({ value: time, label: t(`volunteers.time.${time}`) }))}
          selected={listOf(values, 'timesOfDay')}
          error={errors.timesOfDay}
        />
        <Field
          name="startsOn"
          label={`${labels.startsOn} ${optional}`}
          hint={t('needs.field.dateHint')}
          value={textOf(values, 'startsOn')}
          error={errors.startsOn}
          maxLength={10}
        />
        <Field
          name="endsOn"
          label={`${labels.endsOn} ${optional}`}
          hint={t('needs.field.dateHint')}
          value={textOf(values, 'endsOn')}
          error={errors.endsOn}
          maxLength={10}
        />
        <h2>{t('needs.field.municipality')}</h2>
        <SelectField
          name="municipalityId"
          label={labels.municipalityId!}
          value={textOf(values, 'municipalityId')}
          error={errors.municipalityId}
          placeholder={t('needs.field.choose')}
          options={props.municipalities.map((m) => ({ value: m.id, label: m.name }))}
          required
        />
        <Field
          name="place"
          label={`${labels.place} ${optional}`}
          value={textOf(values, 'place')}
          error={errors.place}
          maxLength={120}
        />
        <Checkbox
          name="isPublic"
          label={t('needs.field.isPublic')}
          hint={t('needs.field.isPublicHint')}
          checked={textOf(values, 'isPublic') === '1'}
        />
        <div class="actions">
          <button type="submit">{props.mode === 'create' ? t('needs.new.submit') : t('needs.edit.submit')}</button>
        </div>
      </form>
    </>
  );
}
