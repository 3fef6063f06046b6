import { describedBy, HintAndError } from './hint.tsx';

interface FieldProps {
  name: string;
  label: string;
  type?: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  multiline?: boolean;
  rows?: number;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel' | 'url' | 'search';
  min?: number;
  max?: number;
  /** Another id than f-<name>, where one page has two forms with the same field. */
  id?: string;
}

/**
 * A labelled input with its hint and error above it, tied to it by aria-describedby; after an error it keeps
 * what was typed (never a password) and says aria-invalid. The id f-<name> is what the error summary links to.
 */
export function Field(props: FieldProps) {
  const id = props.id ?? `f-${props.name}`;
  const common = {
    id,
    name: props.name,
    required: props.required,
    maxLength: props.maxLength,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, props.hint, props.error),
    autoComplete: props.autocomplete,
  };
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 6}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          value={props.type === 'password' ? undefined : props.value}
        />
      )}
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps {
  name: string;
  label: string;
  /** Plain options, or groups shown as optgroups. */
  options?: readonly Option[];
  groups?: ReadonlyArray<{ label: string; options: readonly Option[] }>;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  /** Text of an empty first choice; without it the first option is preselected. */
  placeholder?: string | undefined;
  id?: string;
}

/** A labelled drop-down with hint and error, the chosen value kept. */
export function SelectField(props: SelectFieldProps) {
  const id = props.id ?? `f-${props.name}`;
  const option = (o: Option) => (
    <option key={o.value} value={o.value} selected={o.value === props.value}>
      {o.label}
    </option>
  );
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
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
