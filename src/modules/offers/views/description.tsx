import { Markup } from '../../../platform/markup/index.ts';

/** The stored description in a page, through the markup pipeline's allow-list at render time too. */
export function Description({ html }: { html: string }) {
  return <Markup class="description" html={html} profile="basic" />;
}
