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
