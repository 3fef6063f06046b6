import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { SearchParams, Sort } from './params.ts';
import { findDemoPostcode, isPostcode } from './postcodes.ts';
import { baseOfFeminine, compoundParts, conceptOfTypo, isFiller, joinPhrases, PART, RELATED, relatedWords, searchedAsPart, termMatch, WHOLE } from './german.ts';
import { arrayLiteral, preparedRows } from './sql.ts';
import { plain } from './text.ts';

/** A search whose names are turned into ids and coordinates, ready for SQL. */
export interface ResolvedSearch {
  params: SearchParams;
  networkId: string | undefined;
  municipalityIds: string[];
  position: { lat: number; lng: number; label: string } | undefined;
  /** Only with a position. */
  radiusKm: number | undefined;
  /** Stemmed words with prefix matching; undefined when nothing searchable was typed. */
  text: TextQuery | undefined;
  sort: Sort;
  /** Only offers published after this moment (the saved-search digest). */
  publishedAfter?: Date | undefined;
}

/** A stem to look for on behalf of a typed word, and how much a match counts (german.ts). */
export interface TextTerm {
  stem: string;
  factor: number;
}

export interface TextWord {
  /** The word as typed (lower case, gender forms read as the base word). */
  word: string;
  /** Its stems (the highlighted words of a snippet begin with one). */
  lexemes: string[];
  /** Its stems as a tsquery term with prefix matching. */
  term: string;
  /** What the word is looked for as: its stems (1), its parts when it is a compound, related words (less). */
  terms: TextTerm[];
  /** A word that says little ("helfen"): it counts less, and an offer need not have it. */
  filler: boolean;
  /**
   * A typo of a word of the related-words list ("flüchtlnge"): that word and its related words, looked
   * for only by the typo search, when the words as typed find nothing (`withCorrections`).
   */
  corrections?: TextTerm[];
  /**
   * Lexemes the word matches beyond its prefixes: those having one of the stems as a part after the first
   * ("vorlesepat" for "pat"), and every lexeme a related word matches; filled by `withParts`.
   */
  parts?: string[];
  /** The stems looked for as prefixes (`'stem':*`); filled by `withParts` (before it: every stem). */
  prefixes?: string[];
  /** Lexemes of offers containing a stem, with what a match counts (german.ts); for the database's ranking. */
  weighted?: Array<{ lexeme: string; weight: number }>;
  /** Stems whose lexemes were too many to list (or too short): ranked as prefixes. */
  unweighted?: string[];
}

export interface TextQuery {
  words: TextWord[];
  /** All typed stems joined with AND. */
  tsquery: string;
  /** How many of the meaningful words an offer must match (the others are partial matches, ranked after). */
  required: number;
  /** How many words are meaningful (not fillers). */
  meaningful: number;
}

export type SearchProblemCode =
  | 'search.network_unknown'
  | 'search.municipality_unknown'
  | 'search.place_unknown'
  | 'search.postcode_unknown'
  | 'search.position_incomplete'
  | 'search.radius_needs_place'
  | 'search.sort_needs_place';

/** Something in the request that could not be used; the search runs without it. */
export interface SearchProblem {
  field: string;
  code: SearchProblemCode;
}

/** The word as typed, and with "ae/oe/ue" read as umlauts (older stemmers, e.g. PostgreSQL 15's, keep them apart). */
function spellings(word: string): string[] {
  const umlauts = word.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü');
  return umlauts === word ? [word] : [word, umlauts];
}

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/'/g, "''").replace(/\\/g, '\\\\')}':*`;
}

/** Stems already asked for, per database handle: the stemmer's answers never change. */
const stemCache = new WeakMap<object, Map<string, string[] | null>>();
const STEM_CACHE_SIZE = 10_000;

/** The German snowball stemmer's lexemes for each word (null for a stop word), from the cache or the database. */
async function stemsOf(db: Db, words: string[]): Promise<Array<{ word: string; lexemes: string[] | null }>> {
  let cache = stemCache.get(db);
  if (!cache) stemCache.set(db, (cache = new Map()));
  const missing = words.filter((w) => !cache.has(w));
  if (missing.length) {
    const found = await preparedRows<{ word: string; lexemes: string[] | null }>(
      db,
      sql`select w as word, ts_lexize('german_stem', w) as lexemes from unnest(${arrayLiteral(missing)}::text[]) as w`,
    );
    if (cache.size + found.length > STEM_CACHE_SIZE) cache.clear();
    for (const f of found) cache.set(f.word, f.lexemes);
  }
  return words.map((word) => ({ word, lexemes: cache.get(word) ?? null }));
}

/**
 * Stems the words with the German snowball stemmer (stop words drop out) and adds what each word is
 * also looked for as (issue 13, docs/search.md): the parts of a compound typed, and related words.
 */
export async function prepareText(db: Db, typed: string[]): Promise<TextQuery | undefined> {
  if (typed.length === 0) return undefined;
  const words = joinPhrases(typed).map((w) => baseOfFeminine(w).toLocaleLowerCase('de-DE'));
  // Per word: what to stem, with its factor; and for a typo of a concept word, what the typo search adds.
  const wanted = words.map((word) => {
    const list: Array<{ text: string; factor: number }> = spellings(word).map((text) => ({ text, factor: WHOLE }));
    const parts = compoundParts(word).filter((p) => !isFiller(p));
    for (const part of parts) list.push({ text: part, factor: PART });
    for (const other of relatedWords(word)) list.push({ text: other, factor: RELATED });
    for (const part of parts) for (const other of relatedWords(part)) list.push({ text: other, factor: RELATED * PART });
    return list;
  });
  const corrections = words.map((word) => {
    const meant = conceptOfTypo(word);
    return meant ? [{ text: meant, factor: WHOLE }, ...relatedWords(meant).map((text) => ({ text, factor: RELATED }))] : [];
  });
  const all = [...new Set([...wanted, ...corrections].flatMap((list) => list.flatMap(({ text }) => spellings(text))))];
  const stems = await stemsOf(db, all);
  const stemOf = new Map(stems.map((s) => [s.word, s.lexemes?.[0]]));
  /** The stems of a list of words, each with the highest factor it was asked for with. */
  const termsOf = (list: Array<{ text: string; factor: number }>): TextTerm[] => {
    const factors = new Map<string, number>();
    for (const { text, factor } of list) {
      for (const spelling of spellings(text)) {
        const stem = /\d/.test(spelling) ? spelling : stemOf.get(spelling);
        if (stem && (factors.get(stem) ?? 0) < factor) factors.set(stem, factor);
      }
    }
    return [...factors].map(([stem, factor]) => ({ stem, factor }));
  };
  const prepared: TextWord[] = [];
  words.forEach((word, i) => {
    // Words with digits are indexed unstemmed (the parser's numword/uint go to the simple dictionary).
    const lexemes = /\d/.test(word) ? [word] : [...new Set(spellings(word).map((w) => stemOf.get(w)).filter((l): l is string => !!l))];
    if (lexemes.length === 0) return;
    const quoted = lexemes.map(quoteLexeme);
    const corrected = termsOf(corrections[i]!);
    prepared.push({
      word,
      lexemes,
      term: quoted.length === 1 ? quoted[0]! : `(${quoted.join(' | ')})`,
      terms: termsOf(wanted[i]!),
      filler: isFiller(word),
      ...(corrected.length ? { corrections: corrected } : {}),
    });
  });
  if (prepared.length === 0) return undefined;
  // Only fillers typed ("helfen"): they are what is looked for.
  if (prepared.every((w) => w.filler)) for (const w of prepared) w.filler = false;
  const meaningful = prepared.filter((w) => !w.filler).length;
  return { words: prepared, tsquery: prepared.map((w) => w.term).join(' & '), required: Math.max(1, Math.ceil(meaningful / 2)), meaningful };
}

/**
 * The words as the typo search looks for them: a typo of a concept word also as that word and its
 * related words ("Flüchtlnge" finds the offers for "Geflüchtete"). The same text when no word has one.
 */
export function withCorrections(text: TextQuery): TextQuery {
  if (!text.words.some((w) => w.corrections)) return text;
  const words = text.words.map((w) => {
    if (!w.corrections) return w;
    const factors = new Map(w.terms.map((t) => [t.stem, t.factor]));
    for (const { stem, factor } of w.corrections) if ((factors.get(stem) ?? 0) < factor) factors.set(stem, factor);
    return { ...w, terms: [...factors].map(([stem, factor]) => ({ stem, factor })) };
  });
  return { ...text, words };
}

/** The same words, every meaningful one required (the e-mail alerts, which must not send partial matches). */
export function strictText(text: TextQuery): TextQuery {
  return { ...text, required: text.meaningful };
}

/**
 * Adds to each word the lexemes of offers that contain one of its stems, from the table of all lexemes
 * (migration 0022), judged by german.ts as the in-memory index judges its own: those in which a stem is
 * a part after the first ("pat" → "vorlesepat"), which the word's tsquery must name, and every one with
 * what a match counts, for the database's ranking.
 */
export async function withParts(db: Db, text: TextQuery): Promise<TextQuery> {
  const terms = text.words.flatMap((w) => w.terms);
  // A related word's short stem matches only whole words (termMatch): they begin with it and are at most
  // three letters longer, so listing them is cheap and complete. Other stems: the lexemes containing them.
  const wholeOnly = (t: TextTerm) => t.factor < PART && !searchedAsPart(t.stem, t.factor);
  const contained = [...new Set(terms.filter((t) => !wholeOnly(t) && t.stem.length >= 3).map((t) => t.stem))];
  const short = [...new Set(terms.filter(wholeOnly).map((t) => t.stem))];
  if (contained.length === 0 && short.length === 0) return text;
  const found = await preparedRows<{ stem: string; lexeme: string; whole: boolean }>(
    db,
    sql`select s as stem, w.lexeme, false as whole from unnest(${arrayLiteral(contained)}::text[]) as s
        cross join lateral (select lexeme from search_words where lexeme like '%' || s || '%' limit ${PARTS_LIMIT}) as w
        union all
        select s as stem, w.lexeme, true as whole from unnest(${arrayLiteral(short)}::text[]) as s
        cross join lateral (select lexeme from search_words where lexeme like s || '%' and length(lexeme) <= length(s) + 3) as w`,
  );
  const lexemesOf = new Map<string, string[]>();
  const wholeOf = new Map<string, string[]>();
  for (const { stem, lexeme, whole } of found) {
    const into = whole ? wholeOf : lexemesOf;
    into.set(stem, [...(into.get(stem) ?? []), lexeme]);
  }
  const words = text.words.map((w) => {
    const parts = new Set<string>();
    const weights = new Map<string, number>();
    const cut: string[] = [];
    const prefixes: string[] = [];
    for (const term of w.terms) {
      const { stem, factor } = term;
      const lexemes = (wholeOnly(term) ? wholeOf.get(stem) : lexemesOf.get(stem)) ?? [];
      const complete = wholeOnly(term) || (lexemes.length < PARTS_LIMIT && stem.length >= 3);
      if (!complete) cut.push(stem);
      // A related word is looked for as the very lexemes it matches (termMatch leaves some beginnings
      // out), unless they were too many to list.
      const listed = complete && factor < PART;
      if (!listed) prefixes.push(stem);
      for (const lexeme of lexemes) {
        const kind = termMatch(stem, factor, lexeme);
        if (kind === 0) continue;
        if (listed || !lexeme.startsWith(stem)) parts.add(lexeme);
        weights.set(lexeme, Math.max(weights.get(lexeme) ?? 0, factor * kind));
      }
    }
    return { ...w, parts: [...parts], prefixes, weighted: [...weights].map(([lexeme, weight]) => ({ lexeme, weight })), unweighted: cut };
  });
  return { ...text, words };
}

/** Compounds looked at per stem (a stem in more of them is rare; those past the limit are not found by their part). */
const PARTS_LIMIT = 2000;

export interface ResolvedPlace {
  label: string;
  lat: number;
  lng: number;
}

/**
 * A place typed by a person: a German postcode (demo table, else the average position of organisations
 * and offers with that postcode) or a municipality's name, with or without umlauts ("Loebnitz", "Lobnitz").
 */
export async function resolvePlace(
  db: Db,
  text: string,
): Promise<{ ok: true; place: ResolvedPlace } | { ok: false; code: 'search.place_unknown' | 'search.postcode_unknown' }> {
  const input = text.trim();
  if (isPostcode(input)) {
    const known = findDemoPostcode(input);
    if (known) return { ok: true, place: { label: `${input} ${known.places[0] ?? ''}`.trim(), lat: known.lat, lng: known.lng } };
    const [found] = await preparedRows<{ lat: number | null; lng: number | null }>(
      db,
      sql`select avg(lat)::float8 as lat, avg(lng)::float8 as lng from (
            select lat, lng from organisations where postcode = ${input} and lat is not null and lng is not null
            union all
            select lat, lng from offers where postcode = ${input} and lat is not null and lng is not null
          ) p`,
    );
    if (found?.lat != null && found.lng != null) return { ok: true, place: { label: input, lat: found.lat, lng: found.lng } };
    return { ok: false, code: 'search.postcode_unknown' };
  }
  const typed = plain(input);
  // "oe" for "ö" as on keyboards without umlauts; unaccent() on the stored names removes the dots.
  const variants = [...new Set([typed, typed.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u')])].filter(Boolean);
  if (variants.length === 0) return { ok: false, code: 'search.place_unknown' };
  const likes = variants.map((v) => `${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [match] = await preparedRows<{ name: string; lat: number; lng: number }>(
    db,
    sql`select name, lat, lng from municipalities
        where lat is not null and lng is not null
          and (lower(unaccent(name)) = any(${arrayLiteral(variants)}::text[])
               or lower(unaccent(name)) like any(${arrayLiteral(likes)}::text[]))
        order by (lower(unaccent(name)) = any(${arrayLiteral(variants)}::text[])) desc, length(name), name
        limit 1`,
  );
  if (!match) return { ok: false, code: 'search.place_unknown' };
  return { ok: true, place: { label: match.name, lat: match.lat, lng: match.lng } };
}

/** Turns names into ids and coordinates; whatever cannot be used is reported and left out. */
export async function resolveSearch(
  db: Db,
  params: SearchParams,
): Promise<{ search: ResolvedSearch; problems: SearchProblem[] }> {
  const problems: SearchProblem[] = [];
  let networkId: string | undefined;
  if (params.network) {
    const [network] = await preparedRows<{ id: string }>(db, sql`select id from networks where slug = ${params.network}`);
    if (network) networkId = network.id;
    else problems.push({ field: 'netzwerk', code: 'search.network_unknown' });
  }
  let municipalityIds: string[] = [];
  if (params.municipalityIds.length) {
    const found = await preparedRows<{ id: string }>(
      db,
      sql`select id from municipalities where id = any(${arrayLiteral(params.municipalityIds)}::uuid[])`,
    );
    municipalityIds = found.map((m) => m.id);
    if (municipalityIds.length < params.municipalityIds.length) problems.push({ field: 'kommune', code: 'search.municipality_unknown' });
  }
  let position: ResolvedSearch['position'];
  if (params.place) {
    const place = await resolvePlace(db, params.place);
    if (place.ok) position = place.place;
    else problems.push({ field: 'ort', code: place.code });
  } else if (params.position) {
    position = { ...params.position, label: '' };
  }
  if (!params.place && params.positionIncomplete) problems.push({ field: 'lat', code: 'search.position_incomplete' });
  let radiusKm = params.radiusKm;
  if (radiusKm !== undefined && !position) {
    radiusKm = undefined;
    if (!params.place) problems.push({ field: 'umkreis', code: 'search.radius_needs_place' });
  }
  const text = await prepareText(db, params.words);
  let sort: Sort = params.sort ?? (text ? 'relevanz' : position ? 'entfernung' : 'neu');
  if (sort === 'entfernung' && !position) {
    sort = text ? 'relevanz' : 'neu';
    if (!params.place) problems.push({ field: 'sort', code: 'search.sort_needs_place' });
  }
  return { search: { params, networkId, municipalityIds, position, radiusKm, text, sort }, problems };
}
/** Names for the municipality and network facets and filters. */
export async function labelsFor(
  db: Db,
  municipalityIds: string[],
): Promise<{ municipalities: Map<string, string>; networks: Array<{ id: string; slug: string; name: string }> }> {
  // One round trip for both: every search page and API answer asks.
  const found = await preparedRows<{ kind: 'network' | 'municipality'; id: string; slug: string | null; name: string; position: number }>(
    db,
    sql`select 'network' as kind, id, slug, name, (row_number() over (order by name))::int as position from networks
        union all
        select 'municipality', id, null, name, 0 from municipalities where id = any(${arrayLiteral(municipalityIds)}::uuid[])`,
  );
  const networks = found
    .filter((r) => r.kind === 'network')
    .sort((a, b) => a.position - b.position)
    .map((r) => ({ id: r.id, slug: r.slug!, name: r.name }));
  const municipalities = new Map(found.flatMap((r) => (r.kind === 'municipality' ? [[r.id, r.name] as const] : [])));
  return { municipalities, networks };
}
