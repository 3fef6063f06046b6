import type { ComponentChildren } from 'preact';

export interface Column<R> {
  /** The column's heading; on a phone it labels each value of the stacked row. */
  label: string;
  cell: (row: R, index: number) => ComponentChildren;
  /** This column names the row: its cells are row headers (th scope="row") and head each card on a phone. */
  rowHeader?: boolean;
  /** Numbers: right-aligned in tabular figures. */
  numeric?: boolean;
  /** The sort parameter's value for this column: its heading becomes a link that sorts the list on the server. */
  sort?: string;
  /** A class for one cell, e.g. to set a masked value apart. */
  cellClass?: (row: R) => string | undefined;
}

export interface TableSort {
  /** The sort value now in force, and whether it runs downwards. */
  by: string;
  descending: boolean;
  /** The address of the same list sorted by `by`. */
  href: (by: string, descending: boolean) => string;
}

interface DataTableProps<R> {
  /** The table's id; its caption is `${id}-caption` and names the scroll region. */
  id: string;
  caption: string;
  columns: ReadonlyArray<Column<R>>;
  rows: readonly R[];
  rowKey?: (row: R, index: number) => string | number;
  /** A totals row, drawn with the same columns. */
  footer?: R | undefined;
  sort?: TableSort | undefined;
  /** An extra class for the table, e.g. "figures". */
  class?: string;
  /** Stack each row as a card of label–value lines on a phone (default); off for tables that read best as a grid. */
  stack?: boolean;
}

function classes(...names: Array<string | false | undefined>): string | undefined {
  return names.filter(Boolean).join(' ') || undefined;
}

function Heading<R>({ column, sort }: { column: Column<R>; sort: TableSort | undefined }) {
  if (!column.sort || !sort) {
    return (
      <th scope="col" class={classes(column.numeric && 'num')}>
        {column.label}
      </th>
    );
  }
  const current = sort.by === column.sort;
  // The current column turns round on a second click; another column starts upwards.
  const descending = current ? !sort.descending : false;
  return (
    <th
      scope="col"
      class={classes('sortable', column.numeric && 'num')}
      aria-sort={current ? (sort.descending ? 'descending' : 'ascending') : undefined}
    >
      <a href={sort.href(column.sort, descending)}>
        {column.label}
        <span class="sort-mark" aria-hidden="true">
          {current ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}
        </span>
      </a>
    </th>
  );
}

/**
 * A table with a caption, in a scroll region that keyboard users can focus and scroll (axe
 * scrollable-region-focusable) and that the caption names. On a phone each row becomes a card: the cells
 * stack, each labelled by its column (data-label), so nothing is cut off and nothing scrolls sideways.
 */
export function DataTable<R>(props: DataTableProps<R>) {
  const captionId = `${props.id}-caption`;
  const stack = props.stack ?? true;
  const cells = (row: R, index: number) =>
    props.columns.map((column, c) => {
      const cls = classes(column.numeric && 'num', column.cellClass?.(row));
      return column.rowHeader ? (
        <th scope="row" class={cls} key={c}>
          {column.cell(row, index)}
        </th>
      ) : (
        <td class={cls} data-label={column.label} key={c}>
          {column.cell(row, index)}
        </td>
      );
    });
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a region that may scroll must take the focus (WCAG 2.1.1)
    <div class="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table id={props.id} class={classes('data-table', stack && 'data-table--stack', props.class)}>
        <caption id={captionId}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column, c) => (
              <Heading key={c} column={column} sort={props.sort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, r) => (
            <tr key={props.rowKey ? props.rowKey(row, r) : r}>{cells(row, r)}</tr>
          ))}
        </tbody>
        {props.footer !== undefined && (
          <tfoot>
            <tr>{cells(props.footer, props.rows.length)}</tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** Reads a sort parameter such as "name" or "-name" against the allowed values; anything else gives the default. */
export function parseSort(value: unknown, allowed: readonly string[], fallback: { by: string; descending: boolean }): { by: string; descending: boolean } {
  if (typeof value !== 'string') return fallback;
  const descending = value.startsWith('-');
  const by = descending ? value.slice(1) : value;
  return allowed.includes(by) ? { by, descending } : fallback;
}

/** The sort parameter's value for a column and direction: "name" or "-name". */
export function sortValue(by: string, descending: boolean): string {
  return descending ? `-${by}` : by;
}
