import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeLocation, safeReturnPath } from './redirect.ts';

/** How a browser reads a Location header on a page of this site: where would it go? */
function browserTarget(location: string): URL {
  // Browsers strip tabs and newlines from URLs and read backslashes as slashes, as WHATWG URL does.
  return new URL(location, 'https://engagement.example/start');
}

describe('safeReturnPath', () => {
  // The usual ways of smuggling another site past a "starts with one slash" check.
  const bypasses = [
    '//evil.example',
    '//evil.example/',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '\\/evil.example',
    '/\t/evil.example',
    '/%09/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\r\n/evil.example',
    '/%0a/evil.example',
    '/%0d%0a/evil.example',
    '\t//evil.example',
    ' //evil.example',
    '/ /evil.example',
    '/%2f/evil.example',
    '/%2F%2Fevil.example',
    '/%5c/evil.example',
    '/%5Cevil.example',
    '%2f%2fevil.example',
    '/\u0000/evil.example',
    '/%00/evil.example',
    '/\u007f/evil.example',
    'https://evil.example/',
    'http:evil.example',
    'https:/evil.example',
    '//user@evil.example',
    '//engagement.example@evil.example/',
    '//еvil.example/', // Cyrillic е: an IDN look-alike
    '//xn--vil-ked.example/',
    '//evil。example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '/javascript:alert(1)\n',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '',
    'evil.example',
    '.evil.example',
    '/..//evil.example',
    '/.%2e//evil.example',
  ];

  it.each(bypasses)('refuses %j', (value) => {
    expect(safeReturnPath(value, '/fallback')).toBe('/fallback');
  });

  it.each([
    ['/netzwerk/gems', '/netzwerk/gems'],
    ['/angebote?q=Garten&umkreis=10', '/angebote?q=Garten&umkreis=10'],
    ['/einladung/abc_DEF-123', '/einladung/abc_DEF-123'],
    ['/angebote/12#kontakt', '/angebote/12#kontakt'],
    ['/angebote?q=Grüße', '/angebote?q=Gr%C3%BC%C3%9Fe'],
    ['/a/../b', '/b'],
    // An @ in a path is just a character of the path: no userinfo without an authority.
    ['/@evil.example', '/@evil.example'],
  ])('keeps %j on this site as %j', (value, expected) => {
    expect(safeReturnPath(value, '/fallback')).toBe(expected);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['/a'], { a: 1 }]) expect(safeReturnPath(value)).toBe('/');
  });

  it('never yields a path a browser would take to another origin, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: fc.constantFrom('/', '\\', '\t', '\n', '%', '2', 'f', '5', 'c', '0', '9', '@', ':', '.', 'e', 'v', 'i', 'l') }),
        ),
        (value) => {
          const result = safeReturnPath(value, '/fallback');
          expect(browserTarget(result).origin).toBe('https://engagement.example');
          expect(result).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('safeLocation', () => {
  it('encodes characters a header cannot carry and keeps the rest', () => {
    expect(safeLocation('/angebote?ort=Görlitz')).toBe('/angebote?ort=G%C3%B6rlitz');
    expect(safeLocation('/angebote?q=日本 x')).toBe('/angebote?q=%E6%97%A5%E6%9C%AC%20x');
    expect(safeLocation('/angebote?q=%C3%B6')).toBe('/angebote?q=%C3%B6');
    expect(safeLocation('https://other.example/a?b=1')).toBe('https://other.example/a?b=1');
  });

  it('refuses CR, LF and other control characters with a 400', () => {
    for (const value of ['/a\r\nSet-Cookie: x=1', '/a\nb', '/a\rb', '/a\u0000b', '/a\tb', '/a\ud800b']) {
      expect(() => safeLocation(value)).toThrow(expect.objectContaining({ statusCode: 400 }));
    }
  });
});
