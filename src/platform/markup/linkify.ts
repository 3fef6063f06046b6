import MarkdownIt, { type MarkdownIt as Md } from 'markdown-it';

/**
 * One link finder for typed text and Markdown: markdown-it's linkify-it instance, narrowed to
 * addresses written out with their scheme (http, https, mailto). Guessing links in bare words
 * ("example.de") would turn names into links and make edited text change on its way back.
 */
export function strictLinkify(md: Md): Md {
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  md.linkify.add('ftp:', null).add('//', null);
  return md;
}

const finder = strictLinkify(new MarkdownIt()).linkify;

export interface FoundLink {
  index: number;
  lastIndex: number;
  text: string;
  url: string;
}

export function findLinks(text: string): FoundLink[] {
  return (finder.match(text) ?? []).map((m) => ({ index: m.index, lastIndex: m.lastIndex, text: m.raw, url: m.url }));
}
