import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/ui/form.tsx';
import type { ContactableVolunteer, PlacementSubject } from '../queries.ts';
import { MESSAGE_MAX } from './placement.tsx';

interface Props {
  t: T;
  csrfToken: string;
  action: string;
  need: PlacementSubject | undefined;
  offer: PlacementSubject | undefined;
  volunteers: ContactableVolunteer[];
  requestKey: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** One form: the subject is fixed by the link it came from; the volunteer is chosen among those who opted in. */
export function OpenPlacementForm({ t, csrfToken, action, need, offer, volunteers, requestKey, values, errors }: Props) {
  const labels = { volunteer: t('placements.open.volunteer'), message: t('placements.open.message') };
  return (
    <>
      <h1>{t('placements.open.title')}</h1>
      <p>{t('placements.open.intro')}</p>
      <dl>
        {need && (
          <>
            <dt>{t('placements.open.need')}</dt>
            <dd>{need.title}</dd>
          </>
        )}
        {offer && (
          <>
            <dt>{t('placements.open.offer')}</dt>
            <dd>
              <a href={`/angebote/${offer.id}`}>{offer.title}</a>
            </dd>
          </>
        )}
      </dl>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      {volunteers.length === 0 ? (
        <p>{t('placements.open.noVolunteers')}</p>
      ) : (
        <form method="post" action={action} noValidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="requestKey" value={requestKey} />
          <div class={errors.volunteer ? 'field field--error' : 'field'}>
            <label for="f-volunteer">{labels.volunteer}</label>
            {errors.volunteer && (
              <p class="field-error" id="f-volunteer-error">
                {errors.volunteer}
              </p>
            )}
            <select
              id="f-volunteer"
              name="volunteer"
              required
              aria-invalid={errors.volunteer ? 'true' : undefined}
              aria-describedby={errors.volunteer ? 'f-volunteer-error' : undefined}
            >
              <option value="">{t('placements.open.chooseVolunteer')}</option>
              {volunteers.map((v) => (
                <option key={v.userId} value={v.userId} selected={values.volunteer === v.userId}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <Field
            name="message"
            label={labels.message}
            value={values.message}
            error={errors.message}
            required
            maxLength={MESSAGE_MAX}
            multiline
            rows={5}
          />
          <button type="submit">{t('placements.open.submit')}</button>
        </form>
      )}
    </>
  );
}
