import { decodeEntities, htmlToText, renderPlainText, sanitizeHtml } from '../../platform/markup/index.ts';

/**
 * Offer descriptions are stored as HTML of the markup pipeline's `basic` profile (p, br, ul, ol, li,
 * strong, em and links to http(s)/mailto). Typed text and imported HTML (FreiNet, CSV) both go
 * through `platform/markup`, so both render alike and nothing else can reach a page.
 */

export { decodeEntities };

/** Typed text → stored HTML: paragraphs, line breaks, "- " lists, links. Nothing typed is markup. */
export function textToDescriptionHtml(text: string): string {
  return renderPlainText(text, { lists: true });
}

/** The stored HTML back to the text someone edits in the form. */
export function descriptionHtmlToText(html: string): string {
  return htmlToText(sanitiseDescriptionHtml(html));
}

/** Any HTML (e.g. from an import) reduced to the stored subset. */
export function sanitiseDescriptionHtml(html: string): string {
  return sanitizeHtml(html, { profile: 'basic' });
}

/** Plain text for summaries, mails and search snippets. */
export function descriptionPlainText(html: string): string {
  return descriptionHtmlToText(html).replace(/\s+/g, ' ').trim();
}
