import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../platform/auth/passwords.ts';
import { sendError } from '../../platform/http/errors.tsx';
import { keptValues, type FieldErrors } from '../../platform/http/forms.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { organisationAccessLinks } from './access-links.ts';
import { CLAIM_DAYS, claimOrganisation, findClaim, issueClaim } from './claim.ts';
import { isUuid } from '../../platform/http/ids.ts';
import { getOrganisation } from './queries.ts';
import { stripControlCharacters } from './route-helpers.ts';
import { ClaimDone, ClaimForm, ClaimInvalid, ClaimStart } from './views/claim.tsx';

const accessQuery = Type.Object({
  zugang: Type.Optional(Type.String({ maxLength: 100 })),
  hinweis: Type.Optional(Type.String({ maxLength: 20 })),
});

/** "Organisation übernehmen": from the access link to an account that manages the organisation. */
export const claimRoutes: FastifyPluginAsync = async (app) => {
  const deps = app.deps;
  const { db } = deps;
  app.addHook('preValidation', stripControlCharacters);

  /** The organisation and the address of a live access link for it; 404 otherwise. */
  async function accessFor(id: string, zugang: string | undefined) {
    if (!isUuid(id)) return undefined;
    const access = await organisationAccessLinks().find(db, zugang, deps.clock());
    if (!access || access.organisationId !== id) return undefined;
    const organisation = await getOrganisation(db, id);
    return organisation ? { organisation, email: access.email } : undefined;
  }

  app.get('/organisationen/:id/uebernehmen', { schema: { querystring: accessQuery } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { zugang, hinweis } = request.query as { zugang?: string; hinweis?: string };
    const found = await accessFor(id, zugang);
    if (!found) return sendError(request, reply, 404);
    return reply.page(
      request.t('organisations.claim.title', { name: found.organisation.name }),
      <ClaimStart
        t={request.t}
        csrfToken={reply.generateCsrf()}
        name={found.organisation.name}
        email={found.email}
        action={`/organisationen/${id}/uebernehmen?zugang=${encodeURIComponent(zugang ?? '')}`}
        sent={hinweis === 'gesendet'}
      />,
    );
  });

  app.post('/organisationen/:id/uebernehmen', {
    schema: { querystring: accessQuery },
    config: { rateLimit: { max: 5, timeWindow: '1 hour' } },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const { zugang } = request.query as { zugang?: string };
      const found = await accessFor(id, zugang);
      if (!found) return sendError(request, reply, 404);
      const now = deps.clock();
      // Only to the address the access link went to: holding the link alone is not enough to claim.
      const secret = await issueClaim(db, id, found.email, now);
      const params = { name: found.organisation.name, link: `${deps.config.publicUrl}/organisationen/uebernehmen/${secret}`, days: CLAIM_DAYS };
      await queueMail(deps.jobs, {
        to: found.email,
        subject: request.t('organisations.claim.mail.subject', params),
        text: request.t('organisations.claim.mail.text', params),
      });
      return reply.redirect(`/organisationen/${id}/uebernehmen?zugang=${encodeURIComponent(zugang ?? '')}&hinweis=gesendet`, 303);
    },
  });

  // GET only shows the form: mail scanners open links.
  app.get('/organisationen/uebernehmen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const claim = await findClaim(db, token, deps.clock());
    if (!claim) return reply.page(request.t('organisations.claim.invalidTitle'), <ClaimInvalid t={request.t} />, { status: 410 });
    return reply.page(
      request.t('organisations.claim.title', { name: claim.organisationName }),
      <ClaimForm
        t={request.t}
        csrfToken={reply.generateCsrf()}
        name={claim.organisationName}
        email={claim.email}
        hasAccount={claim.hasAccount}
        action={`/organisationen/uebernehmen/${encodeURIComponent(token)}`}
        values={{}}
        errors={{}}
      />,
    );
  });

  app.post('/organisationen/uebernehmen/:token', {
    config: { rateLimit: { max: 10, timeWindow: '10 minutes' } },
    handler: async (request, reply) => {
      const { token } = request.params as { token: string };
      const t = request.t;
      const now = deps.clock();
      const claim = await findClaim(db, token, now);
      if (!claim) return reply.page(t('organisations.claim.invalidTitle'), <ClaimInvalid t={t} />, { status: 410 });
      const body = (request.body ?? {}) as Record<string, unknown>;
      const name = typeof body.name === 'string' ? body.name.trim() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const errors: FieldErrors = {};
      if (!claim.hasAccount) {
        if (!name) errors.name = t('form.required');
        else if (name.length > 120) errors.name = t('form.tooLong', { max: 120 });
        if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) errors.password = t('organisations.claim.passwordShort');
      }
      if (Object.keys(errors).length > 0) {
        return reply.page(
          t('organisations.claim.title', { name: claim.organisationName }),
          <ClaimForm
            t={t}
            csrfToken={reply.generateCsrf()}
            name={claim.organisationName}
            email={claim.email}
            hasAccount={claim.hasAccount}
            action={`/organisationen/uebernehmen/${encodeURIComponent(token)}`}
            values={keptValues({ name })}
            errors={errors}
          />,
          { status: 422 },
        );
      }
      const result = await claimOrganisation(db, { secret: token, name, password: claim.hasAccount ? undefined : password, now });
      if (!result.ok) return reply.page(t('organisations.claim.invalidTitle'), <ClaimInvalid t={t} />, { status: 410 });
      return reply.page(t('organisations.claim.doneTitle'), <ClaimDone t={t} email={result.email} created={result.created} />);
    },
  });
};
