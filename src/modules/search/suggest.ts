import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { ResolvedSearch } from './resolve.ts';
import { arrayLiteral, rows } from './sql.ts';
import { plain, similarity } from './text.ts';

/**
 * Looks for words like the ones typed in the titles of published offers ("Hausaufgabn" →
 * "Hausaufgabenhilfe"), for "Meinten Sie …?". Returns the corrected text, or undefined.
 */
export async function suggest(db: Db, search: ResolvedSearch, now: Date, similarTitles?: string[]): Promise<string | undefined> {
  if (!search.text) return undefined;
  const candidates = search.text.words.filter((w) => w.word.length >= 3).map((w) => w.word);
  if (candidates.length === 0) return undefined;
  // After a search by title similarity, its best hits are the titles to look in.
  const titles = similarTitles
    ? candidates.flatMap((word) => similarTitles.map((title) => ({ word, title })))
    : await rows<{ word: string; title: string }>(
        db,
        sql`select w.word, t.title from unnest(${arrayLiteral(candidates)}::text[]) as w(word)
            cross join lateral (
              select o.title from offers o
              where o.status = 'published' and (o.expires_at is null or o.expires_at > ${now.toISOString()}::timestamptz)
                and w.word <% o.title
              limit 30
            ) t`,
      );
  let changed = false;
  const corrected = search.params.words.map((word) => {
    let best: { word: string; score: number } | undefined;
    for (const { title } of titles.filter((t) => t.word === word)) {
      for (const candidate of title.match(/[\p{L}\p{N}]+/gu) ?? []) {
        const lower = candidate.toLocaleLowerCase('de-DE');
        if (lower.length < 3 || plain(lower).startsWith(plain(word))) continue;
        const score = similarity(word, lower);
        if (score >= 0.3 && (!best || score > best.score)) best = { word: candidate, score };
      }
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? corrected.join(' ') : undefined;
}
