import type { ComponentChildren } from 'preact';

/** What a form shows again after an error: text fields as strings, checkbox groups as lists. */
export type FormValues = Record<string, string | string[]>;

/** Form input as sent, to refill the form after an error (never the CSRF token). */
export function keptFormValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf' || /password|passwort/i.test(key)) continue;
    if (typeof value === 'string') values[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
    else if (Array.isArray(value)) values[key] = value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  }
  return values;
}

export function text(values: FormValues, name: string): string {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

export function list(values: FormValues, name: string): string[] {
  const value = values[name];
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
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
    </>
  );
}

interface SelectFieldProps {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  /** Text of an empty first choice; without it the first option is preselected. */
  placeholder?: string;
}

export function SelectField(props: SelectFieldProps) {
  const id = `f-${props.name}`;
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
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxGroupProps {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  values: readonly string[];
  error?: string | undefined;
  hint?: string;
}

/** Several choices under one legend; the field's id sits on the fieldset so the error summary can link to it. */
export function CheckboxGroup(props: CheckboxGroupProps) {
  const id = `f-${props.name}`;
  return (
    <fieldset
      id={id}
      class={props.error ? 'field field--error' : 'field'}
      aria-describedby={describedBy(id, props.hint, props.error)}
      tabIndex={-1}
    >
      <legend>{props.legend}</legend>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      {props.options.map((o) => (
        <div class="checkbox" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${o.value}`}
            name={props.name}
            value={o.value}
            checked={props.values.includes(o.value)}
          />
          <label for={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function Checkbox({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  const id = `f-${name}`;
  return (
    <div class="checkbox field">
      <input type="checkbox" id={id} name={name} value="1" checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A page-level status line that does not rely on colour alone: it always says what it means in words. */
export function StatusBanner({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice" role="status">
      {children}
    </div>
  );
}

/** A plain text kept by a person: paragraphs on blank lines, never parsed as HTML. */
export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split('\n').map((line, j) => (
            <>
              {j > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}
