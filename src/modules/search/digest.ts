import type { AppDeps } from '../../platform/deps.ts';
import { isLocale, translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { claimSavedSearchNotification, unsubscribeToken } from './commands.ts';
import { parseSearchQuery, toQuery, toQueryString, toSearchParams } from './params.ts';
import { listAlertingSearches, resolveSearch, runSearch } from './queries.ts';

export const DIGEST_QUEUE = 'search.saved-search-digest';
/** Every morning at six, Berlin time. */
export const DIGEST_CRON = '0 6 * * *';
const LISTED = 10;

/**
 * The daily alert: for each saved search with alerts on, the offers published since its last mail
 * (or since it was saved) that match it exactly, one mail per search. Returns how many mails were queued.
 */
export async function runSavedSearchDigest(deps: AppDeps, now: Date): Promise<{ searches: number; mails: number }> {
  const { db, config } = deps;
  const base = config.publicUrl.replace(/\/$/, '');
  const alerting = await listAlertingSearches(db);
  let mails = 0;
  for (const saved of alerting) {
    const parsed = parseSearchQuery(saved.query);
    if (!parsed) continue;
    const params = { ...toSearchParams(parsed), page: 1, sort: 'neu' as const };
    const { search, problems } = await resolveSearch(db, params);
    // A filter that no longer resolves (a municipality removed) would widen the search: better no mail.
    if (problems.length) continue;
    const since = saved.lastNotifiedAt ?? saved.createdAt;
    const result = await runSearch(db, { ...search, sort: 'neu', publishedAfter: since }, now, { similar: false });
    if (result.total === 0) continue;
    if (!(await claimSavedSearchNotification(db, saved.id, saved.lastNotifiedAt, now))) continue;

    const t = translator(isLocale(saved.locale) ? saved.locale : 'de');
    const unsubscribe = `${base}/konto/suchen/${saved.id}/abbestellen?token=${unsubscribeToken(config.cookieSecret ?? '', saved.id)}`;
    const oneClick = `${base}/api/v1/saved-searches/${saved.id}/unsubscribe?token=${unsubscribeToken(config.cookieSecret ?? '', saved.id)}`;
    const lines = result.items.slice(0, LISTED).map((hit) => {
      const where = hit.remote ? t('search.remote') : (hit.municipality?.name ?? hit.place);
      return `- ${hit.title}\n  ${[hit.organisation.name, where].filter(Boolean).join(', ')}\n  ${base}/angebote/${hit.id}`;
    });
    const all = `${base}/angebote?${toQueryString(toQuery({ ...params, sort: 'neu' }))}`;
    const text = [
      t('search.digest.greeting', { name: saved.userName || saved.email }),
      '',
      t('search.digest.intro', { name: saved.name }),
      '',
      ...lines,
      '',
      t(result.totalExact ? 'search.digest.more' : 'search.digest.moreThan', { count: result.total, url: all }),
      '',
      '-- ',
      t('search.digest.unsubscribe', { url: unsubscribe }),
      t('search.digest.manage', { url: `${base}/konto/suchen` }),
    ].join('\n');
    await queueMail(deps.jobs, {
      to: saved.email,
      subject: t('search.digest.subject', { name: saved.name }),
      text,
      headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    mails++;
  }
  return { searches: alerting.length, mails };
}
