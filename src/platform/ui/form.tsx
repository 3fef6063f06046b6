import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../http/forms.ts';
import type { T } from '../i18n/index.ts';

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The list of problems above a form, linking to each field (WCAG 3.3.1). */
export function ErrorSummary({ errors, labels, t }: { errors: FieldErrors; labels: Record<string, string>; t: T }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} id="fehler">
      <p>{t('form.errors', { count: entries.length })}</p>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#f-${field}`}>
              {labels[field] ?? field}: {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

// The field components live one per file; Field stays importable from here, where the forms found it first.
export { Field } from './field.tsx';

export function Notice({ children, kind = 'info' }: { children: ComponentChildren; kind?: 'info' | 'success' }) {
  return (
    <div class={`notice notice--${kind}`} role="status">
      {children}
    </div>
  );
}
