import type { ComponentChildren } from 'preact';

export interface Definition {
  term: string;
  value: ComponentChildren;
}

/**
 * Key facts as term and value pairs. Beside each other where there is room; on a phone each value goes
 * under its term, so long values (addresses, lists) are never squeezed into a narrow column. Pairs
 * without a value are left out.
 */
export function DefinitionList({ items, class: extra }: { items: ReadonlyArray<Definition | false | null | undefined>; class?: string }) {
  const shown = items.filter((item): item is Definition => !!item && item.value !== undefined && item.value !== null && item.value !== '');
  if (shown.length === 0) return null;
  return (
    <dl class={extra ? `facts ${extra}` : 'facts'}>
      {shown.map((item) => (
        <div class="fact" key={item.term}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
