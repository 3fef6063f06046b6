import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordsOf } from './params.ts';
import { snippetOf } from './queries.ts';
import { decodeEntities, plain, similarity, snippetParts } from './text.ts';

const text = (...lexemes: string[]) => ({ words: lexemes.map((l) => ({ lexemes: [l] })) });

describe('text helpers', () => {
  it('computes trigram similarity as pg_trgm does', () => {
    expect(similarity('hausaufgabn', 'Hausaufgabenhilfe')).toBeCloseTo(0.5, 2);
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('', 'abc')).toBe(0);
  });

  it('compares names without umlaut dots and ß', () => {
    expect(plain('Löbnitz')).toBe('lobnitz');
    expect(plain('Weißwasser')).toBe('weisswasser');
  });

  it('decodes the entities of stored HTML and nothing more', () => {
    expect(decodeEntities('Kaffee &amp; Kuchen &lt;3 &#228; &#x00FC; &bogus;')).toBe('Kaffee & Kuchen <3 ä ü &bogus;');
  });

  it('splits typed text into at most eight words of letters and digits', () => {
    expect(wordsOf("Hausaufgaben-Hilfe' OR 1=1; --")).toEqual(['hausaufgaben', 'hilfe', 'or']);
    expect(wordsOf('a b c d e f g h i j k l m n o p q r s t u v w x y z'.replace(/ /g, 'x '))).toHaveLength(8);
  });
});

describe('snippets', () => {
  it('marks words starting with a searched stem, with or without umlauts', () => {
    const snippet = snippetOf('Dorffest in Löbnitz: Kuchen für die Kinder backen.', text('lobnitz', 'kind'));
    expect(snippetParts(snippet).filter((p) => p.marked).map((p) => p.text)).toEqual(['Löbnitz', 'Kinder']);
  });

  it('moves the window to a match far into a long text', () => {
    const long = `${'Wir suchen Menschen, die gern helfen. '.repeat(20)}Besonders bei den Hausaufgaben am Dienstag.`;
    const snippet = snippetOf(long, text('hausaufgab'));
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet).toContain('\u0001Hausaufgaben\u0002');
    expect(snippet.length).toBeLessThan(240);
  });

  it('marks what folding every word and comparing it with every stem marks (property)', () => {
    // The plain way: every word of the text folded and compared; snippetOf skips most of that work.
    const reference = (body: string, stems: string[]) => {
      const clean = decodeEntities(body).replace(/\s+/g, ' ').trim();
      const folded = stems.map(plain).filter(Boolean);
      return [...clean.matchAll(/[\p{L}\p{N}]+/gu)].filter((m) => folded.some((stem) => plain(m[0]).startsWith(stem))).map((m) => m[0]);
    };
    const word = fc.stringMatching(/^[A-Za-zÄÖÜäöüßéİ0-9]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 80 }), fc.array(fc.stringMatching(/^[a-zäöüß]{1,6}$/), { minLength: 1, maxLength: 3 }), (words, stems) => {
        const body = words.join(' ');
        const snippet = snippetOf(body, text(...stems));
        const marked = snippetParts(snippet).filter((p) => p.marked).map((p) => p.text);
        // The snippet is a window of the text: its marked words are the first of the reference's, in order.
        const expected = reference(body, stems);
        expect(marked).toEqual(expected.slice(0, marked.length));
        if (expected.length > 0) expect(marked.length).toBeGreaterThan(0);
      }),
    );
  });

  it('never loses or invents text, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.array(fc.stringMatching(/^[a-zäöü]{2,8}$/), { maxLength: 3 }), (body, stems) => {
        const snippet = snippetOf(body, text(...stems));
        const plainText = snippetParts(snippet).map((p) => p.text).join('').replace(/^… | …$/g, '');
        expect(decodeEntities(body).replace(/\s+/g, ' ')).toContain(plainText.replace(/ …$/, ''));
      }),
    );
  });
});
