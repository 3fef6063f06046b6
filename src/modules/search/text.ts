/**
 * Trigram similarity as pg_trgm computes it (lower-cased words padded with two blanks in front and one
 * behind; shared trigrams over all trigrams). Used to pick "did you mean" words among a few titles the
 * database already found, so the suggestion does not need a dictionary table.
 */
export function trigrams(text: string): Set<string> {
  const words = text.toLocaleLowerCase('de-DE').match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.flatMap(wordTrigrams));
}

/** One word's trigrams in order, as pg_trgm makes them: two blanks in front, one behind. */
export function wordTrigrams(word: string): string[] {
  const chars = [...`  ${word} `];
  const list: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i++) list.push(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return list;
}

/**
 * pg_trgm's word_similarity(word, term): the greatest similarity between the word's trigrams and any
 * run of consecutive trigrams of the term (the typo search of the in-memory index).
 */
export function wordSimilarity(word: string, term: string): number {
  const wanted = new Set(wordTrigrams(word));
  const sequence = wordTrigrams(term);
  let best = 0;
  for (let start = 0; start < sequence.length; start++) {
    const seen = new Set<string>();
    let shared = 0;
    let extra = 0;
    for (let end = start; end < sequence.length; end++) {
      const t = sequence[end]!;
      if (!seen.has(t)) {
        seen.add(t);
        if (wanted.has(t)) shared++;
        else extra++;
      }
      const score = shared / (wanted.size + extra);
      if (score > best) best = score;
    }
  }
  return best;
}

export function similarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Lower case without accents or umlaut dots, for comparing what people type with stored names. */
export function plain(text: string): string {
  return text
    .toLocaleLowerCase('de-DE')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Marks the highlighted words of a snippet: start and stop characters nobody types. */
export const MARK_START = '\u0001';
export const MARK_STOP = '\u0002';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of the stored (sanitised) description HTML: tags dropped, the common entities decoded. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 31 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

/** Splits a highlighted snippet into plain and marked parts, for rendering with <mark> (never as HTML). */
export function snippetParts(snippet: string): Array<{ text: string; marked: boolean }> {
  const parts: Array<{ text: string; marked: boolean }> = [];
  const pattern = new RegExp(`${MARK_START}([^${MARK_STOP}]*)${MARK_STOP}`, 'g');
  let last = 0;
  for (const match of snippet.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: snippet.slice(last, match.index), marked: false });
    parts.push({ text: match[1] ?? '', marked: true });
    last = match.index + match[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), marked: false });
  return parts.map((p) => ({ ...p, text: p.text.replace(new RegExp(`[${MARK_START}${MARK_STOP}]`, 'g'), '') }));
}

export function plainSnippet(snippet: string): string {
  return snippet.replace(new RegExp(`[${MARK_START}${MARK_STOP}]`, 'g'), '');
}
