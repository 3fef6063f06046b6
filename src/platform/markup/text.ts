import { findLinks } from './linkify.ts';
import { safeHref } from './sanitize.ts';

// Written exactly as the sanitiser writes, so that sanitising typed text changes nothing.
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escape(text).replace(/"/g, '&quot;');

const LIST_ITEM = /^[-•*]\s+/;

export interface PlainTextOptions {
  /** A paragraph whose lines all start with "- " becomes a list (offer descriptions use this). */
  lists?: boolean;
}

/**
 * Text as typed into a form → HTML of the `basic` profile: paragraphs at blank lines, line breaks,
 * addresses with their scheme as links. Nothing typed is ever markup: every character is escaped.
 */
export function renderPlainText(text: string, options: PlainTextOptions = {}): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs
    .map((p) => {
      // Runs of spaces mean nothing in HTML; collapsing them here keeps edit round trips stable.
      // A no-break space is meant ("10\u00a0€") and stays.
      const lines = p
        .split('\n')
        .map((line) => line.replace(/[^\S\u00a0]+/g, ' ').trim())
        .filter(Boolean);
      if (options.lists && lines.every((line) => LIST_ITEM.test(line))) {
        return `<ul>${lines.map((line) => `<li>${inline(line.replace(LIST_ITEM, ''))}</li>`).join('')}</ul>`;
      }
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('');
}

function inline(line: string): string {
  let out = '';
  let from = 0;
  for (const link of findLinks(line)) {
    const href = safeHref(link.url);
    out += escape(line.slice(from, link.index));
    out += href ? `<a href="${escapeAttribute(href)}">${escape(link.text)}</a>` : escape(link.text);
    from = link.lastIndex;
  }
  return out + escape(line.slice(from));
}
