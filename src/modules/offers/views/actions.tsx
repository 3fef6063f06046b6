import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField, Field } from '../../../platform/ui/form.tsx';
import type { OfferAction } from '../lifecycle.ts';

/** Actions that need a reason the organisation will read. */
export const ACTIONS_WITH_REASON: readonly OfferAction[] = ['reject', 'unpublish'];

interface Props {
  t: T;
  offer: { id: string; title: string };
  actions: OfferAction[];
  csrfToken: string;
  /** Where to come back to after the action (a path on this site). */
  returnTo?: string;
  reasonError?: string | undefined;
  reasonValue?: string | undefined;
}

/** One small form per action, so every button works without JavaScript. */
export function OfferActions({ t, offer, actions, csrfToken, returnTo, reasonError, reasonValue }: Props) {
  const simple = actions.filter((a) => !ACTIONS_WITH_REASON.includes(a));
  const withReason = actions.filter((a) => ACTIONS_WITH_REASON.includes(a));
  return (
    <>
      {simple.length > 0 && (
        <div class="actions">
          {simple.map((action) => (
            <form key={action} method="post" action={`/angebote/${offer.id}/status`} class="inline-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="action" value={action} />
              {returnTo && <input type="hidden" name="weiter" value={returnTo} />}
              <button
                type="submit"
                class={action === 'archive' ? 'secondary' : undefined}
                aria-label={returnTo ? t('offers.action.label', { action: t(`offers.action.${action}`), title: offer.title }) : undefined}
              >
                {t(`offers.action.${action}`)}
              </button>
            </form>
          ))}
        </div>
      )}
      {withReason.length > 0 && (
        <form method="post" action={`/angebote/${offer.id}/status`} class="stack" noValidate>
          <CsrfField token={csrfToken} />
          {returnTo && <input type="hidden" name="weiter" value={returnTo} />}
          <Field
            name="reason"
            label={t('offers.reason')}
            hint={t('offers.reasonHint')}
            value={reasonValue}
            error={reasonError}
            multiline
            rows={3}
            maxLength={1000}
          />
          <div class="actions">
            {withReason.map((action) => (
              <button key={action} type="submit" name="action" value={action} class="danger">
                {t(`offers.action.${action}`)}
              </button>
            ))}
          </div>
        </form>
      )}
    </>
  );
}
