import type { ComponentChildren } from 'preact';
import type { MessageKey, T } from '../../../platform/i18n/index.ts';
import type { Role } from '../schema.ts';

export function roleLabel(t: T, role: Role): string {
  return t(`roles.role.${role}` as MessageKey);
}

export function roleHint(t: T, role: Role): string {
  return t(`roles.roleHint.${role}` as MessageKey);
}

// The admin area's navigation is built from the registered modules' entries (see ../index.ts).
export { AdminNav, adminPath } from '../../../platform/navigation.tsx';

/**
 * A group of checkboxes (e.g. municipalities) in a fieldset. The first box carries the id the
 * error summary links to.
 */
export function CheckboxGroup({
  name,
  legend,
  hint,
  error,
  options,
  checked,
}: {
  name: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
  checked: ReadonlySet<string>;
}) {
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={error ? 'field field--error' : 'field'} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div class="columns">
        {options.map((o, i) => (
          <div class="checkbox" key={o.value}>
            <input
              type="checkbox"
              id={i === 0 ? id : `${id}-${o.value}`}
              name={name}
              value={o.value}
              checked={checked.has(o.value)}
              aria-invalid={error ? 'true' : undefined}
            />
            <label for={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Table({ caption, head, children }: { caption: string; head: string[]; children: ComponentChildren }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
