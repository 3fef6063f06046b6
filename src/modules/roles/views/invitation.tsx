import { formatDateTime, type Locale, type T } from '../../../platform/i18n/index.ts';
import { CsrfField, Notice } from '../../../platform/ui/form.tsx';
import type { Network } from '../../../platform/networks/schema.ts';
import type { InvitationRow } from '../queries.ts';
import { roleLabel } from './common.tsx';

/** What the person who opened an invitation link can do with it. */
export type InvitationState =
  | { kind: 'anonymous'; loginHref: string; registerHref: string }
  | { kind: 'wrong_email'; accountEmail: string }
  | { kind: 'ready' }
  | { kind: 'accepted' };

export function InvitationPage({
  t,
  locale,
  csrfToken,
  token,
  network,
  invitation,
  state,
}: {
  t: T;
  locale: Locale;
  csrfToken: string;
  token: string;
  network: Network;
  invitation: InvitationRow;
  state: InvitationState;
}) {
  const role = roleLabel(t, invitation.role);
  return (
    <>
      <h1>{t('roles.invitation.title', { network: network.name })}</h1>
      {state.kind === 'accepted' ? (
        <>
          <Notice kind="success">
            <p>{t('roles.invitation.accepted', { role, network: network.name })}</p>
          </Notice>
          <p>
            <a href={`/netzwerk/${network.slug}`}>{t('roles.invitation.toNetwork', { network: network.name })}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('roles.invitation.intro', { network: network.name, role })}</p>
          {invitation.municipalities.length > 0 && (
            <p>{t('roles.invitation.municipalities', { list: invitation.municipalities.map((m) => m.name).join(', ') })}</p>
          )}
          <p class="meta">{t('roles.invitation.validUntil', { date: formatDateTime(locale, invitation.expiresAt) })}</p>
          {state.kind === 'anonymous' && (
            <>
              <p>{t('roles.invitation.signIn')}</p>
              <div class="actions">
                <a class="button" href={state.loginHref}>
                  {t('roles.invitation.login')}
                </a>
                <a class="button secondary" href={state.registerHref}>
                  {t('roles.invitation.register')}
                </a>
              </div>
            </>
          )}
          {state.kind === 'wrong_email' && (
            <div class="error-summary" role="alert">
              <p>{t('roles.invitation.wrongEmail', { email: state.accountEmail })}</p>
            </div>
          )}
          {state.kind === 'ready' && (
            <form method="post" action={`/einladung/${token}`}>
              <CsrfField token={csrfToken} />
              <div class="actions">
                <button type="submit">{t('roles.invitation.accept')}</button>
              </div>
            </form>
          )}
        </>
      )}
    </>
  );
}

/** An invitation link that leads nowhere any more, with the reason in plain words. */
export function InvitationProblem({ t, title, text }: { t: T; title: string; text: string }) {
  return (
    <div class="error-page">
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{t('error.backHome')}</a>
      </p>
    </div>
  );
}
