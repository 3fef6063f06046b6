import { diffLines } from 'diff';
import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';

interface Revision {
  id: string;
  authorName: string;
  title: string;
  content: string;
  note: string;
  createdAt: Date;
}

/** Who changed what and when; each version links to its difference from the one before. */
export function RevisionsPage(props: { t: T; locale: Locale; title: string; href: string; revisions: Revision[] }) {
  const { t, locale } = props;
  return (
    <>
      <h1>{t('knowledge.revisions.title', { title: props.title })}</h1>
      <ol reversed>
        {props.revisions.map((r, i) => (
          <li key={r.id}>
            {formatDateTime(locale, r.createdAt)} – {r.authorName || t('knowledge.revisions.unknown')}
            {i < props.revisions.length - 1 ? (
              <>
                {' '}
                <a href={`${props.href}/versionen/${r.id}`}>{t('knowledge.revisions.diff')}</a>
              </>
            ) : (
              ` (${t('knowledge.revisions.first')})`
            )}
          </li>
        ))}
      </ol>
      <p>
        <a href={props.href}>{t('knowledge.back')}</a>
      </p>
    </>
  );
}

/** The lines removed and added between two versions, marked with del/ins and a word for screen readers. */
export function DiffPage(props: { t: T; locale: Locale; href: string; before: Revision; after: Revision }) {
  const { t, locale } = props;
  const parts = diffLines(props.before.content, props.after.content);
  return (
    <>
      <h1>{t('knowledge.diff.title', { title: props.after.title })}</h1>
      <p>
        {t('knowledge.diff.between', {
          before: formatDateTime(locale, props.before.createdAt),
          after: formatDateTime(locale, props.after.createdAt),
          author: props.after.authorName || t('knowledge.revisions.unknown'),
        })}
      </p>
      <div class="diff">
        {parts.map((part, i) =>
          part.added ? (
            <ins key={i}>
              <span class="visually-hidden">{t('knowledge.diff.added')} </span>
              {part.value}
            </ins>
          ) : part.removed ? (
            <del key={i}>
              <span class="visually-hidden">{t('knowledge.diff.removed')} </span>
              {part.value}
            </del>
          ) : (
            <span key={i}>{part.value}</span>
          ),
        )}
      </div>
      <p>
        <a href={`${props.href}/versionen`}>{t('knowledge.revisions.back')}</a>
      </p>
    </>
  );
}
