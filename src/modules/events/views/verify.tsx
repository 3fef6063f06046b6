import type { Locale, T } from '../../../platform/i18n/index.ts';
import { Time } from './format.tsx';

/** The public check of a certificate code: says whether it is genuine and, if so, what it certifies. */
export function VerifyPage(props: {
  t: T;
  locale: Locale;
  code: string;
  result: 'none' | 'valid' | 'invalid';
  details: { name: string; title: string; startsAt: Date; endsAt: Date; organiser: string } | null;
}) {
  const { t } = props;
  return (
    <>
      <h1>{t('events.verify.title')}</h1>
      <p>{t('events.verify.intro')}</p>
      <form method="get" action="/veranstaltungen/nachweis" role="search" aria-label={t('events.verify.title')}>
        <div class="field">
          <label for="f-code">{t('events.verify.code')}</label>
          <input id="f-code" name="code" value={props.code} maxLength={2000} autoComplete="off" spellcheck={false} />
        </div>
        <button type="submit">{t('events.verify.submit')}</button>
      </form>
      {props.result === 'valid' && props.details && (
        <section aria-labelledby="ergebnis" class="notice notice--success" role="status">
          <h2 id="ergebnis">{t('events.verify.valid')}</h2>
          <p>
            {t('events.verify.validText', { name: props.details.name, title: props.details.title, organiser: props.details.organiser })}{' '}
            <Time locale={props.locale} startsAt={props.details.startsAt} endsAt={props.details.endsAt} />
          </p>
        </section>
      )}
      {props.result === 'invalid' && (
        <section aria-labelledby="ergebnis" class="notice notice--error" role="alert">
          <h2 id="ergebnis">{t('events.verify.invalid')}</h2>
          <p>{t('events.verify.invalidText')}</p>
        </section>
      )}
    </>
  );
}
