import type { Option } from './field.tsx';
import { describedBy, HintAndError } from './hint.tsx';

interface CheckboxGroupProps {
  name: string;
  legend: string;
  options: readonly Option[];
  /** The ticked values. */
  selected: readonly string[] | ReadonlySet<string>;
  error?: string | undefined;
  hint?: string | undefined;
  /** Lay long lists (the 14 fields, the municipalities) out in columns. */
  columns?: boolean;
}

function has(selected: readonly string[] | ReadonlySet<string>, value: string): boolean {
  return 'has' in selected ? selected.has(value) : selected.includes(value);
}

/**
 * Several choices under one legend, hint and error read with the group. The first box carries the id
 * f-<name> that the error summary links to, so following the link puts the focus into the group.
 */
export function CheckboxGroup(props: CheckboxGroupProps) {
  const id = `f-${props.name}`;
  return (
    <fieldset class={props.error ? 'field field--error' : 'field'} aria-describedby={describedBy(id, props.hint, props.error)}>
      <legend>{props.legend}</legend>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <div class={props.columns ? 'checkbox-columns' : undefined}>
        {props.options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div class="checkbox" key={o.value}>
              <input
                type="checkbox"
                id={boxId}
                name={props.name}
                value={o.value}
                checked={has(props.selected, o.value)}
                aria-invalid={props.error ? 'true' : undefined}
              />
              <label for={boxId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** One yes/no checkbox with its label and hint; it sends value 1 when ticked. */
export function Checkbox(props: { name: string; label: string; checked: boolean; hint?: string | undefined; error?: string | undefined; id?: string }) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <div class="checkbox">
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value="1"
          checked={props.checked}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy(id, props.hint, props.error)}
        />
        <label for={id}>{props.label}</label>
      </div>
      <HintAndError id={id} hint={props.hint} error={props.error} />
    </div>
  );
}
