import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { closestMatch } from 'leven';
import { CONCEPTS, PHRASES } from './concepts.ts';

/**
 * What the search knows about German beyond the database's stemmer (issue 13, docs/search.md):
 * compounds split into their parts with the hunspell word list of igerman98 (npm `dictionary-de`,
 * GPL-2.0/GPL-3.0), gender-inclusive forms, filler words, and related words (concepts.ts).
 *
 * Both searches use these functions, so that they match the same offers: the in-memory index over its
 * own list of lexemes, the database over the table `search_words` (migration 0022).
 */

/** How much a match counts, by kind, times the weight of where it is (title, tags, text). */
export const WHOLE = 1;
/** The typed word is a part of a compound ("pate" in "Vorlesepate") or its first part ("kinder" in "Kinderturnen"). */
export const PART = 0.5;
/** The typed word only begins a longer word that is not its compound ("pat" in "Patientenbeteiligung"). */
export const PREFIX = 0.25;
/**
 * A related word (concepts.ts): times the above. Below a typed word's weight anywhere (a related word
 * in the title, 0.15, counts less than the word typed in the text, 0.2).
 */
export const RELATED = 0.15;
/** A filler word ("helfen", "arbeiten") counts this much of a meaningful one. */
export const FILLER = 0.3;
/** Each meaningful word matched lifts an offer above all offers matching fewer (partial matches come after). */
export const COVERAGE = 100;

/** Lower case without accents or umlaut dots, one character for one (ß stays): positions keep their meaning. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Most words are plain ASCII: no normalising needed (it is the slow part on 75,000 words).
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower.replace(/[^\x00-\x7fß]/g, (c) => c.normalize('NFD')[0] ?? c);
}

interface Lexicon {
  words: Set<string>;
  sorted: string[];
  /** Nouns that take the feminine -in/-innen (hunspell flag F): "trainer", "schöffe". */
  feminine: Set<string>;
}

let lexicon: Lexicon | undefined;
const LETTERS = /^\p{L}+$/u;

/** The word list of dictionary-de, folded; read once (about 75,000 entries, 40 ms). */
function words(): Lexicon {
  if (lexicon) return lexicon;
  const set = new Set<string>();
  const feminine = new Set<string>();
  // Read from the package's folder (its index.js reads both files with a top-level await on import).
  const text = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('dictionary-de')), 'index.dic'), 'utf8');
  for (const line of text.split('\n')) {
    const slash = line.indexOf('/');
    const word = (slash < 0 ? line : line.slice(0, slash)).trim();
    const flags = slash < 0 ? '' : line.slice(slash + 1);
    // Forbidden words (flag d) and lines that are not plain words (the header, numbers, abbreviations).
    if (flags.includes('d') || !LETTERS.test(word)) continue;
    const folded = fold(word);
    if (flags.includes('F')) feminine.add(folded);
    if (folded.length < 3) continue;
    set.add(folded);
    // The database's newer stemmer writes "ss" for "ß".
    if (folded.includes('ß')) set.add(folded.replace(/ß/g, 'ss'));
  }
  lexicon = { words: set, sorted: [...set].sort(), feminine };
  return lexicon;
}

/** Whether some word of the list begins with `piece` (a stemmed last part, "turn" of "turnen"). */
function beginsWord(piece: string): boolean {
  const { sorted } = words();
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < piece) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]!.startsWith(piece);
}

/** Endings the stemmer cuts off: a stemmed last part plus one of them is a word ("pat" + "e"). */
const ENDINGS = ['e', 'en', 'er', 'em', 'es', 'n', 's', 'ern', 'st', 'est', 'end', 'ung', 'ig', 'ik', 'isch', 'lich', 'heit', 'keit'];

/** Whether a compound's (stemmed) last part is a word: as it is, or with an ending the stemmer cut off; never a gender ending. */
function isLastPart(piece: string): boolean {
  if (piece.length < MIN_PART || /^inn?(en)?$/.test(piece)) return false;
  const { words: list } = words();
  return list.has(piece) || ENDINGS.some((ending) => list.has(piece + ending));
}

/** Linking letters between the parts of a compound (Fugenelemente): "Kind-er-turnen", "Arbeit-s-zeit". */
const LINKS = ['s', 'n', 'en', 'er', 'e', 'es'];
/** Parts are at least this long ("vor", "tag"); shorter ones split too much. */
const MIN_PART = 3;

const startsCache = new Map<string, readonly number[]>();
const NO_STARTS: readonly number[] = [];

/**
 * Where the parts of a compound begin after the first, in a stemmed and folded lexeme ("vorlesepat" →
 * [3, 7]: vor|lese|pat): every position at which a split into words of the list (with linking letters)
 * begins a part, the last part being the beginning of a word (the stemmer cuts endings off). Empty for
 * a word that is not a compound.
 */
export function partStarts(lexeme: string): readonly number[] {
  const cached = startsCache.get(lexeme);
  if (cached) return cached;
  const nexts = splits(fold(lexeme));
  let starts = NO_STARTS;
  if (nexts) {
    // The starts reachable from the beginning through whole words.
    const found = new Set<number>();
    const walk = (i: number) => {
      for (const next of nexts[i]!) {
        if (found.has(next)) continue;
        found.add(next);
        walk(next);
      }
    };
    walk(0);
    if (found.size) starts = [...found].sort((a, b) => a - b);
  }
  if (startsCache.size > 200_000) startsCache.clear();
  startsCache.set(lexeme, starts);
  return starts;
}

/** Longest word looked for in a compound: parts are rarely longer, and the search stops early. */
const MAX_PART = 16;

/**
 * For each position of a folded word, the positions a part that begins there can end at (with its
 * linking letters) such that the rest splits too; undefined when the word does not split.
 */
function splits(word: string): number[][] | undefined {
  const length = word.length;
  if (length < 2 * MIN_PART) return undefined;
  const { words: list } = words();
  // finishes[i]: from i on, the rest splits into parts (the last one cut short by the stemmer).
  const finishes = new Uint8Array(length + 1);
  const nexts: number[][] = Array.from({ length: length + 1 }, () => []);
  for (let i = length - MIN_PART; i >= 0; i--) {
    if (i > 0 && isLastPart(word.slice(i))) finishes[i] = 1;
    for (let end = i + MIN_PART; end <= Math.min(length - MIN_PART, i + MAX_PART); end++) {
      const piece = word.slice(i, end);
      if (!list.has(piece)) {
        // No word begins so: no longer one will be a word either.
        if (end - i >= 5 && !beginsWord(piece)) break;
        continue;
      }
      for (const next of [end, ...LINKS.filter((l) => word.startsWith(l, end)).map((l) => end + l.length)]) {
        if (next <= length - MIN_PART && finishes[next]) {
          finishes[i] = 1;
          nexts[i]!.push(next);
        }
      }
    }
  }
  return nexts[0]!.length ? nexts : undefined;
}

/**
 * How well a lexeme containing a stem matches it: WHOLE when the lexeme is the stem or an inflection
 * of it; PART when the stem is a part of the compound (begins at a part's start, or is the first part);
 * PREFIX when it only begins a longer word; 0 when the stem is inside the lexeme but not at a part.
 */
export function matchKind(stem: string, lexeme: string): number {
  const at = lexeme.indexOf(stem);
  if (at < 0) return 0;
  const starts = partStarts(lexeme);
  if (at === 0) {
    const end = stem.length;
    // The next part begins right after the stem or after its ending and linking letters.
    const next = starts.find((s) => s >= end);
    if (next !== undefined && next - end <= 3) return PART;
    return lexeme.length - end <= 3 ? WHOLE : PREFIX;
  }
  for (const s of starts) if (lexeme.startsWith(stem, s)) return PART;
  return 0;
}

/**
 * How a lexeme matches a term looked for with `factor` (0: not at all). The word typed matches by
 * `matchKind`, inside other compounds too ("pate" in "Vorlesepate"). A part of a typed compound
 * matches only as a word of its own or a compound's beginning ("haus" of "Hausaufgaben" finds "Haus"
 * and "Hausmeister", not "Pfarrhaus"). A related word (factor below PART) matches as a whole word or a
 * part, never as the mere beginning of a longer word, and when shorter than four letters only as a
 * whole word ("ältere" → "alt" finds "alte", not "Altpapier", "Altstadt" or "Altdorf").
 */
export function termMatch(stem: string, factor: number, lexeme: string): number {
  const kind = matchKind(stem, lexeme);
  if (factor >= WHOLE) return kind;
  if (factor >= PART) return lexeme.startsWith(stem) ? kind : 0;
  if (kind === PREFIX || (stem.length < MIN_RELATED_PART && kind !== WHOLE)) return 0;
  return kind;
}

/** Whether a term looked for with `factor` is searched as a later part of other compounds (see `termMatch`). */
export function searchedAsPart(stem: string, factor: number): boolean {
  if (factor >= WHOLE) return stem.length >= MIN_PART;
  return factor < PART && stem.length >= MIN_RELATED_PART;
}

/** A related word shorter than this matches only as a whole word. */
const MIN_RELATED_PART = 4;

/** Whether the stem begins one of the lexeme's parts after the first (what `partStarts` files under). */
export function isPartOf(stem: string, lexeme: string): boolean {
  for (const s of partStarts(lexeme)) if (lexeme.startsWith(stem, s)) return true;
  return false;
}

/**
 * Gender-inclusive spellings read as the base word: "Trainer:in", "Trainer*innen", "Trainer_in",
 * "TrainerIn", "Trainer/-in", "Fahrer/innen" → "Trainer", "Fahrer"; and a feminine form of a noun
 * the word list marks as having one ("Seniorinnen", "Schöffin") → its base. The stemmer would keep
 * "trainerin" apart from "trainer".
 */
export function withoutGender(text: string): string {
  return text
    .replace(/(\p{L})(?:[:*_·'’]|\/-?)(?:in|innen)\b/gu, '$1')
    .replace(/(\p{Ll})I(?:n|nnen)\b/gu, '$1');
}

/** A single typed word in its base form when it is the feminine of a noun with one ("seniorinnen" → "senior"). */
export function baseOfFeminine(word: string): string {
  const folded = fold(word);
  const { feminine } = words();
  for (const ending of ['innen', 'in']) {
    if (!folded.endsWith(ending) || folded.length - ending.length < 3) continue;
    const base = folded.slice(0, -ending.length);
    if (feminine.has(base)) return word.slice(0, word.length - ending.length);
    if (feminine.has(`${base}e`)) return `${word.slice(0, word.length - ending.length)}e`;
  }
  return word;
}

/**
 * Words that say little about what someone looks for: they count (FILLER) but an offer need not have
 * them, and an offer that has only them is not found.
 */
const FILLERS = new Set(
  'helfen hilfe helfer helferin mithelfen arbeiten arbeit mitarbeiten mitarbeit mitmachen machen suchen suche möchte möchten will würde gern gerne engagieren engagement ehrenamt ehrenamtlich ehrenamtliche freiwillig freiwillige tun aktiv unterstützen unterstützung menschen leute etwas person'.split(
    ' ',
  ),
);

export function isFiller(word: string): boolean {
  return FILLERS.has(word.toLocaleLowerCase('de-DE'));
}

const related = new Map<string, string[]>();
for (const line of CONCEPTS) {
  const group = line.split(' ');
  for (const word of group) related.set(word, [...new Set([...(related.get(word) ?? []), ...group.filter((w) => w !== word)])]);
}

/** The words related to a typed word (concepts.ts), without itself. */
export function relatedWords(word: string): string[] {
  return related.get(word.toLocaleLowerCase('de-DE')) ?? [];
}

const conceptWords = [...related.keys()];

/** Whether the list knows the word, as it is or without an inflection ending ("senioren" → "senior"). */
function isKnownWord(folded: string): boolean {
  const { words: list } = words();
  return list.has(folded) || ENDINGS.some((ending) => folded.endsWith(ending) && list.has(folded.slice(0, -ending.length)));
}

/**
 * The word of the related-words list that a typed word misspells ("flüchtlnge" → "flüchtlinge"), so
 * that a typo finds what the word's group finds: one letter off (two from eight letters on), only for
 * words of five letters or more that the word list does not know.
 */
export function conceptOfTypo(word: string): string | undefined {
  const lower = word.toLocaleLowerCase('de-DE');
  if (lower.length < 5 || related.has(lower) || isKnownWord(fold(lower))) return undefined;
  return closestMatch(lower, conceptWords, { maxDistance: lower.length >= 8 ? 2 : 1 });
}

/** Two-word phrases read as one concept word ("ältere Menschen" → "senioren"). */
export function joinPhrases(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = `${words[i]} ${words[i + 1] ?? ''}`.toLocaleLowerCase('de-DE');
    const phrase = PHRASES[pair];
    if (phrase) {
      out.push(phrase);
      i++;
    } else out.push(words[i]!);
  }
  return out;
}

/**
 * A typed compound's parts as written ("Gartenarbeit" → "garten", "arbeit"), for finding offers that
 * name the parts apart; empty when the word does not split.
 */
export function compoundParts(word: string): string[] {
  const folded = fold(word);
  const nexts = splits(folded);
  if (!nexts) return [];
  // One split: the longest part first each time ("fahrrad|reparatur", not "fahr|rad|reparatur").
  const bounds = [0];
  for (let at = 0; nexts[at]?.length; ) bounds.push((at = Math.max(...nexts[at]!)));
  bounds.push(folded.length);
  const parts: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) parts.push(word.toLocaleLowerCase('de-DE').slice(bounds[i], bounds[i + 1]));
  return parts.filter((p) => p.length >= MIN_PART);
}
