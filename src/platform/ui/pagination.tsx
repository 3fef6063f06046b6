import type { T } from '../i18n/index.ts';

interface PaginationProps {
  t: T;
  page: number;
  pages: number;
  /** The address of another page of the same list. */
  href: (page: number) => string;
  /** What is paged, for the navigation's name when a page has two lists (default: "Seiten"). */
  label?: string;
}

/** Previous and next page with the position in words; nothing when everything fits on one page. */
export function Pagination({ t, page, pages, href, label }: PaginationProps) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={label ?? t('ui.pagination')}>
      {page > 1 && (
        <a rel="prev" href={href(Math.min(page - 1, pages))}>
          {t('ui.pagination.prev')}
        </a>
      )}
      <span aria-current="page">{t('ui.pagination.pageOf', { page, pages })}</span>
      {page < pages && (
        <a rel="next" href={href(page + 1)}>
          {t('ui.pagination.next')}
        </a>
      )}
    </nav>
  );
}
