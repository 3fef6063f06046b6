import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../platform/auth/passwords.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/sessions.ts';
import { LOCALE_COOKIE } from '../../platform/http/context.tsx';
import { allow } from '../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, keptValues, type FieldErrors } from '../../platform/http/forms.ts';
import { safeReturnPath } from '../../platform/http/redirect.ts';
import { LOCALES, type MessageKey } from '../../platform/i18n/index.ts';
import { accountScope, navigationLinks } from '../../platform/navigation.tsx';
import { loginThrottle } from '../../platform/ratelimit/login.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { erasureServiceOf } from '../../platform/privacy.ts';
import {
  changePassword,
  confirmEmail,
  deleteAccount,
  registerAccount,
  requestConfirmation,
  requestEmailChange,
  requestMagicLink,
  requestPasswordReset,
  resetPassword,
  revokeEmailChange,
  signIn,
  signInWithMagicLink,
  signOut,
  updateProfile,
} from './commands.ts';
import { accountMail } from './mails.ts';
import { confirmDeletion } from './deletion.ts';
import { mayManageOwnAccount } from './policy.ts';
import { findOpenToken, findUserById, listRolesOf } from './queries.ts';
import { AccountPage, DeleteAccountPage, type AccountForm } from './views/account.tsx';
import {
  EMPTY_FORM,
  EmailRequestPage,
  MailSentPage,
  TokenButtonPage,
  TokenInvalidPage,
  type FormState,
  type ViewContext,
} from './views/common.tsx';
import { LoginPage, UnverifiedPage } from './views/login.tsx';
import { RegisterPage, RegisterThanksPage } from './views/register.tsx';
import { ResetPasswordPage } from './views/reset.tsx';

// No control characters, and at least one visible character.
const PLAIN_TEXT = '^(?=.*\\S)[^\\u0000-\\u001F\\u007F]+$';

const Email = Type.String({ minLength: 1, maxLength: 254, format: 'email' });
const NewPassword = Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX });
const GivenPassword = Type.String({ minLength: 1, maxLength: PASSWORD_MAX });
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: PLAIN_TEXT });

const RegisterBody = Type.Object({
  name: Name,
  email: Email,
  password: NewPassword,
  consent: Type.Literal('ja'),
  // Where to go after confirming, e.g. back to an invitation; carried in the confirmation link.
  weiter: Type.Optional(Type.String({ maxLength: 2000 })),
});
const LoginBody = Type.Object({ email: Email, password: GivenPassword });
const EmailBody = Type.Object({ email: Email });
const NewPasswordBody = Type.Object({ password: NewPassword, password_confirm: GivenPassword });
const ProfileBody = Type.Object({ name: Name, locale: Type.Union(LOCALES.map((l) => Type.Literal(l))) });
const ChangePasswordBody = Type.Object({
  current_password: Type.Optional(Type.String({ maxLength: PASSWORD_MAX })),
  password: NewPassword,
  password_confirm: GivenPassword,
});
const ChangeEmailBody = Type.Object({ email: Email, current_password: Type.Optional(Type.String({ maxLength: PASSWORD_MAX })) });
const DeleteBody = Type.Object({
  current_password: Type.Optional(Type.String({ maxLength: PASSWORD_MAX })),
  confirm_email: Type.Optional(Type.String({ maxLength: 254 })),
});

const TEN_MINUTES = 10 * 60_000;
const LIMITS = {
  login: { rateLimit: { max: 10, timeWindow: 60_000 } },
  register: { rateLimit: { max: 5, timeWindow: TEN_MINUTES } },
  mailLink: { rateLimit: { max: 5, timeWindow: TEN_MINUTES } },
};

function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  return { t: request.t, csrfToken: reply.generateCsrf() };
}

/**
 * The schema's complaints, one per field. A body that is not a form at all (a JSON array, say)
 * has no field to blame, so the first field of the form carries a general message.
 */
function formState(request: FastifyRequest, firstField: string, extra: FieldErrors = {}): FormState {
  const errors = { ...fieldErrorsFromValidation(request.validationError?.validation, request.t) };
  if (request.validationError && Object.keys(errors).length === 0) errors[firstField] = request.t('form.invalid');
  for (const [field, message] of Object.entries(extra)) errors[field] ??= message;
  return { values: keptValues(request.body), errors };
}

/** The login page with a way back here; slashes stay readable in the address. */
function loginPath(returnTo: string): string {
  return `/anmelden?weiter=${encodeURIComponent(returnTo).replace(/%2F/g, '/')}`;
}

function isGiven(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The return path of a confirmation link, passed on to its form. */
function confirmReturn(request: FastifyRequest): string {
  const weiter = safeReturnPath((request.query as Record<string, unknown>).weiter, '');
  return weiter ? `?weiter=${encodeURIComponent(weiter)}` : '';
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db, jobs, config } = app.deps;
  const now = () => app.deps.clock();

  const mail = (kind: Parameters<typeof accountMail>[0], to: string, locale: string, path?: string) =>
    queueMail(jobs, accountMail(kind, { to, locale, publicUrl: config.publicUrl, ...(path ? { path } : {}) }));

  /**
   * Every way in (password, mail link, confirmation, new password) ends here: the session cookie, then the
   * page asked for, or during an erasure's grace period the page that undoes it.
   */
  async function signedIn(request: FastifyRequest, reply: FastifyReply, userId: string, sessionSecret: string, target: string) {
    setSessionCookie(request, reply, sessionSecret);
    if (await erasureServiceOf()?.pending(db, userId)) return reply.redirect('/konto/loeschung', 303);
    return reply.redirect(target, 303);
  }

  // ---- Registration and confirmation ----

  const showRegister = (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const source = request.method === 'GET' ? request.query : request.body;
    const weiter = safeReturnPath((source as Record<string, unknown> | null)?.weiter, '');
    return reply.page(
      request.t('accounts.register.title'),
      <RegisterPage ctx={viewContext(request, reply)} form={form} weiter={weiter} />,
      { status },
    );
  };

  app.get('/registrieren', (request, reply) => showRegister(request, reply, EMPTY_FORM));

  app.post('/registrieren', {
    attachValidation: true,
    schema: { body: RegisterBody },
    config: LIMITS.register,
    handler: async (request, reply) => {
      if (request.validationError) {
        const form = formState(request, 'name');
        if (form.errors.consent) form.errors.consent = request.t('accounts.consent.required');
        return showRegister(request, reply, form, 422);
      }
      const body = request.body as Static<typeof RegisterBody>;
      const result = await registerAccount(
        db,
        { name: body.name, email: body.email, password: body.password, locale: request.locale },
        now(),
      );
      // Both branches answer alike; only the mailbox owner learns whether an account existed.
      const weiter = safeReturnPath(body.weiter, '');
      const next = weiter ? `?weiter=${encodeURIComponent(weiter)}` : '';
      if (result.ok) await mail('confirm', result.email, request.locale, `/bestaetigen/${result.token}${next}`);
      else await mail('exists', result.email, request.locale, '/passwort-vergessen');
      return reply.redirect('/registrieren/danke', 303);
    },
  });

  app.get('/registrieren/danke', (request, reply) =>
    reply.page(request.t('accounts.register.thanksTitle'), <RegisterThanksPage ctx={viewContext(request, reply)} />),
  );

  const emailRequest = (
    path: string,
    keys: { title: MessageKey; intro: MessageKey; submit: MessageKey; sent: MessageKey },
    send: (email: string, request: FastifyRequest) => Promise<void>,
  ) => {
    const show = (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
      reply.page(
        request.t(keys.title),
        <EmailRequestPage
          ctx={viewContext(request, reply)}
          form={form}
          title={request.t(keys.title)}
          intro={request.t(keys.intro)}
          action={path}
          submit={request.t(keys.submit)}
        />,
        { status },
      );
    app.get(path, (request, reply) => {
      if ((request.query as Record<string, unknown>).gesendet !== undefined) {
        return reply.page(request.t('accounts.sent.title'), <MailSentPage ctx={viewContext(request, reply)} text={request.t(keys.sent)} />);
      }
      return show(request, reply, EMPTY_FORM);
    });
    app.post(path, {
      attachValidation: true,
      schema: { body: EmailBody },
      config: LIMITS.mailLink,
      handler: async (request, reply) => {
        if (request.validationError) return show(request, reply, formState(request, 'email'), 422);
        await send((request.body as Static<typeof EmailBody>).email, request);
        return reply.redirect(`${path}?gesendet=1`, 303);
      },
    });
  };

  emailRequest(
    '/registrieren/erneut-senden',
    { title: 'accounts.resend.title', intro: 'accounts.resend.intro', submit: 'accounts.resend.submit', sent: 'accounts.resend.sent' },
    async (email) => {
      const found = await requestConfirmation(db, email, now());
      if (found) await mail('confirm', found.user.email, found.user.locale, `/bestaetigen/${found.token}`);
    },
  );

  app.get('/bestaetigen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const t = request.t;
    if (!(await findOpenToken(db, 'confirm', token, now()))) return invalidToken(request, reply, 'confirm');
    return reply.page(
      t('accounts.confirm.title'),
      <TokenButtonPage
        ctx={viewContext(request, reply)}
        title={t('accounts.confirm.title')}
        text={t('accounts.confirm.text')}
        action={`/bestaetigen/${encodeURIComponent(token)}${confirmReturn(request)}`}
        submit={t('accounts.confirm.submit')}
      />,
    );
  });

  app.post('/bestaetigen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const result = await confirmEmail(db, { secret: token, previousSessionId: request.sessionId }, now());
    if (!result.ok) {
      if (result.code === 'account.email_taken') {
        return invalidToken(request, reply, 'confirm', request.t('accounts.confirm.emailTaken'), 409);
      }
      return invalidToken(request, reply, 'confirm');
    }
    if (result.changedFrom) {
      const { email, locale, revokeToken } = result.changedFrom;
      await mail('changed', email, locale, `/email-zuruecksetzen/${revokeToken}`);
    }
    // A changed address is confirmed on the account page, which says so.
    const home = result.changedFrom ? '/konto?hinweis=adresse' : '/konto';
    return signedIn(request, reply, result.userId, result.sessionSecret, safeReturnPath((request.query as Record<string, unknown>).weiter, home));
  });

  const AGAIN = {
    confirm: { href: '/registrieren/erneut-senden', label: 'accounts.token.newConfirm' },
    reset: { href: '/passwort-vergessen', label: 'accounts.token.newReset' },
    magic: { href: '/anmeldelink', label: 'accounts.token.newMagic' },
    revoke: { href: '/passwort-vergessen', label: 'accounts.token.newReset' },
  } as const satisfies Record<string, { href: string; label: MessageKey }>;

  function invalidToken(request: FastifyRequest, reply: FastifyReply, kind: keyof typeof AGAIN, text?: string, status = 410) {
    const again = AGAIN[kind];
    return reply.page(
      request.t('accounts.token.invalidTitle'),
      <TokenInvalidPage ctx={viewContext(request, reply)} again={{ href: again.href, label: request.t(again.label) }} text={text} />,
      { status },
    );
  }

  // ---- Undoing a change of address, from the link mailed to the old address ----

  app.get('/email-zuruecksetzen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const t = request.t;
    const found = await findOpenToken(db, 'email_revoke', token, now());
    if (!found) return invalidToken(request, reply, 'revoke');
    return reply.page(
      t('accounts.revoke.title'),
      <TokenButtonPage
        ctx={viewContext(request, reply)}
        title={t('accounts.revoke.title')}
        text={t('accounts.revoke.text', { email: found.email })}
        action={`/email-zuruecksetzen/${encodeURIComponent(token)}`}
        submit={t('accounts.revoke.submit')}
      />,
    );
  });

  app.post('/email-zuruecksetzen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const result = await revokeEmailChange(db, { secret: token }, now());
    if (!result.ok) {
      if (result.code === 'account.email_taken') return invalidToken(request, reply, 'revoke', request.t('accounts.revoke.taken'), 409);
      return invalidToken(request, reply, 'revoke');
    }
    // Every session ended, this browser's too; the new password is set on the reset page.
    clearSessionCookie(reply);
    return reply.redirect(`/passwort-neu/${result.resetToken}`, 303);
  });

  // ---- Sign in and out ----

  const showLogin = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    weiter: string,
    failed = false,
    status = 200,
    waitMinutes?: number,
  ) =>
    reply.page(
      request.t('accounts.login.title'),
      <LoginPage ctx={viewContext(request, reply)} form={form} weiter={weiter} failed={failed} waitMinutes={waitMinutes} />,
      { status },
    );

  const throttle = loginThrottle(app);

  app.get('/anmelden', (request, reply) => {
    const weiter = safeReturnPath((request.query as Record<string, unknown>).weiter, '');
    if (request.user) return reply.redirect(weiter || '/konto', 303);
    return showLogin(request, reply, EMPTY_FORM, weiter);
  });

  app.post('/anmelden', {
    attachValidation: true,
    schema: { body: LoginBody },
    config: LIMITS.login,
    handler: async (request, reply) => {
      const weiter = safeReturnPath((request.body as Record<string, unknown> | null)?.weiter, '');
      if (request.validationError) return showLogin(request, reply, formState(request, 'email'), weiter, false, 422);
      const body = request.body as Static<typeof LoginBody>;
      const wait = await throttle.wait(request);
      if (wait !== null) {
        void reply.header('retry-after', String(wait));
        return showLogin(request, reply, { values: { email: body.email }, errors: {} }, weiter, false, 429, Math.ceil(wait / 60));
      }
      const result = await signIn(db, { email: body.email, password: body.password, previousSessionId: request.sessionId }, now());
      if (!result.ok && result.code === 'account.bad_credentials') {
        await throttle.failed(request);
        return showLogin(request, reply, { values: { email: body.email }, errors: {} }, weiter, true, 422);
      }
      if (!result.ok) {
        return reply.page(
          request.t('accounts.login.unverifiedTitle'),
          <UnverifiedPage ctx={viewContext(request, reply)} email={result.user.email} />,
        );
      }
      return signedIn(request, reply, result.user.id, result.sessionSecret, weiter || '/konto');
    },
  });

  app.post('/abmelden', async (request, reply) => {
    await signOut(db, request.sessionId);
    clearSessionCookie(reply);
    return reply.redirect('/', 303);
  });

  // ---- Forgotten password ----

  emailRequest(
    '/passwort-vergessen',
    { title: 'accounts.forgot.title', intro: 'accounts.forgot.intro', submit: 'accounts.forgot.submit', sent: 'accounts.forgot.sent' },
    async (email) => {
      const found = await requestPasswordReset(db, email, now());
      if (found) await mail('reset', found.user.email, found.user.locale, `/passwort-neu/${found.token}`);
    },
  );

  const showReset = (request: FastifyRequest, reply: FastifyReply, token: string, form: FormState, status = 200) =>
    reply.page(
      request.t('accounts.reset.title'),
      <ResetPasswordPage ctx={viewContext(request, reply)} form={form} action={`/passwort-neu/${encodeURIComponent(token)}`} />,
      { status },
    );

  app.get('/passwort-neu/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!(await findOpenToken(db, 'reset', token, now()))) return invalidToken(request, reply, 'reset');
    return showReset(request, reply, token, EMPTY_FORM);
  });

  app.post('/passwort-neu/:token', {
    attachValidation: true,
    schema: { body: NewPasswordBody },
    handler: async (request, reply) => {
      const { token } = request.params as { token: string };
      // Checked before the input, so nobody types a new password into a form that cannot work.
      if (!(await findOpenToken(db, 'reset', token, now()))) return invalidToken(request, reply, 'reset');
      const body = request.body as Partial<Static<typeof NewPasswordBody>> | null;
      const mismatch: FieldErrors = {};
      if (isGiven(body?.password) && isGiven(body?.password_confirm) && body.password !== body.password_confirm) {
        mismatch.password_confirm = request.t('accounts.password.mismatch');
      }
      if (request.validationError || mismatch.password_confirm) {
        return showReset(request, reply, token, formState(request, 'password', mismatch), 422);
      }
      const valid = body as Static<typeof NewPasswordBody>;
      const result = await resetPassword(db, { secret: token, password: valid.password, previousSessionId: request.sessionId }, now());
      if (!result.ok) return invalidToken(request, reply, 'reset');
      return signedIn(request, reply, result.userId, result.sessionSecret, '/konto');
    },
  });

  // ---- Login link ----

  emailRequest(
    '/anmeldelink',
    { title: 'accounts.magic.title', intro: 'accounts.magic.intro', submit: 'accounts.magic.submit', sent: 'accounts.magic.sent' },
    async (email) => {
      const found = await requestMagicLink(db, email, now());
      if (found) await mail('magic', found.user.email, found.user.locale, `/anmeldelink/${found.token}`);
    },
  );

  app.get('/anmeldelink/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const t = request.t;
    if (!(await findOpenToken(db, 'magic', token, now()))) return invalidToken(request, reply, 'magic');
    return reply.page(
      t('accounts.magic.confirmTitle'),
      <TokenButtonPage
        ctx={viewContext(request, reply)}
        title={t('accounts.magic.confirmTitle')}
        text={t('accounts.magic.confirmText')}
        action={`/anmeldelink/${encodeURIComponent(token)}`}
        submit={t('accounts.magic.confirmSubmit')}
      />,
    );
  });

  app.post('/anmeldelink/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const result = await signInWithMagicLink(db, { secret: token, previousSessionId: request.sessionId }, now());
    if (!result.ok) return invalidToken(request, reply, 'magic');
    return signedIn(request, reply, result.userId, result.sessionSecret, '/konto');
  });

  // ---- The account page ----

  const NOTICES: Record<string, MessageKey> = {
    gespeichert: 'form.saved',
    passwort: 'accounts.account.passwordChanged',
    email: 'accounts.account.emailSent',
    adresse: 'accounts.account.emailChanged',
  };

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    options: { notice?: string; failed?: { form: AccountForm; state: FormState } } = {},
  ) {
    const user = await findUserById(db, userId);
    if (!user) return allow(request, reply, false);
    const roles = await listRolesOf(db, user.id);
    return reply.page(
      request.t('accounts.account.title'),
      <AccountPage
        ctx={viewContext(request, reply)}
        user={user}
        roles={roles}
        links={navigationLinks('account', accountScope(user.isPlatformAdmin))}
        notice={options.notice} failed={options.failed} />,
      { status: options.failed ? 422 : 200 },
    );
  }

  /** The signed-in person's id, or an answer sent: login for page views, 403 for form posts. */
  function accountHolder(request: FastifyRequest, reply: FastifyReply): string | null {
    if (mayManageOwnAccount(request.actor)) return request.actor.userId;
    if (request.method === 'GET') void reply.redirect(loginPath(request.url), 303);
    else allow(request, reply, false);
    return null;
  }

  app.get('/konto', async (request, reply) => {
    const userId = accountHolder(request, reply);
    if (!userId) return reply;
    const key = NOTICES[String((request.query as Record<string, unknown>).hinweis ?? '')];
    return showAccount(request, reply, userId, key ? { notice: request.t(key) } : {});
  });

  // After a form error the address bar shows the form's action; reloading it leads back to the page.
  for (const path of ['/konto/passwort', '/konto/email']) {
    app.get(path, (request, reply) => (accountHolder(request, reply) ? reply.redirect('/konto', 303) : reply));
  }

  app.post('/konto', {
    attachValidation: true,
    schema: { body: ProfileBody },
    handler: async (request, reply) => {
      const userId = accountHolder(request, reply);
      if (!userId) return reply;
      if (request.validationError) {
        return showAccount(request, reply, userId, { failed: { form: 'profile', state: formState(request, 'name') } });
      }
      const body = request.body as Static<typeof ProfileBody>;
      await updateProfile(db, userId, body, now());
      // The chosen language applies at once, also where a language cookie was set before.
      reply.setCookie(LOCALE_COOKIE, body.locale, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', httpOnly: true });
      return reply.redirect('/konto?hinweis=gespeichert', 303);
    },
  });

  app.post('/konto/passwort', {
    attachValidation: true,
    schema: { body: ChangePasswordBody },
    handler: async (request, reply) => {
      const userId = accountHolder(request, reply);
      if (!userId) return reply;
      const body = request.body as Partial<Static<typeof ChangePasswordBody>> | null;
      const extra: FieldErrors = {};
      if (request.user?.passwordHash && !isGiven(body?.current_password)) extra.current_password = request.t('form.required');
      if (isGiven(body?.password) && isGiven(body?.password_confirm) && body.password !== body.password_confirm) {
        extra.password_confirm = request.t('accounts.password.mismatch');
      }
      const fail = (errors: FieldErrors) =>
        showAccount(request, reply, userId, { failed: { form: 'password', state: formState(request, 'password', errors) } });
      if (request.validationError || Object.keys(extra).length > 0) return fail(extra);
      const valid = body as Static<typeof ChangePasswordBody>;
      const result = await changePassword(
        db,
        { userId, sessionId: request.sessionId, currentPassword: valid.current_password, password: valid.password },
        now(),
      );
      if (!result.ok) return fail({ current_password: request.t('accounts.password.wrong') });
      return reply.redirect('/konto?hinweis=passwort', 303);
    },
  });

  app.post('/konto/email', {
    attachValidation: true,
    schema: { body: ChangeEmailBody },
    config: LIMITS.mailLink,
    handler: async (request, reply) => {
      const userId = accountHolder(request, reply);
      if (!userId) return reply;
      const body = request.body as Partial<Static<typeof ChangeEmailBody>> | null;
      const extra: FieldErrors = {};
      if (request.user?.passwordHash && !isGiven(body?.current_password)) extra.current_password = request.t('form.required');
      const fail = (errors: FieldErrors) =>
        showAccount(request, reply, userId, { failed: { form: 'email', state: formState(request, 'email', errors) } });
      if (request.validationError || Object.keys(extra).length > 0) return fail(extra);
      const valid = body as Static<typeof ChangeEmailBody>;
      const result = await requestEmailChange(db, { userId, newEmail: valid.email, currentPassword: valid.current_password }, now());
      if (!result.ok) {
        return fail(
          result.code === 'account.same_email'
            ? { email: request.t('accounts.account.emailSame') }
            : { current_password: request.t('accounts.password.wrong') },
        );
      }
      // A taken address gets a hint instead of a link; the page says the same either way.
      if (result.token) await mail('change', result.newEmail, result.locale, `/bestaetigen/${result.token}`);
      else await mail('exists', result.newEmail, result.locale, '/passwort-vergessen');
      return reply.redirect('/konto?hinweis=email', 303);
    },
  });

  // ---- Deleting the account ----

  async function showDelete(request: FastifyRequest, reply: FastifyReply, userId: string, form: FormState, status = 200) {
    const user = await findUserById(db, userId);
    if (!user) return allow(request, reply, false);
    return reply.page(request.t('accounts.delete.title'), <DeleteAccountPage ctx={viewContext(request, reply)} user={user} form={form} />, {
      status,
    });
  }

  app.get('/konto/loeschen', async (request, reply) => {
    const userId = accountHolder(request, reply);
    if (!userId) return reply;
    return showDelete(request, reply, userId, EMPTY_FORM);
  });

  app.post('/konto/loeschen', {
    attachValidation: true,
    schema: { body: DeleteBody },
    handler: async (request, reply) => {
      const userId = accountHolder(request, reply);
      if (!userId) return reply;
      const body = request.body as Partial<Static<typeof DeleteBody>> | null;
      const field = request.user?.passwordHash ? 'current_password' : 'confirm_email';
      const fail = (message: string) => showDelete(request, reply, userId, formState(request, field, { [field]: message }), 422);
      if (request.validationError) return fail(request.t('form.invalid'));
      if (!isGiven(body?.[field])) return fail(request.t('form.required'));
      const holder = { userId, currentPassword: body?.current_password, confirmEmail: body?.confirm_email };
      // With the erasure service (privacy module) the account goes after a grace period that can be undone.
      const erasure = erasureServiceOf();
      const result = erasure ? await confirmDeletion(db, holder) : await deleteAccount(db, holder, now());
      if (!result.ok) {
        return fail(result.code === 'account.email_mismatch' ? request.t('accounts.delete.emailMismatch') : request.t('accounts.password.wrong'));
      }
      clearSessionCookie(reply);
      if (!erasure) return reply.redirect('/?konto=geloescht', 303);
      const { dueAt } = await erasure.request(app.deps, { userId, requestedBy: null, networkId: null });
      return reply.redirect(`/konto/loeschung/vorgemerkt?am=${dueAt.toISOString().slice(0, 10)}`, 303);
    },
  });
};
