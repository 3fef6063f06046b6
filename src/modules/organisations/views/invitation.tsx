import type { T } from '../../../platform/i18n/index.ts';
import { CsrfField } from '../../../platform/ui/form.tsx';
import type { OrganisationMemberRole } from '../schema.ts';

export type InvitationState =
  | { kind: 'anonymous'; loginHref: string; registerHref: string }
  | { kind: 'wrong_email'; accountEmail: string }
  | { kind: 'ready'; action: string };

/** The page behind the invitation link: who invites, for which task, and what to do next. */
export function InvitationPage({
  t,
  csrfToken,
  organisationName,
  role,
  state,
}: {
  t: T;
  csrfToken: string;
  organisationName: string;
  role: OrganisationMemberRole;
  state: InvitationState;
}) {
  return (
    <>
      <h1>{t('organisations.invitation.title', { organisation: organisationName })}</h1>
      <p class="lead">{t('organisations.invitation.text', { organisation: organisationName, role: t(`organisations.role.${role}`) })}</p>
      {state.kind === 'anonymous' && (
        <>
          <p>{t('organisations.invitation.signIn')}</p>
          <ul>
            <li>
              <a href={state.loginHref}>{t('organisations.invitation.login')}</a>
            </li>
            <li>
              <a href={state.registerHref}>{t('organisations.invitation.register')}</a>
            </li>
          </ul>
        </>
      )}
      {state.kind === 'wrong_email' && (
        <div class="error-summary" role="alert">
          <p>{t('organisations.invitation.wrongEmail', { email: state.accountEmail })}</p>
        </div>
      )}
      {state.kind === 'ready' && (
        <form method="post" action={state.action}>
          <CsrfField token={csrfToken} />
          <button type="submit">{t('organisations.invitation.accept')}</button>
        </form>
      )}
    </>
  );
}

export function InvitationGone({ t, text }: { t: T; text: string }) {
  return (
    <>
      <h1>{t('organisations.invitation.goneTitle')}</h1>
      <p>{text}</p>
    </>
  );
}
