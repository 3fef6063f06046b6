import type { T } from '../../../platform/i18n/index.ts';
import { Markup } from '../../../platform/markup/index.ts';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import { Field } from '../../../platform/ui/field.tsx';
import type { FieldErrors } from '../../../platform/http/forms.ts';

interface Option {
  id: string;
  name: string;
  description?: string;
}

export function SubscribePage(props: {
  t: T;
  network: { name: string; slug: string };
  csrfToken: string;
  lists: Option[];
  municipalities: Option[];
  fields: Array<{ value: string; label: string }>;
  values: { email?: string; lists?: string[]; digest?: boolean; municipalities?: string[]; fields?: string[]; consent?: boolean };
  errors: FieldErrors;
  sent: boolean;
}) {
  const { t, values } = props;
  const labels = { email: t('infomail.subscribe.email'), lists: t('infomail.subscribe.lists'), consent: t('infomail.subscribe.consent', { network: props.network.name }) };
  return (
    <>
      <h1>{t('infomail.subscribe.title', { network: props.network.name })}</h1>
      {props.sent && <Notice kind="success">{t('infomail.subscribe.sent')}</Notice>}
      <p>{t('infomail.subscribe.intro')}</p>
      <ErrorSummary errors={props.errors} labels={labels} t={t} />
      <form method="post" action={`/netzwerk/${props.network.slug}/infomail`} novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="email" type="email" label={labels.email} value={values.email} error={props.errors.email} autocomplete="email" required maxLength={320} inputMode="email" />
        <fieldset id="f-lists" class={props.errors.lists ? 'field field--error' : 'field'}>
          <legend>{labels.lists}</legend>
          {props.errors.lists && <p class="field-error">{props.errors.lists}</p>}
          {props.lists.length === 0 && <p>{t('infomail.subscribe.noLists')}</p>}
          {props.lists.map((list) => (
            <div class="checkbox" key={list.id}>
              <input type="checkbox" id={`l-${list.id}`} name="lists" value={list.id} checked={values.lists?.includes(list.id)} />
              <label for={`l-${list.id}`}>
                {list.name}
                {list.description ? ` – ${list.description}` : ''}
              </label>
            </div>
          ))}
          <div class="checkbox">
            <input type="checkbox" id="f-digest" name="digest" value="1" checked={values.digest} aria-describedby="h-digest" />
            <label for="f-digest">{t('infomail.subscribe.digest')}</label>
            <p class="hint" id="h-digest">
              {t('infomail.subscribe.digestHint')}
            </p>
          </div>
        </fieldset>
        <details>
          <summary>{t('infomail.subscribe.municipalities')} / {t('infomail.subscribe.fields')}</summary>
          <fieldset>
            <legend>{t('infomail.subscribe.municipalities')}</legend>
            {props.municipalities.map((m) => (
              <div class="checkbox" key={m.id}>
                <input type="checkbox" id={`m-${m.id}`} name="municipalities" value={m.id} checked={values.municipalities?.includes(m.id)} />
                <label for={`m-${m.id}`}>{m.name}</label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('infomail.subscribe.fields')}</legend>
            {props.fields.map((f) => (
              <div class="checkbox" key={f.value}>
                <input type="checkbox" id={`b-${f.value}`} name="fields" value={f.value} checked={values.fields?.includes(f.value)} />
                <label for={`b-${f.value}`}>{f.label}</label>
              </div>
            ))}
          </fieldset>
        </details>
        <div class={props.errors.consent ? 'checkbox field--error' : 'checkbox'}>
          {props.errors.consent && <p class="field-error">{props.errors.consent}</p>}
          <input type="checkbox" id="f-consent" name="consent" value="1" checked={values.consent} required />
          <label for="f-consent">{labels.consent}</label>
        </div>
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

export function MessagePage({ title, text, link }: { title: string; text: string; link?: { href: string; label: string } | undefined }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      {link && (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      )}
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
  lists: Array<Option & { subscribed: boolean }>;
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
        <fieldset>
          <legend>{t('infomail.preferences.lists')}</legend>
          {props.lists.map((list) => (
            <div class="checkbox" key={list.id}>
              <input type="checkbox" id={`l-${list.id}`} name="lists" value={list.id} checked={list.subscribed} />
              <label for={`l-${list.id}`}>{list.name}</label>
            </div>
          ))}
          <div class="checkbox">
            <input type="checkbox" id="f-digest" name="digest" value="1" checked={props.digest} />
            <label for="f-digest">{t('infomail.subscribe.digest')}</label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('infomail.preferences.frequency')}</legend>
          {(['all', 'digest'] as const).map((value) => (
            <div class="radio" key={value}>
              <input type="radio" id={`f-frequency-${value}`} name="frequency" value={value} checked={props.frequency === value} />
              <label for={`f-frequency-${value}`}>{t(`infomail.preferences.frequency.${value}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button" name="action" value="save">
          {t('infomail.preferences.save')}
        </button>{' '}
        <button type="submit" class="button button--secondary" name="action" value="unsubscribe_all">
          {t('infomail.preferences.unsubscribeAll')}
        </button>
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
        <p>{t('infomail.archive.empty')}</p>
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
