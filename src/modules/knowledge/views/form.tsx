import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { T } from '../../../platform/i18n/index.ts';
import { Field, SelectField } from '../../../platform/ui/field.tsx';
import { CsrfField, ErrorSummary } from '../../../platform/ui/form.tsx';
import { RadioGroup } from '../../../platform/ui/radio-group.tsx';
import type { EntryFormValues } from '../form.ts';
import { ENTRY_KINDS, THEMES } from '../schema.ts';
import { MarkdownBlock } from './entry.tsx';
import { kindLabel, themeLabel } from './labels.ts';

/**
 * The editor: Markdown in plain text areas, and a "Vorschau" button that sends the form and shows
 * the rendered text above it, with everything typed kept — no JavaScript needed.
 */
export function EntryForm(props: {
  t: T;
  csrfToken: string;
  action: string;
  mode: 'create' | 'edit';
  values: EntryFormValues;
  errors: FieldErrors;
  preview: boolean;
  municipalities: Array<{ id: string; name: string }>;
  canPublish: boolean;
}) {
  const { t, values, errors } = props;
  const labels: Record<string, string> = {
    kind: t('knowledge.field.kind'),
    title: t('knowledge.field.title'),
    summary: t('knowledge.field.summary'),
    body: t('knowledge.field.body'),
    situation: t('knowledge.field.situation'),
    approach: t('knowledge.field.approach'),
    result: t('knowledge.field.result'),
    contact: t('knowledge.field.contact'),
    municipalityId: t('knowledge.field.municipality'),
    theme: t('knowledge.field.theme'),
    tags: t('knowledge.field.tags'),
    visibility: t('knowledge.field.visibility'),
  };
  return (
    <>
      <h1>{props.mode === 'create' ? t('knowledge.new.title') : t('knowledge.edit.title')}</h1>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      {props.preview && (
        <section aria-labelledby="vorschau" class="preview">
          <h2 id="vorschau">{t('knowledge.preview.heading')}</h2>
          <h3>{values.title}</h3>
          {values.summary && <p class="lead">{values.summary}</p>}
          <MarkdownBlock text={values.situation ?? ''} />
          <MarkdownBlock text={values.approach ?? ''} />
          <MarkdownBlock text={values.result ?? ''} />
          <MarkdownBlock text={values.body ?? ''} />
        </section>
      )}
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        <SelectField name="kind" label={labels.kind!} options={ENTRY_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))} value={values.kind} error={errors.kind} required />
        <Field name="title" label={labels.title!} value={values.title} error={errors.title} required maxLength={200} />
        <Field name="summary" label={labels.summary!} hint={t('knowledge.hint.summary')} value={values.summary} error={errors.summary} maxLength={500} />
        <fieldset class="field">
          <legend>{t('knowledge.practice.legend')}</legend>
          <p class="hint">{t('knowledge.hint.practice')}</p>
          <Field name="situation" label={labels.situation!} value={values.situation} error={errors.situation} multiline rows={4} maxLength={8000} />
          <Field name="approach" label={labels.approach!} value={values.approach} error={errors.approach} multiline rows={4} maxLength={8000} />
          <Field name="result" label={labels.result!} value={values.result} error={errors.result} multiline rows={4} maxLength={8000} />
          <Field name="contact" label={labels.contact!} value={values.contact} error={errors.contact} maxLength={300} />
          <SelectField
            name="municipalityId"
            label={labels.municipalityId!}
            options={props.municipalities.map((m) => ({ value: m.id, label: m.name }))}
            placeholder={t('knowledge.municipality.none')}
            value={values.municipalityId}
            error={errors.municipalityId}
          />
        </fieldset>
        <Field name="body" label={labels.body!} hint={t('knowledge.hint.markdown')} value={values.body} error={errors.body} multiline rows={14} maxLength={100000} />
        <SelectField
          name="theme"
          label={labels.theme!}
          options={THEMES.map((th) => ({ value: th, label: themeLabel(t, th) }))}
          placeholder={t('knowledge.theme.none')}
          value={values.theme}
          error={errors.theme}
        />
        <Field name="tags" label={labels.tags!} hint={t('knowledge.hint.tags')} value={values.tags} error={errors.tags} maxLength={500} />
        <RadioGroup
          name="visibility"
          legend={labels.visibility!}
          options={[
            { value: 'public', label: t('knowledge.visibility.public') },
            { value: 'members', label: t('knowledge.visibility.members'), hint: t('knowledge.hint.members') },
          ]}
          value={values.visibility || 'public'}
          error={errors.visibility}
        />
        <div class="actions">
          <button type="submit" name="aktion" value="vorschau" class="secondary">
            {t('knowledge.action.preview')}
          </button>{' '}
          <button type="submit" name="aktion" value="entwurf" class="secondary">
            {t('knowledge.action.draft')}
          </button>{' '}
          {props.canPublish ? (
            <button type="submit" name="aktion" value="veroeffentlichen">
              {t('knowledge.action.publish')}
            </button>
          ) : (
            <button type="submit" name="aktion" value="einreichen">
              {t('knowledge.action.submit')}
            </button>
          )}
        </div>
      </form>
    </>
  );
}
