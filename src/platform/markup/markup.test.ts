import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeEntities, htmlToText, markdownToText, renderMarkdown, renderPlainText, sanitizeHtml } from './index.ts';

const ALLOWED_TAG = /^<\/?(p|br|ul|ol|li|strong|em|a|h2|h3|h4|blockquote|pre|code|hr|s|img)( (href|src|alt|rel)="[^"]*")*>$/;

/** Pieces that make parsers and sanitisers stumble, mixed with random text. */
const dirtyHtml = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<', '>', '"', "'", '=', '/', ' ', '\n', 'p', 'a', 'li', 'ul', 'div', 'img', 'script', 'style', ' href', ' src', ' onerror', ' onclick',
        'javascript:', 'java\nscript:', 'data:text/html,', 'https://t.example/p.gif', '<!--', '-->', '&lt;', '&#60;', '&amp;', '<br>', '</p>',
        '<svg>', '<iframe>', '<h1>', '<pre>', '<blockquote>', '<table><tr><td>',
      ),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

function expectSafe(html: string) {
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    expect(tag).toMatch(ALLOWED_TAG);
    expect(tag).not.toMatch(/(href|src)="(?!https?:|mailto:)/i);
  }
  // Text may say "javascript:" or "onclick=": it is escaped, only tags could act.
  expect(html).not.toMatch(/<script/i);
}

describe('sanitizeHtml', () => {
  it('keeps the allowed elements and drops scripts, handlers, styles and dangerous links', () => {
    const dirty =
      '<p onclick="x()" style="color:red">Hallo <a href="javascript:alert(1)">Klick</a> <a href=" java\nscript:alert(2)">zwei</a> ' +
      '<a href="https://ok.example/" onmouseover="x">gut</a> <a href="/relativ">rel</a> <a href="data:text/html,x">data</a></p>' +
      '<script>alert(3)</script><img src=x onerror=alert(4)><iframe src="https://evil.example"></iframe><style>p{}</style>';
    expect(sanitizeHtml(dirty)).toBe('<p>Hallo Klick zwei <a href="https://ok.example/">gut</a> rel data</p>');
  });

  it('puts loose text into paragraphs, list items into lists and turns containers into paragraph breaks', () => {
    expect(sanitizeHtml('Vorwort<div>eins</div><table><tr><td>zwei</td><td>drei</td></tr></table>')).toBe(
      '<p>Vorwort</p><p>eins</p><p>zwei</p><p>drei</p>',
    );
    expect(sanitizeHtml('<li>a</li><li>b</li>')).toBe('<ul><li>a</li><li>b</li></ul>');
    expect(sanitizeHtml('<ol>lose<li>a</li></ol>')).toBe('<ol><li>lose</li><li>a</li></ol>');
    expect(sanitizeHtml('<p> <strong> </strong><br></p><em></em>')).toBe('');
  });

  it('keeps headings, quotes and code only in the rich profile', () => {
    const html = '<h1>Titel</h1><blockquote>Zitat</blockquote><pre>a  b</pre>';
    expect(sanitizeHtml(html, { profile: 'rich' })).toBe('<h2>Titel</h2><blockquote><p>Zitat</p></blockquote><pre><code>a  b</code></pre>');
    expect(sanitizeHtml(html)).toBe('<p>Titel</p><p>Zitat</p><p>a b</p>');
  });

  it('removes remote images (tracking pixels) unless their host is allowed', () => {
    const html = '<p>Hallo<img src="https://tracker.example/p.gif" width="1" height="1"><img src="https://netz.example/logo.png" alt="Logo"></p>';
    expect(sanitizeHtml(html, { profile: 'rich' })).toBe('<p>Hallo</p>');
    expect(sanitizeHtml(html, { profile: 'rich', imageHosts: ['netz.example'] })).toBe('<p>Hallo<img src="https://netz.example/logo.png" alt="Logo"></p>');
    expect(sanitizeHtml('<img src="data:image/gif;base64,R0lGOD">', { profile: 'rich', imageHosts: ['netz.example'] })).toBe('');
  });

  it('adds the rel attribute to links only when asked (rendering into a page)', () => {
    expect(sanitizeHtml('<a href="https://a.example/">a</a>', { linkRel: 'nofollow noopener' })).toBe(
      '<p><a href="https://a.example/" rel="nofollow noopener">a</a></p>',
    );
  });

  it('lets nothing but the allow-list through and changes nothing when run twice, whatever comes in', () => {
    fc.assert(
      fc.property(dirtyHtml, fc.constantFrom('basic', 'rich') as fc.Arbitrary<'basic' | 'rich'>, (html, profile) => {
        const clean = sanitizeHtml(html, { profile });
        expectSafe(clean);
        expect(sanitizeHtml(clean, { profile })).toBe(clean);
        expect(clean).not.toContain('<img'); // no host allowed: no image at all
      }),
      { numRuns: 1500 },
    );
  });
});

describe('renderMarkdown', () => {
  it('renders Markdown and shows HTML written into it as text', () => {
    const html = renderMarkdown('# Neuigkeiten\n\nHallo **alle** <script>alert(1)</script>\nneue Zeile\n\n- eins\n- zwei\n\n[Link](javascript:alert(1)) [gut](https://netz.example/a)');
    expect(html).toBe(
      '<h2>Neuigkeiten</h2><p>Hallo <strong>alle</strong> &lt;script&gt;alert(1)&lt;/script&gt;<br>neue Zeile</p>' +
        '<ul><li>eins</li><li>zwei</li></ul><p>[Link](javascript:alert(1)) <a href="https://netz.example/a">gut</a></p>',
    );
  });

  it('writes no tracking pixel: images from other hosts are dropped', () => {
    expect(renderMarkdown('Text ![](https://tracker.example/p.gif)')).toBe('<p>Text</p>');
    expect(renderMarkdown('![Logo](https://netz.example/l.png)', { imageHosts: ['netz.example'] })).toBe('<p><img src="https://netz.example/l.png" alt="Logo"></p>');
  });

  it('never produces unsafe markup, and its output is already sanitised', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('# ', '**', '_', '[x](', ')', '![p](https://t.example/p.gif)', '<script>', 'javascript:', '\n', '\n\n', '- ', '> ', '```', '<a href="javascript:x">', '<img src=x onerror=y>'), fc.string({ maxLength: 6 })), { maxLength: 30 }),
        (parts) => {
          const html = renderMarkdown(parts.join(''));
          expectSafe(html);
          expect(html).not.toContain('<img');
          expect(sanitizeHtml(html, { profile: 'rich' })).toBe(html);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives a plain-text version for the text part of mails', () => {
    expect(markdownToText('## Termine\n\n1. Treffen am **Montag**\n2. [Anmeldung](https://netz.example/a)\n\n> Bitte weitersagen')).toBe(
      'Termine\n\n1. Treffen am Montag\n2. Anmeldung (https://netz.example/a)\n\n> Bitte weitersagen',
    );
  });
});

describe('renderPlainText and htmlToText', () => {
  it('escapes everything typed, keeps line breaks and links addresses with their scheme only', () => {
    expect(renderPlainText('<b>fett</b> & mehr\nSiehe https://netz.example/a. oder netz.example')).toBe(
      '<p>&lt;b&gt;fett&lt;/b&gt; &amp; mehr<br>Siehe <a href="https://netz.example/a">https://netz.example/a</a>. oder netz.example</p>',
    );
  });

  it('gives back the typed text, so that editing changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 })), fc.boolean(), (text, lists) => {
        const once = renderPlainText(text, { lists });
        expect(sanitizeHtml(once)).toBe(once);
        expect(renderPlainText(htmlToText(once), { lists })).toBe(once);
      }),
      { numRuns: 1500 },
    );
  });

  it('decodes entities in imported plain text once', () => {
    expect(decodeEntities('Gr&ouml;&szlig;e &amp;lt; &#228;')).toBe('Größe &lt; ä');
  });
});
