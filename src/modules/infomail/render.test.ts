import crypto from 'node:crypto';
import { expect, test } from 'vitest';
import { previewStylePolicy, renderMail } from './render.ts';

const sha = (source: string) => `'sha256-${crypto.createHash('sha256').update(source).digest('base64')}'`;

test("the preview's policy allows exactly the mail's own inline styles, and nothing else changes", () => {
  const { html } = renderMail({
    network: { name: 'GEMS', primaryColor: '#12345a', accentColor: '#a0522d', logoPath: null },
    subject: 'Hallo',
    body: 'Ein **Test** <span style="color:red">rot</span>',
    publicUrl: 'https://example.org',
    links: { unsubscribe: 'https://example.org/abmelden' },
    footer: { unsubscribe: 'Abmelden', preferences: 'Einstellungen', archive: 'Archiv', why: 'Weil' },
  });
  const policy = "default-src 'self';style-src 'self';img-src 'self' data:";
  const widened = previewStylePolicy(policy, html);
  expect(widened).toContain(`style-src 'self' 'unsafe-hashes' `);
  expect(widened).toContain(sha('background:#12345a;color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold'));
  expect(widened).toContain(sha('a{color:#a0522d}'));
  // HTML in the Markdown is shown as text, not as an element: its style is not allowed.
  expect(html).toContain('&lt;span style="color:red"&gt;');
  expect(widened).not.toContain(sha('color:red'));
  expect(widened.startsWith("default-src 'self';style-src")).toBe(true);
  expect(widened.endsWith(";img-src 'self' data:")).toBe(true);
  expect(previewStylePolicy(policy, '<p>ohne Stil</p>')).toBe(policy);
});

test('the style policy reads attributes and style elements as the browser does, not text that looks like them', () => {
  const policy = "style-src 'self'";
  const widened = previewStylePolicy(
    policy,
    `<p style="font-family:&quot;Open Sans&quot;,sans-serif">a</p><STYLE>b > i{color:#000}</STYLE><p>&lt;b style="color:red"&gt;</p><div data-x='x style="color:blue"' style='margin:0'></div>`,
  );
  expect(widened).toContain(sha('font-family:"Open Sans",sans-serif'));
  expect(widened).toContain(sha('b > i{color:#000}'));
  expect(widened).toContain(sha('margin:0'));
  expect(widened).not.toContain(sha('color:red'));
  expect(widened).not.toContain(sha('color:blue'));
});

test('the text part says what the sanitised HTML part shows', () => {
  const { html, text } = renderMail({
    network: { name: 'GEMS', primaryColor: '#12345a', accentColor: '#a0522d', logoPath: null },
    subject: 'Hallo',
    body: [
      '## Neu im Netzwerk',
      '',
      'Ein **Test** <script>alert(1)</script> mit [Link](https://example.org/a) und [klick](javascript:alert(1)).',
      '',
      '![Zählpixel](https://tracker.example/p.gif) ![Unser Logo](https://example.org/logo.png)',
      '',
      '- eins',
      '- zwei',
    ].join('\n'),
    publicUrl: 'https://example.org',
    links: { unsubscribe: 'https://example.org/abmelden' },
    footer: { unsubscribe: 'Abmelden', preferences: 'Einstellungen', archive: 'Archiv', why: 'Weil' },
  });
  // The typed script is text in the HTML part (escaped, no element) and the same text in the text part.
  expect(html).not.toContain('<script');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(text).toContain('Ein Test <script>alert(1)</script> mit Link (https://example.org/a)');
  // What the sanitiser removed (the remote image) is in neither part; the own host's image keeps its alt text.
  expect(html).not.toContain('tracker.example');
  expect(text).not.toContain('tracker.example');
  expect(text).not.toContain('Zählpixel');
  expect(html).toContain('alt="Unser Logo"');
  expect(text).toContain('Unser Logo');
  // A javascript: address never becomes a link, in either part.
  expect(html).not.toMatch(/href="javascript:/i);
  expect(text).not.toContain('klick (javascript:');
  expect(text).toMatch(/^Neu im Netzwerk\n\nEin Test/);
  expect(text).toContain('- eins\n- zwei');
  expect(text).toContain('Abmelden: https://example.org/abmelden');
});
