import { formatDateTime, formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import { Markup, renderMarkdown } from '../../../platform/markup/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import type { EntryDetail } from '../queries.ts';
import type { KnowledgeFile } from '../schema.ts';
import { kindLabel, statusLabel, themeLabel, visibilityLabel } from './labels.ts';

/** Markdown of an entry's field through the platform's one pipeline (sanitised again at render time). */
export function MarkdownBlock({ text }: { text: string }) {
  if (!text) return null;
  return <Markup html={renderMarkdown(text)} profile="rich" class="prose" />;
}

export function EntryPage(props: {
  t: T;
  locale: Locale;
  entry: EntryDetail;
  files: KnowledgeFile[];
  base: string;
  csrfToken: string;
  notice: string | null;
  canEdit: boolean;
  canPublish: boolean;
  maxMegabytes: number;
  uploadError?: string | undefined;
}) {
  const { t, locale, entry } = props;
  const href = `${props.base}/${entry.id}`;
  return (
    <article class="knowledge-entry">
      <p class="meta">
        {[kindLabel(t, entry.kind), entry.theme ? themeLabel(t, entry.theme) : null, visibilityLabel(t, entry.visibility)].filter(Boolean).join(' · ')}
      </p>
      <h1>{entry.title}</h1>
      {props.notice && <Notice kind="success">{props.notice}</Notice>}
      {entry.status !== 'published' && (
        <p class="notice notice--info" role="status">
          {t('knowledge.statusNote', { status: statusLabel(t, entry.status) })}
        </p>
      )}
      {entry.summary && <p class="lead">{entry.summary}</p>}
      {entry.event && (
        <p>
          {t('knowledge.event.documents')}{' '}
          <a href={`/netzwerk/${entry.networkSlug}/veranstaltungen/${entry.event.id}`}>{entry.event.title}</a> ({formatDateTime(locale, entry.event.startsAt)})
        </p>
      )}
      {entry.kind === 'practice' && (
        <section aria-label={t('knowledge.kind.practice')}>
          <h2>{t('knowledge.field.situation')}</h2>
          <MarkdownBlock text={entry.situation} />
          {entry.approach && <h2>{t('knowledge.field.approach')}</h2>}
          <MarkdownBlock text={entry.approach} />
          {entry.result && <h2>{t('knowledge.field.result')}</h2>}
          <MarkdownBlock text={entry.result} />
          <dl class="facts">
            {entry.municipalityName && (
              <>
                <dt>{t('knowledge.field.municipality')}</dt>
                <dd>{entry.municipalityName}</dd>
              </>
            )}
            {entry.contact && (
              <>
                <dt>{t('knowledge.field.contact')}</dt>
                <dd>{entry.contact}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      <MarkdownBlock text={entry.body} />
      {entry.tags.length > 0 && (
        <p class="tags">
          {entry.tags.map((tag) => (
            <a key={tag} href={`${props.base}?schlagwort=${encodeURIComponent(tag)}`}>
              #{tag}{' '}
            </a>
          ))}
        </p>
      )}
      {(props.files.length > 0 || props.canEdit) && (
        <section aria-labelledby="dateien">
          <h2 id="dateien">{t('knowledge.files.heading')}</h2>
          {props.files.length === 0 ? (
            <p>{t('knowledge.files.none')}</p>
          ) : (
            <ul>
              {props.files.map((f) => (
                <li key={f.id}>
                  <a href={`${props.base}/dateien/${f.id}`}>{f.fileName}</a>{' '}
                  <span class="meta">({formatNumber(locale, Math.max(1, Math.round(f.size / 1024)))} KB)</span>
                  {props.canEdit && (
                    <form method="post" action={`${href}/dateien/${f.id}/loeschen`} class="inline-form">
                      <CsrfField token={props.csrfToken} />
                      <button type="submit" class="link-button" aria-label={t('knowledge.files.removeNamed', { name: f.fileName })}>
                        {t('knowledge.files.remove')}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {props.canEdit && (
            <form method="post" action={`${href}/dateien`} encType="multipart/form-data">
              <CsrfField token={props.csrfToken} />
              <div class={props.uploadError ? 'field field--error' : 'field'}>
                <label for="f-datei">{t('knowledge.files.upload')}</label>
                <p class="hint" id="f-datei-hint">
                  {t('knowledge.files.hint', { size: props.maxMegabytes })}
                </p>
                {props.uploadError && (
                  <p class="error" id="f-datei-error">
                    {props.uploadError}
                  </p>
                )}
                <input
                  type="file"
                  id="f-datei"
                  name="datei"
                  accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.webp,.gif"
                  aria-describedby={props.uploadError ? 'f-datei-hint f-datei-error' : 'f-datei-hint'}
                  aria-invalid={props.uploadError ? 'true' : undefined}
                />
              </div>
              <button type="submit">{t('knowledge.files.submit')}</button>
            </form>
          )}
        </section>
      )}
      <p class="meta">
        {t('knowledge.updated', { date: formatDateTime(locale, entry.updatedAt) })} · <a href={`${href}/versionen`}>{t('knowledge.revisions.link')}</a>
      </p>
      {props.canEdit && (
        <section aria-labelledby="bearbeiten" class="organiser">
          <h2 id="bearbeiten">{t('knowledge.manage.heading')}</h2>
          <p>
            <a href={`${href}/bearbeiten`}>{t('knowledge.edit.link')}</a>
          </p>
          {props.canPublish && entry.status !== 'published' && (
            <form method="post" action={`${href}/status`}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="status" value="published" />
              <button type="submit">{t('knowledge.action.publish')}</button>
            </form>
          )}
          {props.canPublish && entry.status === 'published' && (
            <form method="post" action={`${href}/status`}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="status" value="draft" />
              <button type="submit" class="secondary">
                {t('knowledge.action.unpublish')}
              </button>
            </form>
          )}
        </section>
      )}
    </article>
  );
}
