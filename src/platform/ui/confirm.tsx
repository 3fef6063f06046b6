import type { ComponentChildren } from 'preact';
import type { T } from '../i18n/index.ts';
import { CsrfField } from './form.tsx';

/** Whether a destructive form came back from its confirmation step (hidden field confirm=1). */
export function isConfirmed(body: unknown): boolean {
  return !!body && typeof body === 'object' && (body as Record<string, unknown>).confirm === '1';
}

interface ConfirmStepProps {
  t: T;
  /** "Wirklich …?": the question, as the section's heading. */
  question: string;
  /** What happens and what cannot be undone. */
  children?: ComponentChildren;
  action: string;
  csrfToken: string;
  /** The form's own fields, sent again unchanged with the confirmation. */
  fields?: Readonly<Record<string, string>>;
  confirmLabel: string;
  /** Where "Abbrechen" leads: back to the page the action came from. */
  cancelHref: string;
}

/**
 * The second step of a destructive action, without JavaScript: the first POST (without confirm=1)
 * answers with this section, which sends the same fields again with confirm=1.
 */
export function ConfirmStep(props: ConfirmStepProps) {
  return (
    <section class="confirm-step" aria-labelledby="bestaetigen-titel">
      <h2 id="bestaetigen-titel">{props.question}</h2>
      {props.children}
      <form method="post" action={props.action} class="actions">
        <CsrfField token={props.csrfToken} />
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="1" />
        <button type="submit" class="danger">
          {props.confirmLabel}
        </button>
        <a href={props.cancelHref}>{props.t('ui.confirm.cancel')}</a>
      </form>
    </section>
  );
}
