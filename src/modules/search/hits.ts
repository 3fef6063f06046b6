import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { Commitment, Field } from '../../platform/vocabulary.ts';
import { coverageSql, distanceSql } from './database-search.ts';
import type { ResolvedSearch } from './resolve.ts';
import type { OfferHit } from './results.ts';
import { arrayLiteral, preparedRows } from './sql.ts';
import { decodeEntities, MARK_START, MARK_STOP, plain } from './text.ts';

/** The texts of one page of hits, by id, in the given order; the snippet highlights the words searched. */
export async function loadHits(db: Db, search: ResolvedSearch, ids: string[], options: { coverage: boolean } = { coverage: true }): Promise<OfferHit[]> {
  if (ids.length === 0) return [];
  const distance = search.position ? distanceSql(search.position) : sql`null::float8`;
  // With several meaningful words, how many each hit matches (fewer than all: a partial match); not
  // asked when the search counted full matches only.
  const text = search.text;
  const coverage = options.coverage && text && text.meaningful > 1 ? coverageSql(text, 'fulltext') : sql`null::int`;
  const found = await preparedRows<{
    id: string;
    title: string;
    summary: string;
    description: string;
    field: Field;
    commitment: Commitment;
    remote: boolean;
    place: string;
    distanceKm: number | null;
    publishedMs: number | null;
    organisationId: string;
    organisationName: string;
    networkSlug: string;
    networkName: string;
    municipalityId: string | null;
    municipalityName: string | null;
    covered: number | null;
  }>(
    db,
    // The texts are cleaned in TypeScript: regular expressions in PGlite's WebAssembly cost more than the query.
    // Names by subselect rather than joins: 20 rows, and PGlite plans a four-table join slower than it runs it.
    sql`select o.id, o.title, o.summary, left(o.description, 3000) as description, o.field, o.commitment, o.remote, o.place,
          o.organisation_id as "organisationId", (select org.name from organisations org where org.id = o.organisation_id) as "organisationName",
          n.slug as "networkSlug", n.name as "networkName",
          o.municipality_id as "municipalityId", (select m.name from municipalities m where m.id = o.municipality_id) as "municipalityName",
          round(extract(epoch from o.published_at) * 1000)::float8 as "publishedMs",
          ${distance} as "distanceKm", ${coverage} as covered
        from offers o
        cross join lateral (select n.slug, n.name from networks n where n.id = o.network_id) as n
        where o.id = any(${arrayLiteral(ids)}::uuid[])`,
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        title: r.title,
        organisation: { id: r.organisationId, name: r.organisationName },
        network: { slug: r.networkSlug, name: r.networkName },
        municipality: r.municipalityId && r.municipalityName ? { id: r.municipalityId, name: r.municipalityName } : null,
        place: r.place,
        field: r.field,
        commitment: r.commitment,
        remote: r.remote,
        distanceKm: r.distanceKm === null ? null : Number(r.distanceKm),
        partial: r.covered !== null && text !== undefined && Number(r.covered) < text.meaningful,
        snippet: snippetOf(bodyText(r.summary, r.description), search.text),
        publishedAt: r.publishedMs === null ? null : new Date(Number(r.publishedMs)),
      },
    ];
  });
}

/** Summary and description as one plain text, tags removed, without the characters that mark matches. */
function bodyText(summary: string, description: string): string {
  return `${summary} ${description.replace(/<[^>]*>/g, ' ')}`.replaceAll(MARK_START, ' ').replaceAll(MARK_STOP, ' ');
}

const SNIPPET_LENGTH = 220;

/** Letters seen at the start of words, with the first letter of their plain form (`plain`). */
const plainFirstLetters = new Map<string, string>();

/** The first letter of `plain(word)`, from the word's first letter alone. */
function plainFirst(word: string): string {
  const letter = String.fromCodePoint(word.codePointAt(0)!);
  let first = plainFirstLetters.get(letter);
  if (first === undefined) {
    first = plain(letter)[0] ?? '';
    if (plainFirstLetters.size < 10_000) plainFirstLetters.set(letter, first);
  }
  return first;
}

/**
 * A short passage of the offer's text around the first word that matched, with the matches marked.
 * Done here rather than with ts_headline(), which stems every word of every text and cost more than
 * the whole search. A word matches when it starts with the stem of a searched word, as in the index.
 */
export function snippetOf(body: string, text: { words: ReadonlyArray<{ lexemes: string[] }> } | undefined): string {
  const clean = decodeEntities(body).replace(/\s+/g, ' ').trim();
  const stems = (text?.words ?? []).flatMap((w) => w.lexemes).map(plain).filter(Boolean);
  const matches: Array<{ start: number; end: number }> = [];
  // The window: from the start, or from shortly before a first match far into the text.
  const windowStart = (first: { start: number; end: number }) =>
    first.end > SNIPPET_LENGTH - 40 ? clean.lastIndexOf(' ', Math.max(0, first.start - 60)) + 1 : 0;
  // A text without any stem in it (the word was in the title) is not gone through word by word.
  const folded = stems.length ? plain(clean) : '';
  if (stems.some((stem) => folded.includes(stem))) {
    // Only words whose first letter begins some stem are folded whole; none past the window is looked at.
    const firsts = new Set(stems.map((stem) => stem[0]));
    let end = Infinity;
    for (const found of clean.matchAll(/[\p{L}\p{N}]+/gu)) {
      if (found.index >= end) break;
      if (!firsts.has(plainFirst(found[0]))) continue;
      const word = plain(found[0]);
      if (!stems.some((stem) => word.startsWith(stem))) continue;
      matches.push({ start: found.index, end: found.index + found[0].length });
      if (matches.length === 1) end = windowStart(matches[0]!) + SNIPPET_LENGTH;
    }
  }
  const from = matches[0] ? windowStart(matches[0]) : 0;
  let to = Math.min(clean.length, from + SNIPPET_LENGTH);
  if (to < clean.length) to = Math.max(clean.lastIndexOf(' ', to), matches.find((m) => m.start >= from)?.end ?? from);
  let snippet = '';
  let at = from;
  for (const m of matches) {
    if (m.start < from || m.end > to) continue;
    snippet += clean.slice(at, m.start) + MARK_START + clean.slice(m.start, m.end) + MARK_STOP;
    at = m.end;
  }
  snippet += clean.slice(at, to);
  return `${from > 0 ? '… ' : ''}${snippet.trim()}${to < clean.length ? ' …' : ''}`;
}
