import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import type { InquiryOffer } from '../queries.ts';

export const INQUIRY_MAX = { message: 2000, name: 120, email: 254 } as const;

interface InquiryFormProps {
  t: T;
  csrfToken: string;
  offer: InquiryOffer;
  signedIn: boolean;
  requestKey: string;
  values: Record<string, string>;
  errors: FieldErrors;
  loginPath: string;
  /** The volunteer's running placement for this offer, if there is one. */
  existing?: string | undefined;
  /** The network whose office answers, for an offer without any contact address. */
  mediatedBy?: string | undefined;
}

export function inquiryLabels(t: T): Record<string, string> {
  // In the order of the form, which is the order of the error summary.
  return {
    name: t('placements.inquiry.name'),
    email: t('placements.inquiry.email'),
    message: t('placements.inquiry.message'),
    consent: t('placements.inquiry.consentLabel'),
  };
}

export function InquiryForm({ t, csrfToken, offer, signedIn, requestKey, values, errors, loginPath, existing, mediatedBy }: InquiryFormProps) {
  const labels = inquiryLabels(t);
  const consentError = errors.consent;
  return (
    <>
      <h1>{t('placements.inquiry.title', { title: offer.title })}</h1>
      <p class="meta">
        {t('placements.inquiry.organisation', { name: offer.organisationName })}
        {offer.municipalityName && <> · {t('placements.inquiry.municipality', { name: offer.municipalityName })}</>}
      </p>
      {offer.summary && <p class="lead">{offer.summary}</p>}
      {mediatedBy && <MediatedHint t={t} network={mediatedBy} />}
      {existing && (
        <Notice>
          {t('placements.inquiry.existing')} <a href={`/vermittlungen/${existing}`}>{t('placements.inquiry.existingLink')}</a>
        </Notice>
      )}
      <p>{t('placements.inquiry.intro')}</p>
      {!signedIn && (
        <p>
          {t('placements.inquiry.haveAccount')} <a href={loginPath}>{t('placements.inquiry.login')}</a>
        </p>
      )}
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action={`/angebote/${offer.id}/anfragen`} noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="requestKey" value={requestKey} />
        {!signedIn && (
          <>
            <Field
              name="name"
              label={labels.name ?? ''}
              value={values.name}
              error={errors.name}
              autocomplete="name"
              required
              maxLength={INQUIRY_MAX.name}
            />
            <Field
              name="email"
              type="email"
              label={labels.email ?? ''}
              hint={t('placements.inquiry.emailHint')}
              value={values.email}
              error={errors.email}
              autocomplete="email"
              required
              maxLength={INQUIRY_MAX.email}
            />
          </>
        )}
        <Field
          name="message"
          label={labels.message ?? ''}
          hint={t('placements.inquiry.messageHint', { max: INQUIRY_MAX.message })}
          value={values.message}
          error={errors.message}
          required
          multiline
          rows={6}
          maxLength={INQUIRY_MAX.message}
        />
        {!signedIn && (
          <div class={consentError ? 'field field--error' : 'field'}>
            {consentError && (
              <p class="field-error" id="f-consent-error">
                {consentError}
              </p>
            )}
            <div class="checkbox">
              <input
                type="checkbox"
                id="f-consent"
                name="consent"
                value="ja"
                required
                checked={values.consent === 'ja'}
                aria-invalid={consentError ? 'true' : undefined}
                aria-describedby={consentError ? 'f-consent-error' : undefined}
              />
              <label for="f-consent">{t('placements.inquiry.consent')}</label>
            </div>
            <p class="hint">
              <a href={`/netzwerk/${offer.networkSlug}/datenschutz`}>{t('placements.inquiry.privacy')}</a>
            </p>
          </div>
        )}
        <div class="actions">
          <button type="submit">{t('placements.inquiry.submit')}</button>
          <a href={`/angebote/${offer.id}`}>{t('placements.inquiry.back')}</a>
        </div>
      </form>
    </>
  );
}

/** Said to the volunteer wherever it matters: who answers an offer whose organisation has no contact address. */
export function MediatedHint({ t, network }: { t: T; network: string }) {
  return <p class="hint">{t('placements.inquiry.mediated', { network })}</p>;
}

export function InquirySent({ t, days, mediatedBy }: { t: T; days: number; mediatedBy?: string | undefined }) {
  return (
    <>
      <h1>{t('placements.inquiry.sentTitle')}</h1>
      <p>{t('placements.inquiry.sentText', { days })}</p>
      {mediatedBy && <MediatedHint t={t} network={mediatedBy} />}
    </>
  );
}

export function ConfirmPage({ t, csrfToken, title, action }: { t: T; csrfToken: string; title: string; action: string }) {
  return (
    <>
      <h1>{t('placements.confirm.title')}</h1>
      <p>{t('placements.confirm.text', { title })}</p>
      <form method="post" action={action}>
        <CsrfField token={csrfToken} />
        <button type="submit">{t('placements.confirm.button')}</button>
      </form>
    </>
  );
}

export function ConfirmInvalid({ t }: { t: T }) {
  return (
    <>
      <h1>{t('placements.confirm.invalidTitle')}</h1>
      <p>{t('placements.confirm.invalidText')}</p>
    </>
  );
}
