import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';

interface DataPageProps {
  t: T;
  csrfToken: string;
  kinds: readonly string[];
  notice?: 'queued' | 'already' | 'erasing' | undefined;
  large: boolean;
  hours: number;
}

export function DataPage({ t, csrfToken, kinds, notice, large, hours }: DataPageProps) {
  return (
    <>
      <h1>{t('privacy.data.title')}</h1>
      <p>{t('privacy.data.intro')}</p>
      {notice === 'queued' && <Notice kind="success">{t('privacy.data.queued')}</Notice>}
      {notice === 'already' && <Notice>{t('privacy.data.alreadyQueued')}</Notice>}
      {notice === 'erasing' && <Notice>{t('privacy.data.erasing')}</Notice>}
      <h2>{t('privacy.data.kinds')}</h2>
      <ul>
        {kinds.map((kind) => (
          <li key={kind}>{kind}</li>
        ))}
      </ul>
      {large && <p>{t('privacy.data.large', { hours })}</p>}
      {notice !== 'erasing' && (
        <form method="post" action="/konto/daten">
          <CsrfField token={csrfToken} />
          <button type="submit">{t('privacy.data.submit')}</button>
        </form>
      )}
    </>
  );
}


/** A page whose one button does what a mail link asked (links in mails never change anything by themselves). */
export function ButtonPage({ title, text, action, submit, csrfToken }: { title: string; text: string; action: string; submit: string; csrfToken: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <form method="post" action={action}>
        <CsrfField token={csrfToken} />
        <button type="submit">{submit}</button>
      </form>
    </>
  );
}
