import type { FieldErrors } from '../../../platform/http/forms.ts';

/** Submitted form values for refilling a form: text as typed, ticked boxes as lists. */
export type FormValues = Record<string, string | string[]>;

export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
    else if (Array.isArray(value)) values[key] = value.filter((v) => ['string', 'number'].includes(typeof v)).map(String);
  }
  return values;
}

export function textOf(values: FormValues, name: string): string {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

export function listOf(values: FormValues, name: string): string[] {
  const value = values[name];
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

interface CheckboxGroupProps {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  selected: readonly string[];
  errors: FieldErrors;
  hint?: string;
  /** Lay the boxes out in columns (long lists such as the 14 fields). */
  columns?: boolean;
}

/**
 * Checkboxes in a fieldset. The first box carries the id the error summary links to, so following
 * the link puts the keyboard focus into the group.
 */
export function CheckboxGroup({ name, legend, options, selected, errors, hint, columns }: CheckboxGroupProps) {
  const id = `f-${name}`;
  const error = errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={error ? 'field--error' : undefined} aria-describedby={describedBy}>
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
      <div class={columns ? 'checkbox-columns' : undefined}>
        {options.map((option, i) => {
          const boxId = i === 0 ? id : `${id}-${option.value}`;
          return (
            <div class="checkbox" key={option.value}>
              <input
                type="checkbox"
                id={boxId}
                name={name}
                value={option.value}
                checked={selected.includes(option.value)}
                aria-invalid={error ? 'true' : undefined}
              />
              <label for={boxId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** One checkbox with its label, for yes/no questions. */
export function Checkbox(props: { name: string; label: string; checked: boolean; hint?: string }) {
  const id = `f-${props.name}`;
  return (
    <div class="field">
      <div class="checkbox">
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value="1"
          checked={props.checked}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
        />
        <label for={id}>{props.label}</label>
      </div>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

interface SelectProps {
  name: string;
  label: string;
  value: string;
  errors: FieldErrors;
  hint?: string;
  required?: boolean;
  /** Plain options, or groups shown as optgroups. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  groups?: ReadonlyArray<{ label: string; options: ReadonlyArray<{ value: string; label: string }> }>;
  empty?: string;
}

export function Select(props: SelectProps) {
  const id = `f-${props.name}`;
  const error = props.errors[props.name];
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const option = (o: { value: string; label: string }) => (
    <option key={o.value} value={o.value} selected={o.value === props.value}>
      {o.label}
    </option>
  );
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <select id={id} name={props.name} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.options?.map(option)}
        {props.groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map(option)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
