import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField } from '../../../platform/ui/form.tsx';
import type { WaitingCounts } from '../office-notices.ts';
import { OFFICE_NOTICE_MODES, type OfficeNoticeMode } from '../schema.ts';

/** What waits for the office, with links to where it is handled; shown on the dashboard and in moderation. */
export function WaitingBox({ t, slug, counts }: { t: T; slug: string; counts: WaitingCounts }) {
  const moderation = `/netzwerk/${slug}/verwaltung/moderation`;
  return (
    <section aria-labelledby="wartet" class="card">
      <h2 id="wartet">{t('moderation.waiting.title')}</h2>
      <ul>
        <li>
          <a href={`${moderation}#neue-organisationen`}>{t('moderation.waiting.organisations', { count: counts.organisations })}</a>
        </li>
        <li>
          <a href={`${moderation}#angebote-pruefung`}>{t('moderation.waiting.offers', { count: counts.offers })}</a>
        </li>
        <li>
          <a href={`${moderation}#meldungen`}>{t('moderation.waiting.reports', { count: counts.reports })}</a>
        </li>
        <li>
          <a href={`/netzwerk/${slug}/verwaltung/vermittlungen?status=requested`}>
            {t('moderation.waiting.inquiries', { count: counts.inquiries, days: counts.inquiryDays })}
          </a>
        </li>
      </ul>
    </section>
  );
}

/** Each office person's own choice: mail at once, a daily summary, or none. */
export function NoticeSettings({ t, slug, mode, csrfToken }: { t: T; slug: string; mode: OfficeNoticeMode; csrfToken: string }) {
  return (
    <section aria-labelledby="benachrichtigungen">
      <h2 id="benachrichtigungen">{t('moderation.notices.title')}</h2>
      <form method="post" action={`/netzwerk/${slug}/verwaltung/moderation/benachrichtigungen`} class="stack">
        <CsrfField token={csrfToken} />
        <fieldset class="field">
          <legend>{t('moderation.notices.legend')}</legend>
          {OFFICE_NOTICE_MODES.map((m) => (
            <div class="checkbox" key={m}>
              <input type="radio" id={`f-notices-${m}`} name="mode" value={m} checked={mode === m} />
              <label for={`f-notices-${m}`}>{t(`moderation.notices.${m}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{t('moderation.notices.save')}</button>
      </form>
    </section>
  );
}
