import type { Locale, T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import type { Municipality } from '../../../platform/networks/schema.ts';
import { Checkbox, CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { RadioGroup } from '../../../platform/ui/radio-group.tsx';
import type { ContactCandidate } from '../contact.ts';
import { listOf as list, textOf as text, type FormValues } from '../../../platform/ui/form-values.ts';
import { descriptionHtmlToText } from '../description.ts';
import { OFFER_LIMITS } from '../form.ts';
import type { Offer } from '../schema.ts';
import { COMMITMENTS, FIELDS, SUITABILITY, TARGET_GROUPS, TIMES_OF_DAY, WEEKDAYS } from '../../../platform/vocabulary.ts';
import { fieldLabel } from './labels.ts';

export const OFFER_FORM_FIELDS = [
  'title',
  'summary',
  'description',
  'field',
  'targetGroups',
  'skills',
  'tags',
  'commitment',
  'hoursPerWeek',
  'weekdays',
  'timesOfDay',
  'suitability',
  'remote',
  'municipalityId',
  'street',
  'postcode',
  'place',
  'district',
  'lat',
  'lng',
  'startsOn',
  'endsOn',
  'peopleWanted',
  'contact',
  'contactName',
  'contactEmail',
  'contactPhone',
] as const;

export function offerFieldLabels(t: T): Record<string, string> {
  return Object.fromEntries(OFFER_FORM_FIELDS.map((f) => [f, t(`offers.field.${f}`)]));
}

const decimal = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));

/** A stored offer as the form shows it for editing. */
export function offerFormValues(offer: Offer): FormValues {
  return {
    title: offer.title,
    summary: offer.summary,
    description: descriptionHtmlToText(offer.description),
    field: offer.field,
    targetGroups: offer.targetGroups,
    skills: offer.skills.join(', '),
    tags: offer.tags.join(', '),
    commitment: offer.commitment,
    hoursPerWeek: decimal(offer.hoursPerWeek),
    weekdays: offer.weekdays.map(String),
    timesOfDay: offer.timesOfDay,
    suitability: offer.suitability,
    remote: offer.remote ? '1' : '',
    municipalityId: offer.municipalityId ?? '',
    street: offer.street,
    postcode: offer.postcode,
    place: offer.place,
    district: offer.district,
    // The correction fields start empty: filled in, they set the position by hand (network office only).
    lat: '',
    lng: '',
    startsOn: offer.startsOn ?? '',
    endsOn: offer.endsOn ?? '',
    peopleWanted: offer.peopleWanted === null ? '' : String(offer.peopleWanted),
    contactName: offer.contactName,
    contactEmail: offer.contactEmail,
    contactPhone: offer.contactPhone,
  };
}

interface Props {
  t: T;
  locale: Locale;
  title: string;
  intro?: string;
  action: string;
  csrfToken: string;
  values: FormValues;
  errors: FieldErrors;
  municipalities: Municipality[];
  idempotencyKey?: string;
  /** New offers get two buttons: keep as draft, or submit. */
  mode: 'create' | 'edit';
  /** The organisation's members, who may be named as the contact person. */
  members: readonly ContactCandidate[];
  /** Shown to the network office only: fields to set the position on the map by hand, and where it is now. */
  correction?: { now: { lat: number; lng: number } | null } | undefined;
}

export function OfferFormView({ t, locale, title, intro, action, csrfToken, values, errors, municipalities, idempotencyKey, mode, members, correction }: Props) {
  const v = (name: string) => text(values, name);
  return (
    <>
      <h1>{title}</h1>
      {intro && <p class="lead">{intro}</p>}
      <ErrorSummary errors={errors} labels={offerFieldLabels(t)} t={t} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField token={csrfToken} />
        {idempotencyKey && <input type="hidden" name="idempotencyKey" value={idempotencyKey} />}
        <fieldset>
          <legend>{t('offers.section.what')}</legend>
          <Field name="title" label={t('offers.field.title')} hint={t('offers.field.titleHint')} value={v('title')} error={errors.title} required maxLength={OFFER_LIMITS.title} />
          <Field name="summary" label={t('offers.field.summary')} hint={t('offers.field.summaryHint')} value={v('summary')} error={errors.summary} maxLength={OFFER_LIMITS.summary} />
          <Field
            name="description"
            label={t('offers.field.description')}
            hint={t('offers.field.descriptionHint')}
            value={v('description')}
            error={errors.description}
            maxLength={OFFER_LIMITS.description}
            multiline
            rows={10}
          />
          <SelectField
            name="field"
            label={t('offers.field.field')}
            options={FIELDS.map((f) => ({ value: f, label: fieldLabel(locale, f) }))}
            value={v('field') || 'sozial'}
            error={errors.field}
            required
          />
          <CheckboxGroup
            name="targetGroups"
            legend={t('offers.field.targetGroups')}
            options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`offers.targetGroup.${g}`) }))}
            selected={list(values, 'targetGroups')}
            error={errors.targetGroups}
          />
          <Field name="tags" label={t('offers.field.tags')} hint={t('offers.field.tagsHint')} value={v('tags')} error={errors.tags} maxLength={OFFER_LIMITS.list} />
        </fieldset>
        <fieldset>
          <legend>{t('offers.section.when')}</legend>
          <SelectField
            name="commitment"
            label={t('offers.field.commitment')}
            options={COMMITMENTS.map((c) => ({ value: c, label: t(`offers.commitment.${c}`) }))}
            value={v('commitment') || 'regular'}
            error={errors.commitment}
            required
          />
          <Field
            name="hoursPerWeek"
            label={t('offers.field.hoursPerWeek')}
            hint={t('offers.field.hoursPerWeekHint')}
            value={v('hoursPerWeek')}
            error={errors.hoursPerWeek}
            maxLength={10}
          />
          <CheckboxGroup
            name="weekdays"
            legend={t('offers.field.weekdays')}
            options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`offers.weekday.${d}`) }))}
            selected={list(values, 'weekdays')}
            error={errors.weekdays}
          />
          <CheckboxGroup
            name="timesOfDay"
            legend={t('offers.field.timesOfDay')}
            options={TIMES_OF_DAY.map((d) => ({ value: d, label: t(`offers.timeOfDay.${d}`) }))}
            selected={list(values, 'timesOfDay')}
            error={errors.timesOfDay}
          />
          <Field name="startsOn" type="date" label={t('offers.field.startsOn')} value={v('startsOn')} error={errors.startsOn} maxLength={10} />
          <Field name="endsOn" type="date" label={t('offers.field.endsOn')} value={v('endsOn')} error={errors.endsOn} maxLength={10} />
        </fieldset>
        <fieldset>
          <legend>{t('offers.section.where')}</legend>
          <SelectField
            name="municipalityId"
            label={t('offers.field.municipalityId')}
            hint={t('offers.field.municipalityHint')}
            placeholder={t('organisations.choose')}
            options={municipalities.map((m) => ({ value: m.id, label: m.name }))}
            value={v('municipalityId')}
            error={errors.municipalityId}
          />
          <Checkbox name="remote" label={t('offers.field.remote')} checked={v('remote') === '1'} />
          <Field name="street" label={t('offers.field.street')} value={v('street')} error={errors.street} maxLength={OFFER_LIMITS.street} />
          <Field name="postcode" label={t('offers.field.postcode')} hint={t('offers.field.addressHint')} value={v('postcode')} error={errors.postcode} maxLength={5} autocomplete="postal-code" />
          <Field name="place" label={t('offers.field.place')} value={v('place')} error={errors.place} maxLength={OFFER_LIMITS.place} />
          <Field name="district" label={t('offers.field.district')} value={v('district')} error={errors.district} maxLength={OFFER_LIMITS.district} />
          {correction && (
            <fieldset>
              <legend>{t('offers.field.coordinates')}</legend>
              <p class="hint">{t('offers.field.coordinatesHint')}</p>
              {correction.now && <p class="hint">{t('offers.field.coordinatesNow', { lat: decimal(correction.now.lat), lng: decimal(correction.now.lng) })}</p>}
              <Field name="lat" label={t('offers.field.lat')} value={v('lat')} error={errors.lat} maxLength={20} />
              <Field name="lng" label={t('offers.field.lng')} value={v('lng')} error={errors.lng} maxLength={20} />
            </fieldset>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('offers.section.who')}</legend>
          <Field name="skills" label={t('offers.field.skills')} hint={t('offers.field.skillsHint')} value={v('skills')} error={errors.skills} maxLength={OFFER_LIMITS.list} />
          <CheckboxGroup
            name="suitability"
            legend={t('offers.field.suitability')}
            options={SUITABILITY.map((s) => ({ value: s, label: t(`offers.suitability.${s}`) }))}
            selected={list(values, 'suitability')}
            error={errors.suitability}
          />
          <Field name="peopleWanted" label={t('offers.field.peopleWanted')} value={v('peopleWanted')} error={errors.peopleWanted} maxLength={4} />
        </fieldset>
        <fieldset>
          <legend>{t('offers.section.contact')}</legend>
          <p class="hint">{t('offers.field.contactHint')}</p>
          <RadioGroup
            name="contact"
            legend={t('offers.field.contact')}
            hint={t('offers.field.contactChoiceHint')}
            options={[
              ...members.map((m) => ({ value: m.userId, label: m.name })),
              { value: 'other', label: t('offers.contact.other'), hint: t('offers.contact.otherHint') },
              { value: 'none', label: t('offers.contact.none'), hint: t('offers.contact.noneHint') },
            ]}
            value={v('contact')}
            error={errors.contact}
            required
          />
          <Field name="contactName" label={t('offers.field.contactName')} value={v('contactName')} error={errors.contactName} maxLength={OFFER_LIMITS.contactName} />
          <Field name="contactEmail" type="email" label={t('offers.field.contactEmail')} value={v('contactEmail')} error={errors.contactEmail} maxLength={OFFER_LIMITS.contactEmail} />
          <Field name="contactPhone" type="tel" label={t('offers.field.contactPhone')} value={v('contactPhone')} error={errors.contactPhone} maxLength={OFFER_LIMITS.contactPhone} />
        </fieldset>
        <div class="actions">
          {mode === 'create' ? (
            <>
              <button type="submit" name="intent" value="draft" class="secondary">
                {t('offers.create.saveDraft')}
              </button>
              <button type="submit" name="intent" value="submit">
                {t('offers.create.submit')}
              </button>
            </>
          ) : (
            <button type="submit" name="intent" value="draft">
              {t('offers.edit.save')}
            </button>
          )}
        </div>
      </form>
    </>
  );
}
