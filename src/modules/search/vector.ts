/** PostgreSQL's default weights for the vector's labels A, B, C, D. */
export const LABEL_WEIGHTS: Record<string, number> = { A: 1.0, B: 0.4, C: 0.2, D: 0.1 };

/** A posting's byte: bit 7 says the word occurs in the title; bits 0–6 the weight sum in tenths (capped). */
export const IN_TITLE = 0x80;
export const WEIGHT_BITS = 0x7f;

/**
 * What an occurrence adds to an offer's score, by its posting's mark: its weight. Read from a table of
 * floats so that the loops over postings keep the numbers unboxed (a number chosen between a parameter
 * and a computed one made V8 allocate one per posting: half a megabyte per search at a million offers).
 */
export const WEIGHT_GAINS = Float32Array.from({ length: 256 }, (_, mark) => (mark & WEIGHT_BITS) / 10);

/** The typo search's table: the word's similarity where it occurs in the title, else nothing. */
export function titleGains(similarity: number): Float32Array {
  return Float32Array.from({ length: 256 }, (_, mark) => (mark & IN_TITLE ? similarity : 0));
}

/** pg_trgm's default `word_similarity_threshold`: a typed word resembles a title word at least this much. */
export const SIMILARITY_THRESHOLD = 0.6;

/** Parses PostgreSQL's text form of a tsvector: lexemes with their weight sums and a title flag. */
export function parseVector(text: string): Array<{ lexeme: string; mark: number }> {
  const found: Array<{ lexeme: string; mark: number }> = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    let lexeme = '';
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "'") {
        if (text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (c === '\\' && i + 1 < text.length) {
        lexeme += text[i + 1];
        i += 2;
        continue;
      }
      lexeme += c;
      i++;
    }
    let weight = 0;
    let title = false;
    if (text[i] === ':') {
      i++;
      // Positions with an optional label each: 1A,5,7B
      while (i < text.length && text[i] !== ' ') {
        while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
        const label = text[i] === 'A' || text[i] === 'B' || text[i] === 'C' || text[i] === 'D' ? text[i]! : 'D';
        if (label !== 'D' || text[i] === 'D') i++;
        weight += LABEL_WEIGHTS[label]!;
        if (label === 'A') title = true;
        if (text[i] === ',') i++;
      }
    } else {
      weight = LABEL_WEIGHTS.D!;
    }
    found.push({ lexeme, mark: Math.min(WEIGHT_BITS, Math.max(1, Math.round(weight * 10))) | (title ? IN_TITLE : 0) });
  }
  return found;
}
