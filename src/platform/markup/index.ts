/**
 * The one way to turn what people write into safe markup. Every module uses these functions; no
 * module writes its own HTML reader or escaper for user content.
 *
 * - `renderPlainText(text, { lists })`: text typed into a form → HTML (escaped; paragraphs at blank
 *   lines, line breaks, http(s)/mailto addresses as links; with `lists`, "- " lines become a list).
 * - `renderMarkdown(text, { imageHosts, linkRel })`: Markdown (markdown-it, raw HTML shown as text)
 *   → HTML of the `rich` profile, always through the sanitiser; remote images (tracking pixels)
 *   are removed unless their host is named in `imageHosts`.
 * - `sanitizeHtml(html, { profile, imageHosts, linkRel })`: imported or stored HTML (htmlparser2 +
 *   sanitize-html allow-list, then a structure tidy) → HTML of the profile (`basic`: p, br, lists,
 *   strong, em, links; `rich`: also h2–h4, quotes, code, rules, allowed images). Idempotent: its own
 *   output comes back unchanged. Scripts, event handlers, styles and javascript:/data: links never survive.
 * - `decodeEntities(text)`: entities in imported plain text decoded (the `entities` package).
 * - `htmlToText(html)` and `markdownToText(text)`: plain text for mails, summaries and edit forms.
 * - `<Markup html profile />`: the component that puts sanitised HTML into a page; it sanitises at
 *   render time as well, so stored HTML never reaches a page unchecked.
 */
export { renderPlainText, type PlainTextOptions } from './text.ts';
export { renderMarkdown, markdownToText, type MarkdownOptions } from './markdown.ts';
export { sanitizeHtml, safeHref, type MarkupProfile, type SanitizeOptions } from './sanitize.ts';
export { htmlToText } from './to-text.ts';
export { decodeEntities } from './entities.ts';
export { Markup } from './view.tsx';
