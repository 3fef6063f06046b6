import { sanitizeHtml, type MarkupProfile } from './sanitize.ts';

/**
 * Sanitised HTML inside a page. The HTML is sanitised here again, at render time, so that nothing
 * stored — however it got into the database — reaches a page without passing the allow-list.
 */
export function Markup({ html, profile = 'basic', class: className }: { html: string; profile?: MarkupProfile; class?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: sanitizeHtml(html, { profile, linkRel: 'nofollow noopener' }) }} />;
}
