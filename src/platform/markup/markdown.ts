import MarkdownIt from 'markdown-it';
import { strictLinkify } from './linkify.ts';
import { sanitizeHtml } from './sanitize.ts';
import { htmlToText } from './to-text.ts';

// HTML written into Markdown is shown as text (html: false); single line breaks stay line breaks,
// as people writing a mail expect.
const md = strictLinkify(new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false }));

export interface MarkdownOptions {
  /** Hosts whose images may appear; none by default, so no tracking pixel can be written in. */
  imageHosts?: readonly string[];
  linkRel?: string;
}

/** Markdown → HTML of the `rich` profile, always passed through the sanitiser. */
export function renderMarkdown(text: string, options: MarkdownOptions = {}): string {
  return sanitizeHtml(md.render(text), { profile: 'rich', imageHosts: options.imageHosts ?? [], linkRel: options.linkRel });
}

/** Markdown → the plain-text part of a mail (links written out, lists with dashes). */
export function markdownToText(text: string): string {
  return htmlToText(renderMarkdown(text));
}
