import type { T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Notice } from '../../../platform/ui/form.tsx';
import { Field } from '../../../platform/ui/field.tsx';
import { describedBy, HintAndError } from '../../../platform/ui/hint.tsx';
import { Checkbox, CheckboxGroup } from '../../../platform/ui/checkbox-group.tsx';
import { RadioGroup } from '../../../platform/ui/radio-group.tsx';
import type { InfomailList, Mailing, Recipient } from '../schema.ts';

const base = (slug: string) => `/netzwerk/${slug}/verwaltung/infomail`;

interface Choice {
  value: string;
  label: string;
}

export function AdminIndexPage(props: {
  t: T;
  slug: string;
  csrfToken: string;
  notice: string | null;
  lists: Array<InfomailList & { confirmed: number }>;
  mailings: Mailing[];
  roles: Choice[];
  municipalities: Choice[];
  fields: Choice[];
  events: Choice[];
  errors: FieldErrors;
}) {
  const { t, slug } = props;
  return (
    <>
      <h1>{t('infomail.admin.title')}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <p>
        <a class="button" href={`${base(slug)}/neu`}>
          {t('infomail.admin.newMailing')}
        </a>{' '}
        <a href={`${base(slug)}/unzustellbar`}>{t('infomail.admin.bounces')}</a> · <a href={`${base(slug)}/einstellungen`}>{t('infomail.admin.settings')}</a>
      </p>
      <h2>{t('infomail.admin.mailings')}</h2>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that may scroll must take the focus (WCAG 2.1.1) */}
      <div class="table-scroll" role="region" aria-label={t('infomail.admin.mailings')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('infomail.mailing.subject')}</th>
              <th scope="col">{t('infomail.mailing.list')}</th>
              <th scope="col">{t('infomail.mailing.state')}</th>
            </tr>
          </thead>
          <tbody>
            {props.mailings.map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={`${base(slug)}/${m.id}`}>{m.subject}</a>
                </td>
                <td>{props.lists.find((l) => l.id === m.listId)?.name ?? ''}</td>
                <td>{t(`infomail.status.${m.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('infomail.admin.lists')}</h2>
      <ul>
        {props.lists.map((l) => (
          <li key={l.id}>
            {l.name} ({t(`infomail.list.kind.${l.kind}`)}
            {l.kind === 'subscription' ? `, ${t('infomail.admin.subscribers', { count: l.confirmed })}` : ''})
          </li>
        ))}
      </ul>
      <h2 id="neue-liste">{t('infomail.admin.newList')}</h2>
      <ErrorSummary errors={props.errors} labels={{ name: t('infomail.list.name') }} t={t} />
      <form method="post" action={`${base(slug)}/listen`}>
        <CsrfField token={props.csrfToken} />
        <Field name="name" label={t('infomail.list.name')} required maxLength={120} error={props.errors.name} />
        <Field name="description" label={t('infomail.list.description')} maxLength={500} />
        <RadioGroup name="kind" legend={t('infomail.list.kind')} options={(['subscription', 'segment'] as const).map((kind) => ({ value: kind, label: t(`infomail.list.kind.${kind}`) }))} value="subscription" />
        <Checkbox name="isPublic" label={t('infomail.list.public')} checked={false} />
        <CheckboxGroup name="roles" legend={t('infomail.list.roles')} options={props.roles} selected={[]} />
        <Checkbox name="organisationContacts" label={t('infomail.list.organisationContacts')} checked={false} />
        <Checkbox name="contactableVolunteers" label={t('infomail.list.volunteers')} checked={false} />
        <CheckboxGroup name="municipalities" legend={t('infomail.list.municipalities')} options={props.municipalities} selected={[]} columns />
        <CheckboxGroup name="fields" legend={t('infomail.list.fields')} options={props.fields} selected={[]} columns />
        <div class="field">
          <label for="f-event">{t('infomail.list.event')}</label>
          <select id="f-event" name="eventId">
            <option value="">{t('infomail.list.noEvent')}</option>
            {props.events.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('infomail.list.save')}
        </button>
      </form>
    </>
  );
}

export function ComposePage(props: {
  t: T;
  slug: string;
  csrfToken: string;
  mailing: Mailing | null;
  values: { listId: string; subject: string; body: string; scheduledAt: string };
  lists: Choice[];
  errors: FieldErrors;
  notice: string | null;
  preview: { html: string; text: string } | null;
  requireApproval: boolean;
  /** How many addresses the chosen list reaches now (unsubscribed and bounced ones left out). */
  reach: number | null;
}) {
  const { t, slug, mailing } = props;
  const reach = props.reach === null ? undefined : t('infomail.list.audience', { count: props.reach });
  const action = mailing ? `${base(slug)}/${mailing.id}` : `${base(slug)}/neu`;
  const labels = { subject: t('infomail.mailing.subject'), listId: t('infomail.mailing.list'), scheduledAt: t('infomail.mailing.scheduledAt') };
  return (
    <>
      <p>
        <a href={base(slug)}>{t('infomail.admin.back')}</a>
      </p>
      <h1>{mailing ? mailing.subject : t('infomail.admin.newMailing')}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      <ErrorSummary errors={props.errors} labels={labels} t={t} />
      <form method="post" action={action}>
        <CsrfField token={props.csrfToken} />
        <div class={props.errors.listId ? 'field field--error' : 'field'}>
          <label for="f-listId">{labels.listId}</label>
          <HintAndError id="f-listId" hint={reach} error={props.errors.listId} />
          <select id="f-listId" name="listId" required aria-describedby={describedBy('f-listId', reach, props.errors.listId)}>
            {props.lists.map((l) => (
              <option key={l.value} value={l.value} selected={l.value === props.values.listId}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <Field name="subject" label={labels.subject} value={props.values.subject} error={props.errors.subject} required maxLength={200} />
        <Field name="body" label={t('infomail.mailing.body')} hint={t('infomail.mailing.bodyHint')} value={props.values.body} multiline rows={14} maxLength={50000} />
        <Field name="scheduledAt" type="datetime-local" label={labels.scheduledAt} hint={t('infomail.mailing.scheduledAtHint')} value={props.values.scheduledAt} error={props.errors.scheduledAt} />
        <div class="actions">
          <button type="submit" class="button secondary" name="action" value="preview">
            {t('infomail.mailing.preview')}
          </button>{' '}
          <button type="submit" class="button secondary" name="action" value="save">
            {t('infomail.mailing.save')}
          </button>{' '}
          <button type="submit" class="button secondary" name="action" value="test">
            {t('infomail.mailing.test')}
          </button>{' '}
          <button type="submit" class="button" name="action" value="send">
            {props.requireApproval ? t('infomail.mailing.submit') : t('infomail.mailing.send')}
          </button>
        </div>
      </form>
      {props.preview && (
        <section aria-labelledby="vorschau-web">
          <h2 id="vorschau-web">{t('infomail.mailing.previewWeb')}</h2>
          <iframe title={t('infomail.mailing.previewWeb')} sandbox="" srcdoc={props.preview.html} class="mail-preview" />
          <h2>{t('infomail.mailing.previewText')}</h2>
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that may scroll must take the focus (WCAG 2.1.1) */}
          <pre class="mail-preview-text" tabIndex={0}>
            {props.preview.text}
          </pre>
        </section>
      )}
    </>
  );
}

export function MailingPage(props: {
  t: T;
  slug: string;
  csrfToken: string;
  mailing: Mailing;
  listName: string;
  counts: Record<string, number>;
  recipients: Recipient[];
  canApprove: boolean;
  notice: string | null;
  error: string | null;
}) {
  const { t, slug, mailing } = props;
  const action = `${base(slug)}/${mailing.id}/status`;
  return (
    <>
      <p>
        <a href={base(slug)}>{t('infomail.admin.back')}</a>
      </p>
      <h1>{mailing.subject}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {props.error && (
        <div class="error-summary" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <p>
        {t('infomail.mailing.list')}: {props.listName} · {t('infomail.mailing.state')}: <strong>{t(`infomail.status.${mailing.status}`)}</strong>
      </p>
      <form method="post" action={action}>
        <CsrfField token={props.csrfToken} />
        {mailing.status === 'sending' && (
          <button class="button" name="action" value="pause">
            {t('infomail.mailing.pause')}
          </button>
        )}
        {mailing.status === 'paused' && (
          <button class="button" name="action" value="resume">
            {t('infomail.mailing.resume')}
          </button>
        )}
        {mailing.status === 'awaiting_approval' && props.canApprove && (
          <button class="button" name="action" value="approve">
            {t('infomail.mailing.approve')}
          </button>
        )}
      </form>
      {(mailing.status === 'draft' || mailing.status === 'awaiting_approval') && (
        <p>
          <a href={`${base(slug)}/${mailing.id}/bearbeiten`}>{t('infomail.mailing.save')}</a>
        </p>
      )}
      <h2>{t('infomail.mailing.recipients')}</h2>
      <ul class="state-counts">
        {Object.entries(props.counts).map(([state, n]) => (
          <li key={state}>
            {t(`infomail.state.${state as Recipient['state']}`)}: {n}
          </li>
        ))}
      </ul>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that may scroll must take the focus (WCAG 2.1.1) */}
      <div class="table-scroll" role="region" aria-label={t('infomail.mailing.recipients')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('infomail.mailing.address')}</th>
              <th scope="col">{t('infomail.mailing.state')}</th>
              <th scope="col">{t('infomail.mailing.error')}</th>
            </tr>
          </thead>
          <tbody>
            {props.recipients.map((r) => (
              <tr key={r.id}>
                <td>{r.email}</td>
                <td>{t(`infomail.state.${r.state}`)}</td>
                <td>{r.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function SettingsPage(props: { t: T; slug: string; csrfToken: string; values: { fromName: string; replyTo: string; requireApproval: boolean }; errors: FieldErrors; saved: boolean }) {
  const { t } = props;
  return (
    <>
      <h1>{t('infomail.admin.settings')}</h1>
      {props.saved && <Notice kind="success">{t('infomail.settings.saved')}</Notice>}
      <ErrorSummary errors={props.errors} labels={{ replyTo: t('infomail.settings.replyTo') }} t={t} />
      <form method="post" action={`${base(props.slug)}/einstellungen`}>
        <CsrfField token={props.csrfToken} />
        <Field name="fromName" label={t('infomail.settings.fromName')} value={props.values.fromName} maxLength={120} />
        <Field name="replyTo" type="email" label={t('infomail.settings.replyTo')} value={props.values.replyTo} error={props.errors.replyTo} maxLength={320} />
        <div class="checkbox">
          <input type="checkbox" id="f-requireApproval" name="requireApproval" value="1" checked={props.values.requireApproval} />
          <label for="f-requireApproval">{t('infomail.settings.requireApproval')}</label>
        </div>
        <button class="button" type="submit">
          {t('infomail.settings.save')}
        </button>
      </form>
    </>
  );
}

export function BouncesPage(props: { t: T; limit: number; bounces: Array<{ id: string; email: string; hard: boolean; status: string; diagnostic: string; receivedAt: string; blocked: boolean }> }) {
  const { t } = props;
  return (
    <>
      <h1>{t('infomail.admin.bounces')}</h1>
      <p>{t('infomail.bounces.intro', { count: props.limit })}</p>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that may scroll must take the focus (WCAG 2.1.1) */}
      <div class="table-scroll" role="region" aria-label={t('infomail.admin.bounces')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('infomail.mailing.address')}</th>
              <th scope="col">{t('infomail.bounces.kind')}</th>
              <th scope="col">{t('infomail.bounces.reason')}</th>
              <th scope="col">{t('infomail.bounces.when')}</th>
            </tr>
          </thead>
          <tbody>
            {props.bounces.map((b) => (
              <tr key={b.id}>
                <td>
                  {b.email}
                  {b.blocked ? ` (${t('infomail.bounces.blocked')})` : ''}
                </td>
                <td>{b.hard ? t('infomail.bounces.hard') : t('infomail.bounces.soft')}</td>
                <td>
                  {b.status} {b.diagnostic}
                </td>
                <td>{b.receivedAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
