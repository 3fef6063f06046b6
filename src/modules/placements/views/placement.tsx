import type { Locale, T } from '../../../platform/i18n/index.ts';
import type { FieldErrors } from '../../../platform/http/forms.ts';
import { CsrfField, ErrorSummary, Field, Notice } from '../../../platform/ui/form.tsx';
import { ConfirmStep } from '../../../platform/ui/confirm.tsx';
import { SelectField } from '../../../platform/ui/field.tsx';
import { DataTable } from '../../../platform/ui/table.tsx';
import type { HistoryEntry, MessageEntry, PlacementDetail } from '../queries.ts';
import type { PlacementStatus } from '../schema.ts';
import { isClosed } from '../status.ts';
import { Lines, Time } from './format.tsx';
import { MediatedHint } from './inquiry.tsx';

export const MESSAGE_MAX = 2000;
export const NOTE_MAX = 500;

export interface PlacementView {
  placement: PlacementDetail;
  history: HistoryEntry[];
  messages: MessageEntry[];
  /** Status changes the viewer may make as the receiving side. */
  staffStatuses: PlacementStatus[];
  /** The viewer is the volunteer and may withdraw. */
  canWithdraw: boolean;
  canWrite: boolean;
  canShareVolunteer: boolean;
  canShareOrganisation: boolean;
  /** Addresses, present only when both sides agreed. */
  contacts: { volunteer: string; organisation: string } | null;
  /** Appended to every form action: the volunteer's private link, if that is how they came. */
  accessQuery: string;
  isVolunteer: boolean;
  /** The network that answers for an organisation without a contact address; undefined otherwise. */
  mediatedBy?: string | undefined;
  /** The viewer came with the organisation's private link: where to claim the organisation. */
  claimPath?: string | undefined;
}

interface Props {
  t: T;
  locale: Locale;
  csrfToken: string;
  view: PlacementView;
  notice?: string | undefined;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** The volunteer asked to withdraw: show the confirmation step instead of the button. */
  confirmWithdraw?: boolean;
}

export function placementTitle(t: T, placement: PlacementDetail): string {
  return t('placements.page.title', { title: placement.offerTitle ?? placement.needTitle ?? '' });
}

export function PlacementPage({ t, locale, csrfToken, view, notice, errors = {}, values = {}, confirmWithdraw = false }: Props) {
  const { placement, accessQuery } = view;
  const status = (s: PlacementStatus) => t(`placements.status.${s}`);
  const labels = { body: t('placements.page.messageLabel'), note: t('placements.page.statusNote'), status: t('placements.page.newStatus') };
  return (
    <>
      <h1>{placementTitle(t, placement)}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorSummary errors={errors} labels={labels} t={t} />
      {view.isVolunteer && accessQuery && <p class="hint">{t('placements.page.privateLink')}</p>}
      {view.isVolunteer && view.mediatedBy && <MediatedHint t={t} network={view.mediatedBy} />}
      {view.claimPath && (
        <aside class="notice" aria-labelledby="uebernehmen">
          <h2 id="uebernehmen">{t('placements.page.claimTitle')}</h2>
          <p>{t('placements.page.claimText', { organisation: placement.organisationName ?? '' })}</p>
          <p>
            <a href={view.claimPath}>{t('placements.page.claimLink')}</a>
          </p>
        </aside>
      )}

      <section aria-labelledby="worum">
        <h2 id="worum">{t('placements.page.about')}</h2>
        <dl>
          {placement.offerId && placement.offerTitle && (
            <>
              <dt>{t('placements.page.offer')}</dt>
              <dd>
                <a href={`/angebote/${placement.offerId}`}>{placement.offerTitle}</a>
              </dd>
            </>
          )}
          {placement.needTitle && (
            <>
              <dt>{t('placements.page.need')}</dt>
              <dd>
                {placement.needTitle}
                {placement.needDescription && <Lines text={placement.needDescription} />}
              </dd>
            </>
          )}
          {placement.organisationName && (
            <>
              <dt>{t('placements.page.organisation')}</dt>
              <dd>{placement.organisationName}</dd>
            </>
          )}
          {placement.municipalityName && (
            <>
              <dt>{t('placements.page.municipality')}</dt>
              <dd>{placement.municipalityName}</dd>
            </>
          )}
          <dt>{t('placements.page.volunteer')}</dt>
          <dd>{placement.volunteerName}</dd>
          {placement.requestedAt && (
            <>
              <dt>{t('placements.page.requestedAt')}</dt>
              <dd>
                <Time locale={locale} date={placement.requestedAt} />
              </dd>
            </>
          )}
        </dl>
        {placement.message && (
          <>
            <h3>{t('placements.page.firstMessage')}</h3>
            <blockquote>
              <Lines text={placement.message} />
            </blockquote>
          </>
        )}
      </section>

      <section aria-labelledby="stand">
        <h2 id="stand">{t('placements.page.status')}</h2>
        <p>
          {t('placements.page.currentStatus')} <strong class="tag">{status(placement.status)}</strong>
        </p>
        {isClosed(placement.status) && <p>{t('placements.page.closed')}</p>}
        <h3>{t('placements.page.history')}</h3>
        <DataTable
          id="verlauf-tabelle"
          caption={t('placements.page.history')}
          rows={view.history}
          columns={[
            { label: t('placements.page.when'), cell: (entry) => <Time locale={locale} date={entry.at} /> },
            {
              label: t('placements.page.change'),
              cell: (entry) => (entry.fromStatus ? `${status(entry.fromStatus)} → ${status(entry.toStatus)}` : status(entry.toStatus)),
            },
            { label: t('placements.page.who'), cell: (entry) => actorLabel(t, entry) },
            { label: t('placements.page.note'), cell: (entry) => entry.note },
          ]}
        />
        {view.staffStatuses.length > 0 && (
          <form method="post" action={`/vermittlungen/${placement.id}/stand${accessQuery}`}>
            <CsrfField token={csrfToken} />
            <SelectField
              name="status"
              label={labels.status}
              value={values.status}
              error={errors.status}
              options={view.staffStatuses.map((s) => ({ value: s, label: status(s) }))}
            />
            <Field
              name="note"
              label={labels.note}
              hint={t('placements.page.statusNoteHint', { max: NOTE_MAX })}
              value={values.note}
              error={errors.note}
              maxLength={NOTE_MAX}
              multiline
              rows={2}
            />
            <button type="submit">{t('placements.page.setStatus')}</button>
          </form>
        )}
        {view.canWithdraw && confirmWithdraw && (
          <ConfirmStep
            t={t}
            question={t('placements.page.withdrawConfirm')}
            action={`/vermittlungen/${placement.id}/stand${accessQuery}`}
            csrfToken={csrfToken}
            fields={{ status: 'declined' }}
            confirmLabel={t('placements.page.withdrawConfirmButton')}
            cancelHref={`/vermittlungen/${placement.id}${accessQuery}`}
          >
            <p>{t('placements.page.withdrawHint')}</p>
          </ConfirmStep>
        )}
        {view.canWithdraw && !confirmWithdraw && (
          <form method="post" action={`/vermittlungen/${placement.id}/stand${accessQuery}`}>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="status" value="declined" />
            <p class="hint">{t('placements.page.withdrawHint')}</p>
            <button type="submit">{t('placements.page.withdraw')}</button>
          </form>
        )}
      </section>

      <section aria-labelledby="nachrichten">
        <h2 id="nachrichten">{t('placements.page.messages')}</h2>
        {view.messages.length === 0 ? (
          <p>{t('placements.page.noMessages')}</p>
        ) : (
          <ol class="messages">
            {view.messages.map((m) => (
              <li key={m.id}>
                <p class="meta">
                  {t(`placements.page.side.${m.side}`)}
                  {m.side !== 'volunteer' && m.authorName ? ` (${m.authorName})` : ''} · <Time locale={locale} date={m.at} />
                </p>
                <Lines text={m.body} />
              </li>
            ))}
          </ol>
        )}
        {view.canWrite && (
          <form method="post" action={`/vermittlungen/${placement.id}/nachrichten${accessQuery}`} noValidate>
            <CsrfField token={csrfToken} />
            <Field
              name="body"
              label={labels.body}
              hint={t('placements.page.messageHint', { max: MESSAGE_MAX })}
              value={values.body}
              error={errors.body}
              required
              maxLength={MESSAGE_MAX}
              multiline
              rows={4}
            />
            <button type="submit">{t('placements.page.send')}</button>
          </form>
        )}
      </section>

      <section aria-labelledby="kontakt">
        <h2 id="kontakt">{t('placements.page.contact')}</h2>
        {view.contacts ? (
          <dl>
            <dt>{t('placements.page.volunteerEmail')}</dt>
            <dd>{view.contacts.volunteer ? <a href={`mailto:${view.contacts.volunteer}`}>{view.contacts.volunteer}</a> : t('placements.page.noAddress')}</dd>
            <dt>{t('placements.page.organisationEmail')}</dt>
            <dd>
              {view.contacts.organisation ? (
                <a href={`mailto:${view.contacts.organisation}`}>{view.contacts.organisation}</a>
              ) : (
                t('placements.page.noAddress')
              )}
            </dd>
          </dl>
        ) : (
          <>
            <p>{t('placements.page.contactHidden')}</p>
            <ul>
              <li>{placement.volunteerSharesContact ? t('placements.page.volunteerShared') : t('placements.page.volunteerNotShared')}</li>
              <li>
                {placement.organisationSharesContact
                  ? t('placements.page.organisationShared')
                  : t('placements.page.organisationNotShared')}
              </li>
            </ul>
            {view.canShareVolunteer && (
              <form method="post" action={`/vermittlungen/${placement.id}/freigeben${accessQuery}`} class="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="side" value="volunteer" />
                <button type="submit">{t('placements.page.share')}</button>
              </form>
            )}
            {view.canShareOrganisation && (
              <form method="post" action={`/vermittlungen/${placement.id}/freigeben${accessQuery}`} class="inline-form">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="side" value="organisation" />
                <button type="submit">{t('placements.page.shareOrganisation')}</button>
              </form>
            )}
          </>
        )}
      </section>
    </>
  );
}

function actorLabel(t: T, entry: HistoryEntry): string {
  switch (entry.actorKind) {
    case 'volunteer':
      return t('placements.page.byVolunteer');
    case 'system':
      return t('placements.page.bySystem');
    case 'organisation':
      return t('placements.page.byOrganisation');
    case 'person':
      return entry.actorName || t('placements.page.byUnknown');
    default:
      return t('placements.page.byUnknown');
  }
}
