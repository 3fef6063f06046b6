import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { SUBJECT_TYPES, type ReportSubject } from '../queries.ts';

interface Props {
  t: T;
  subject: ReportSubject | undefined;
  values: { subjectType?: string; subjectId?: string; reason?: string };
  errors: FieldErrors;
  csrfToken: string;
}

export function ReportForm({ t, subject, values, errors, csrfToken }: Props) {
  return (
    <>
      <h1>{t('moderation.report.title')}</h1>
      <p class="lead">{t('moderation.report.intro')}</p>
      <ErrorSummary
        errors={errors}
        labels={{
          subjectType: t('moderation.report.subjectType'),
          subjectId: t('moderation.report.subjectId'),
          reason: t('moderation.report.reason'),
        }}
        t={t}
      />
      <form method="post" action="/melden" class="stack" noValidate>
        <CsrfField token={csrfToken} />
        {subject ? (
          <>
            <p>{t('moderation.report.subject', { kind: t(`moderation.subject.${subject.type}`), title: subject.title })}</p>
            <input type="hidden" name="subjectType" value={subject.type} />
            <input type="hidden" name="subjectId" value={subject.id} />
          </>
        ) : (
          <>
            <SelectField
              name="subjectType"
              label={t('moderation.report.subjectType')}
              options={SUBJECT_TYPES.map((type) => ({ value: type, label: t(`moderation.subject.${type}`) }))}
              value={values.subjectType}
              error={errors.subjectType}
              required
            />
            <Field name="subjectId" label={t('moderation.report.subjectId')} value={values.subjectId} error={errors.subjectId} required maxLength={36} />
          </>
        )}
        <Field
          name="reason"
          label={t('moderation.report.reason')}
          hint={t('moderation.report.reasonHint')}
          value={values.reason}
          error={errors.reason}
          required
          multiline
          rows={5}
          maxLength={2000}
        />
        <div class="actions">
          <button type="submit">{t('moderation.report.submit')}</button>
        </div>
      </form>
    </>
  );
}
