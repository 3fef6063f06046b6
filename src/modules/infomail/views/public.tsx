import type { T } from '../../../platform/i18n/index.ts';
import { Markup } from '../../../platform/markup/index.ts';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import { Field, type Option } from '../../../platform/ui/field.tsx';
import { Checkbox, CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { RadioGroup } from '../../../platform/ui/radio-group.tsx';
import { EmptyState } from '../../../platform/ui/empty-state.tsx';
import type { FieldErrors } from '../../../platform/http/forms.ts';

export function SubscribePage(props: {
  t: T;
  network: { name: string; slug: string };
  csrfToken: string;
  lists: Option[];
  municipalities: Option[];
  fields: Option[];
  values: { email?: string; lists?: string[]; digest?: boolean; municipalities?: string[]; fields?: string[]; consent?: boolean };
  errors: FieldErrors;
  sent: boolean;
}) {
  const { t, values, errors } = props;
  const labels = {
    email: t('infomail.subscribe.email'),
    lists: t('infomail.subscribe.lists'),
    digest: t('infomail.subscribe.digest'),
    consent: t('infomail.subscribe.consent', { network: props.network.name }),
  };
  return (
    <>
      <h1>{t('infomail.subscribe.title', { network: props.network.name })}</h1>
      {props.sent && <Notice kind="success">{t('infomail.subscribe.sent')}</Notice>}
      <p>{t('infomail.subscribe.intro')}</p>
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action={`/netzwerk/${props.network.slug}/infomail`} novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="email" type="email" label={labels.email} value={values.email} error={errors.email} autocomplete="email" required maxLength={320} inputMode="email" />
        {props.lists.length > 0 ? (
          <CheckboxGroup name="lists" legend={labels.lists} options={props.lists} selected={values.lists ?? []} error={errors.lists} />
        ) : (
          <p>{t('infomail.subscribe.noLists')}</p>
        )}
        <Checkbox name="digest" label={labels.digest} hint={t('infomail.subscribe.digestHint')} checked={values.digest ?? false} error={errors.digest} />
        <details>
          <summary>
            {t('infomail.subscribe.municipalities')} / {t('infomail.subscribe.fields')}
          </summary>
          <CheckboxGroup name="municipalities" legend={t('infomail.subscribe.municipalities')} options={props.municipalities} selected={values.municipalities ?? []} columns />
          <CheckboxGroup name="fields" legend={t('infomail.subscribe.fields')} options={props.fields} selected={values.fields ?? []} columns />
        </details>
        <Checkbox name="consent" label={labels.consent} checked={values.consent ?? false} error={errors.consent} />
        <button type="submit" class="button">
          {t('infomail.subscribe.submit')}
        </button>
      </form>
      <p>
        <a href={`/netzwerk/${props.network.slug}/infomail/archiv`}>{t('infomail.subscribe.archive')}</a>
      </p>
    </>
  );
}


export function UnsubscribePage(props: { t: T; action: string; email: string; list: string; preferences: string | null; done: 'list' | 'all' | null }) {
  const { t } = props;
  return (
    <>
      <h1>{t('infomail.unsubscribe.title')}</h1>
      {props.done ? (
        <Notice kind="success">{props.done === 'all' ? t('infomail.unsubscribe.allDone') : t('infomail.unsubscribe.done')}</Notice>
      ) : (
        <form method="post" action={props.action}>
          <p>{t('infomail.unsubscribe.question', { email: props.email, list: props.list })}</p>
          <button type="submit" class="button">
            {t('infomail.unsubscribe.button')}
          </button>
        </form>
      )}
      {props.preferences && !props.done && (
        <p>
          <a href={props.preferences}>{t('infomail.unsubscribe.preferences')}</a>
        </p>
      )}
    </>
  );
}

export function PreferencesPage(props: {
  t: T;
  action: string;
  csrfToken: string;
  email: string;
  lists: Option[];
  subscribed: string[];
  frequency: 'all' | 'digest';
  digest: boolean;
  saved: boolean;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t('infomail.preferences.title')}</h1>
      {props.saved && <Notice kind="success">{t('infomail.preferences.saved')}</Notice>}
      <p>{props.email}</p>
      <form method="post" action={props.action}>
        <CsrfField token={props.csrfToken} />
        <CheckboxGroup name="lists" legend={t('infomail.preferences.lists')} options={props.lists} selected={props.subscribed} />
        <Checkbox name="digest" label={t('infomail.subscribe.digest')} checked={props.digest} />
        <RadioGroup
          name="frequency"
          legend={t('infomail.preferences.frequency')}
          options={(['all', 'digest'] as const).map((value) => ({ value, label: t(`infomail.preferences.frequency.${value}`) }))}
          value={props.frequency}
        />
        <div class="actions">
          <button type="submit" class="button" name="action" value="save">
            {t('infomail.preferences.save')}
          </button>
          <button type="submit" class="button secondary" name="action" value="unsubscribe_all">
            {t('infomail.preferences.unsubscribeAll')}
          </button>
        </div>
      </form>
    </>
  );
}

export function ArchivePage(props: { t: T; network: { name: string; slug: string }; mailings: Array<{ id: string; subject: string; sentAt: string }> }) {
  const { t } = props;
  return (
    <>
      <h1>{t('infomail.archive.title', { network: props.network.name })}</h1>
      <p>
        <a href={`/netzwerk/${props.network.slug}/infomail/archiv.rss`}>{t('infomail.archive.rss')}</a>
      </p>
      {props.mailings.length === 0 ? (
        <EmptyState>{t('infomail.archive.empty')}</EmptyState>
      ) : (
        <ul class="archive">
          {props.mailings.map((m) => (
            <li key={m.id}>
              <a href={`/netzwerk/${props.network.slug}/infomail/archiv/${m.id}`}>{m.subject}</a> – {t('infomail.archive.sentOn', { date: m.sentAt })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ArchiveMailPage(props: { t: T; subject: string; sentAt: string; html: string; back: string; backLabel: string }) {
  return (
    <article>
      <h1>{props.subject}</h1>
      <p>{props.t('infomail.archive.sentOn', { date: props.sentAt })}</p>
      <Markup html={props.html} profile="rich" class="infomail-body" />
      <p>
        <a href={props.back}>{props.backLabel}</a>
      </p>
    </article>
  );
}
