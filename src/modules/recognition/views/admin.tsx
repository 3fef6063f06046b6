import type { FieldErrors } from '../../../platform/http/forms.ts';
import type { Locale, MessageKey, T } from '../../../platform/i18n/index.ts';
import { StatusBadge } from '../../../platform/ui/badge.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import { Field, SelectField } from '../../../platform/ui/field.tsx';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import type { ApplicationRow } from '../queries.ts';
import type { CardRules } from '../rules/types.ts';
import { formatDay, formatHours } from './format.ts';

export interface SettingsValues {
  state: string;
  reminderFirst: string;
  reminderSecond: string;
  reminderSecondOff: boolean;
}

interface AdminPageProps {
  t: T;
  locale: Locale;
  csrfToken: string;
  network: { slug: string; name: string };
  canConfigure: boolean;
  /** The settings form's values: saved, or as typed after an error. */
  settings: SettingsValues;
  states: readonly CardRules[];
  applications: ApplicationRow[];
  errors: FieldErrors;
  notice: string | null;
}

/** Applications to decide (one card each: evidence, approve, reject with reason), the state's rules, revocation. */
export function ApplicationsPage(props: AdminPageProps) {
  const { t, locale } = props;
  const base = `/netzwerk/${props.network.slug}/verwaltung/ehrenamtskarte`;
  return (
    <>
      <h1>{t('recognition.admin.title', { network: props.network.name })}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <ErrorSummary
        errors={props.errors}
        labels={{
          reason: t('recognition.admin.reason'),
          state: t('recognition.admin.state'),
          reminderFirst: t('recognition.admin.reminderFirst'),
          reminderSecond: t('recognition.admin.reminderSecond'),
        }}
        t={t}
      />
      {props.canConfigure && (
        <form method="post" action={`${base}/einstellungen`} class="stack-form">
          <h2>{t('recognition.admin.settings')}</h2>
          <CsrfField token={props.csrfToken} />
          <SelectField
            name="state"
            label={t('recognition.admin.state')}
            hint={t('recognition.admin.stateHint')}
            options={props.states.map((s) => ({ value: s.state, label: s.name }))}
            value={props.settings.state || undefined}
            placeholder=""
            error={props.errors.state}
          />
          <fieldset>
            <legend>{t('recognition.admin.reminders')}</legend>
            <p class="hint">{t('recognition.admin.remindersHint')}</p>
            <Field
              name="reminderFirst"
              label={t('recognition.admin.reminderFirst')}
              type="number"
              inputMode="numeric"
              min={1}
              max={26}
              required
              value={props.settings.reminderFirst}
              error={props.errors.reminderFirst}
            />
            <Field
              name="reminderSecond"
              label={t('recognition.admin.reminderSecond')}
              hint={t('recognition.admin.reminderSecondHint')}
              type="number"
              inputMode="numeric"
              min={1}
              max={25}
              value={props.settings.reminderSecond}
              error={props.errors.reminderSecond}
            />
            <div class="field">
              <label>
                <input type="checkbox" name="reminderSecondOff" value="1" checked={props.settings.reminderSecondOff} /> {t('recognition.admin.reminderSecondOff')}
              </label>
            </div>
          </fieldset>
          <button type="submit" class="secondary">
            {t('recognition.admin.stateSave')}
          </button>
        </form>
      )}
      <h2>{t('recognition.admin.applications')}</h2>
      {props.applications.length === 0 ? (
        <EmptyState>{t('recognition.admin.none')}</EmptyState>
      ) : (
        <ul class="cards">
          {props.applications.map((a) => (
            <li key={a.id} class="card">
              <h3>
                {a.holderName} – {t(a.kind === 'gold' ? 'recognition.card.kindGold' : 'recognition.card.kindStandard')}
              </h3>
              <p>
                <StatusBadge
                  label={t(`recognition.card.status.${a.status}` as MessageKey)}
                  tone={a.status === 'approved' ? 'success' : a.status === 'rejected' ? 'danger' : a.status === 'submitted' ? 'warning' : 'neutral'}
                />{' '}
                {t('recognition.admin.submitted')}: {formatDay(locale, a.createdAt.toISOString().slice(0, 10))}
                {a.municipality && ` · ${a.municipality}`}
                {a.renewalNumber && ` · ${t('recognition.renewal.of', { number: a.renewalNumber })}`}
                {a.email && ` · ${a.email}`}
              </p>
              <p>
                {t('recognition.admin.evidence')}:{' '}
                {a.evidence.map((p) => `${formatDay(locale, p.from)}–${formatDay(locale, p.to)}: ${formatHours(locale, p.have)}/${formatHours(locale, p.need)}`).join('; ') || '–'}
                {a.alternative && ` · ${t(`recognition.alternative.${a.alternative}` as MessageKey)}`}
              </p>
              {a.note && <p class="hint">{a.note}</p>}
              {a.status === 'submitted' && (
                <form method="post" action={`${base}/${a.id}/entscheiden`} class="stack-form">
                  <CsrfField token={props.csrfToken} />
                  <Field id={`f-reason-${a.id}`} name="reason" label={t('recognition.admin.reason')} maxLength={500} />
                  <div class="actions">
                    <button type="submit" name="decision" value="approve">
                      {t('recognition.admin.approve')}
                    </button>
                    <button type="submit" name="decision" value="reject" class="secondary">
                      {t('recognition.admin.reject')}
                    </button>
                  </div>
                </form>
              )}
              {a.cardId && (
                <p>
                  {t('recognition.admin.card')}: {a.cardNumber}{' '}
                  <StatusBadge label={t(`recognition.card.status.${a.cardStatus === 'revoked' ? 'revoked' : 'valid'}` as MessageKey)} tone={a.cardStatus === 'revoked' ? 'danger' : 'success'} />
                </p>
              )}
              {a.cardId && a.cardStatus === 'valid' && (
                <form method="post" action={`${base}/karten/${a.cardId}/sperren`} class="stack-form">
                  <CsrfField token={props.csrfToken} />
                  <Field id={`f-revoke-${a.cardId}`} name="reason" label={t('recognition.admin.revokeReason')} maxLength={500} required />
                  <button type="submit" class="danger">
                    {t('recognition.admin.revoke')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
