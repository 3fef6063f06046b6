import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { Locale, T } from '../../../platform/i18n/index.ts';
import { CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { Field, SelectField } from '../../../platform/ui/field.tsx';
import { CsrfField, ErrorSummary } from '../../../platform/ui/form.tsx';
import { RadioGroup } from '../../../platform/ui/radio-group.tsx';
import { FIELDS } from '../../../platform/vocabulary.ts';
import { fieldLabel } from '../../offers/index.ts';
import type { EventFormValues } from '../form.ts';
import { EVENT_KINDS } from '../schema.ts';
import { kindLabel } from './format.tsx';

export interface EventFormProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  action: string;
  mode: 'create' | 'edit';
  values: EventFormValues;
  errors: FieldErrors;
  municipalities: Array<{ id: string; name: string }>;
  organisers: Array<{ value: string; label: string }>;
}

export function EventForm(props: EventFormProps) {
  const { t, locale, values, errors } = props;
  const v = (name: string) => {
    const value = values[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const list = (name: string) => {
    const value = values[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const labels: Record<string, string> = {
    organiser: t('events.field.organiser'),
    kind: t('events.field.kind'),
    title: t('events.field.title'),
    description: t('events.field.description'),
    startsAt: t('events.field.startsAt'),
    endsAt: t('events.field.endsAt'),
    mode: t('events.field.mode'),
    place: t('events.field.place'),
    accessibility: t('events.field.accessibility'),
    municipalityId: t('events.field.municipality'),
    onlineUrl: t('events.field.onlineUrl'),
    audience: t('events.field.audience'),
    fields: t('events.field.fields'),
    capacity: t('events.field.capacity'),
    registrationOpensAt: t('events.field.registrationOpensAt'),
    registrationClosesAt: t('events.field.registrationClosesAt'),
    questions: t('events.field.questions'),
    costs: t('events.field.costs'),
    repeatCount: t('events.field.repeatCount'),
  };
  return (
    <>
      <h1>{props.mode === 'create' ? t('events.new.title') : t('events.edit.title')}</h1>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action={props.action} novalidate class="event-form">
        <CsrfField token={props.csrfToken} />
        {props.organisers.length > 1 ? (
          <SelectField name="organiser" label={labels.organiser!} options={props.organisers} value={v('organiser')} error={errors.organiser} />
        ) : (
          <input type="hidden" name="organiser" value={props.organisers[0]?.value ?? 'office'} />
        )}
        <SelectField
          name="kind"
          label={labels.kind!}
          options={EVENT_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
          value={v('kind')}
          error={errors.kind}
          required
        />
        <Field name="title" label={labels.title!} value={v('title')} error={errors.title} required maxLength={200} />
        <Field name="description" label={labels.description!} value={v('description')} error={errors.description} multiline rows={8} maxLength={8000} />
        <Field name="startsAt" type="datetime-local" label={labels.startsAt!} hint={t('events.hint.dateTime')} value={v('startsAt')} error={errors.startsAt} required />
        <Field name="endsAt" type="datetime-local" label={labels.endsAt!} hint={t('events.hint.dateTime')} value={v('endsAt')} error={errors.endsAt} required />
        <RadioGroup
          name="mode"
          legend={labels.mode!}
          options={[
            { value: 'onsite', label: t('events.mode.onsite') },
            { value: 'online', label: t('events.mode.online'), hint: t('events.hint.online') },
          ]}
          value={v('mode') ?? 'onsite'}
          error={errors.mode}
        />
        <Field name="place" label={labels.place!} hint={t('events.hint.place')} value={v('place')} error={errors.place} maxLength={300} />
        <SelectField
          name="municipalityId"
          label={labels.municipalityId!}
          options={props.municipalities.map((m) => ({ value: m.id, label: m.name }))}
          placeholder={t('events.municipality.none')}
          value={v('municipalityId')}
          error={errors.municipalityId}
        />
        <Field name="accessibility" label={labels.accessibility!} hint={t('events.hint.accessibility')} value={v('accessibility')} error={errors.accessibility} multiline rows={3} maxLength={2000} />
        <Field name="onlineUrl" type="url" label={labels.onlineUrl!} hint={t('events.hint.onlineUrl')} value={v('onlineUrl')} error={errors.onlineUrl} maxLength={500} />
        <Field name="audience" label={labels.audience!} value={v('audience')} error={errors.audience} maxLength={300} />
        <CheckboxGroup
          name="fields"
          legend={labels.fields!}
          options={FIELDS.map((f) => ({ value: f, label: fieldLabel(locale, f) }))}
          selected={list('fields')}
          error={errors.fields}
          columns
        />
        <Field name="costs" label={labels.costs!} hint={t('events.hint.costs')} value={v('costs')} error={errors.costs} maxLength={300} />
        <fieldset class="field">
          <legend>{t('events.registrationSettings')}</legend>
          <div class="checkbox">
            <input type="checkbox" id="f-registrationEnabled" name="registrationEnabled" value="1" checked={v('registrationEnabled') === '1'} />
            <label for="f-registrationEnabled">{t('events.field.registrationEnabled')}</label>
          </div>
          <Field name="capacity" inputMode="numeric" label={labels.capacity!} hint={t('events.hint.capacity')} value={v('capacity')} error={errors.capacity} />
          <Field name="registrationOpensAt" type="datetime-local" label={labels.registrationOpensAt!} value={v('registrationOpensAt')} error={errors.registrationOpensAt} />
          <Field name="registrationClosesAt" type="datetime-local" label={labels.registrationClosesAt!} hint={t('events.hint.closes')} value={v('registrationClosesAt')} error={errors.registrationClosesAt} />
          <Field name="questions" label={labels.questions!} hint={t('events.hint.questions')} value={v('questions')} error={errors.questions} multiline rows={4} maxLength={4000} />
          <div class="checkbox">
            <input type="checkbox" id="f-checkinQr" name="checkinQr" value="1" checked={v('checkinQr') === '1'} aria-describedby="f-checkinQr-hint" />
            <label for="f-checkinQr">{t('events.field.checkinQr')}</label>
            <p class="hint" id="f-checkinQr-hint">
              {t('events.hint.checkinQr')}
            </p>
          </div>
        </fieldset>
        {props.mode === 'create' && (
          <fieldset class="field">
            <legend>{t('events.series.legend')}</legend>
            <Field name="repeatCount" inputMode="numeric" label={labels.repeatCount!} hint={t('events.hint.repeat')} value={v('repeatCount') ?? '0'} error={errors.repeatCount} />
            <Field name="repeatWeeks" inputMode="numeric" label={t('events.field.repeatWeeks')} value={v('repeatWeeks') ?? '1'} />
          </fieldset>
        )}
        <button type="submit">{t('form.save')}</button>
      </form>
    </>
  );
}
