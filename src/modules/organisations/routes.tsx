import crypto from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { Type } from 'typebox';
import { sendError, allow } from '../../platform/http/errors.tsx';
import { normaliseEmail, type FieldErrors } from '../../platform/http/forms.ts';
import { formErrors, noticeFrom, stripControlCharacters } from './route-helpers.ts';
import type { MessageKey, T } from '../../platform/i18n/index.ts';
import { organisationPageMeta } from './jsonld.ts';
import { networkOf } from '../../platform/networks/context.ts';
import { listMunicipalities } from '../../platform/networks/queries.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { isUuid } from '../../platform/http/ids.ts';
import {
  INVITATIONS_PER_HOUR,
  inviteToOrganisation,
  listPendingInvitations,
  organisationInvitationMail,
  revokeOrganisationInvitation,
} from './invitations.ts';
import {
  registerOrganisation,
  removeOrganisationMember,
  setOrganisationLogo,
  updateOrganisation,
} from './commands.ts';
import { OrganisationFormSchema, organisationInputFromForm, isEmail, type OrganisationForm } from './form.ts';
import { checkLogo, LOGO_MAX_BYTES } from './logo.ts';
import {
  canCorrectOrganisationPosition,
  canEditOrganisation,
  canManageOrganisationMembers,
  canRegisterOrganisation,
  canViewOrganisation,
  canViewOrganisationMembers,
} from './policy.ts';
import { organisationOf } from './context.ts';
import { listOrganisationMembers, organisationRoleOf, type OrganisationDetails } from './queries.ts';
import { ORGANISATION_MEMBER_ROLES } from './schema.ts';
import { deleteUpload, readUpload, saveUpload } from './uploads.ts';
import { keptFormValues, type FormValues } from '../../platform/ui/form-values.ts';
import { OrganisationFormView } from './views/form.tsx';
import { LogoSection } from './views/logo.tsx';
import { MembersPage } from './views/members.tsx';
import { organisationPageParts } from './page-parts.ts';
import { OrganisationPage } from './views/page.tsx';

/** Messages a page shows once after a redirect, chosen by a short word in the query (never free text). */
const NOTICES: Record<string, MessageKey> = {
  angelegt: 'organisations.create.done',
  freigegeben: 'organisations.create.doneVerified',
  gespeichert: 'organisations.edit.saved',
  logo: 'organisations.logo.saved',
  'logo-entfernt': 'organisations.logo.removed',
  eingeladen: 'organisations.members.invited',
  zurueckgezogen: 'organisations.members.invitationRevoked',
  beigetreten: 'organisations.invitation.accepted',
  entfernt: 'organisations.members.removed',
};

interface LogoUpload {
  data: Buffer;
  truncated: boolean;
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db, config } = app.deps;
  app.addHook('preValidation', stripControlCharacters);

  // Only this plugin takes multipart bodies: the file is read into memory up to the limit and flagged
  // when it was cut off, so the answer can be a page with a message instead of a bare error.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1000 },
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const upload: LogoUpload = { data: Buffer.concat(chunks), truncated: part.file.truncated };
      (part as unknown as { value: LogoUpload }).value = upload;
    },
  });


  function renderCreate(
    request: FastifyRequest,
    reply: FastifyReply,
    network: { id: string; slug: string; name: string },
    municipalities: Awaited<ReturnType<typeof listMunicipalities>>,
    values: FormValues,
    errors: FieldErrors,
    idempotencyKey: string,
  ) {
    const t = request.t;
    return reply.page(
      t('organisations.create.title'),
      <OrganisationFormView
        t={t}
        title={t('organisations.create.title')}
        intro={t('organisations.create.intro', { network: network.name })}
        action={`/netzwerk/${network.slug}/organisation-anlegen`}
        submitLabel={t('organisations.create.submit')}
        csrfToken={reply.generateCsrf()}
        values={values}
        errors={errors}
        municipalities={municipalities}
        idempotencyKey={idempotencyKey}
        correction={canCorrectOrganisationPosition(request.actor, { networkId: network.id }) ? { now: null } : undefined}
      />,
      { status: Object.keys(errors).length > 0 ? 422 : 200 },
    );
  }

  app.get('/netzwerk/:slug/organisation-anlegen', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    if (!allow(request, reply, canRegisterOrganisation(request.actor))) return reply;
    const municipalities = await listMunicipalities(db, network.id);
    return renderCreate(request, reply, network, municipalities, { type: 'verein' }, {}, crypto.randomUUID());
  });

  app.post('/netzwerk/:slug/organisation-anlegen', {
    schema: { body: OrganisationFormSchema },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await networkOf(request, reply);
      if (!network) return reply;
      if (!allow(request, reply, canRegisterOrganisation(request.actor))) return reply;
      const municipalities = await listMunicipalities(db, network.id);
      const values = keptFormValues(request.body);
      const key = typeof values.idempotencyKey === 'string' && /^[0-9a-f-]{36}$/i.test(values.idempotencyKey) ? values.idempotencyKey : crypto.randomUUID();
      if (request.validationError) return renderCreate(request, reply, network, municipalities, values, formErrors(request), key);
      const parsed = organisationInputFromForm(request.body as OrganisationForm, {
        mayCorrectPosition: canCorrectOrganisationPosition(request.actor, { networkId: network.id }),
      });
      if (!parsed.ok) return renderCreate(request, reply, network, municipalities, values, formErrors(request, parsed.problems), key);
      const result = await registerOrganisation(db, {
        actor: request.actor,
        networkId: network.id,
        input: parsed.value,
        idempotencyKey: key,
        now: app.deps.clock(),
      });
      if (!result.ok) {
        if (result.code === 'organisations.invalid') {
          return renderCreate(request, reply, network, municipalities, values, formErrors(request, result.problems), key);
        }
        if (result.code === 'organisations.key_taken') {
          return renderCreate(request, reply, network, municipalities, values, { name: request.t('organisations.error.keyTaken') }, crypto.randomUUID());
        }
        return sendError(request, reply, 403);
      }
      const notice = result.organisation.status === 'verified' ? 'freigegeben' : 'angelegt';
      return reply.redirect(`/organisationen/${result.organisation.id}?hinweis=${notice}`, 303);
    },
  });

  app.get('/organisationen/:id', async (request, reply) => {
    const loaded = await organisationOf(request, reply);
    if (!loaded) return reply;
    const { organisation, role } = loaded;
    // Unverified organisations do not exist for the public: 404, not 403, so nothing is revealed.
    if (!canViewOrganisation(request.actor, organisation, role)) return sendError(request, reply, 404);
    const parts = await organisationPageParts({ db, t: request.t, actor: request.actor, role, organisation });
    return reply.page(
      organisation.name,
      <OrganisationPage
        t={request.t}
        organisation={organisation}
        canEdit={canEditOrganisation(request.actor, organisation, role)}
        canSeeMembers={canViewOrganisationMembers(request.actor, organisation, role)}
        actions={parts.actions}
        sections={parts.sections}
        notice={noticeFrom(request, NOTICES)}
      />,
      { description: organisation.description.slice(0, 160), meta: organisationPageMeta(organisation, config.publicUrl) },
    );
  });

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: OrganisationDetails,
    values: FormValues,
    errors: FieldErrors,
    logo: { error?: string; status?: number } = {},
  ) {
    const t = request.t;
    const municipalities = await listMunicipalities(db, organisation.networkId);
    const csrfToken = reply.generateCsrf();
    const status = logo.status ?? (Object.keys(errors).length > 0 ? 422 : 200);
    return reply.page(
      t('organisations.edit.title'),
      <>
        <p>
          <a href={`/organisationen/${organisation.id}`}>{t('organisations.back')}</a>
        </p>
        <OrganisationFormView
          t={t}
          title={t('organisations.edit.title')}
          action={`/organisationen/${organisation.id}/bearbeiten`}
          submitLabel={t('organisations.edit.submit')}
          csrfToken={csrfToken}
          values={values}
          errors={errors}
          municipalities={municipalities}
          correction={
            canCorrectOrganisationPosition(request.actor, organisation)
              ? { now: organisation.lat !== null && organisation.lng !== null ? { lat: organisation.lat, lng: organisation.lng } : null }
              : undefined
          }
        />
        <LogoSection t={t} organisation={organisation} csrfToken={csrfToken} error={logo.error} notice={noticeFrom(request, NOTICES)} />
      </>,
      { status },
    );
  }

  /** The position is not among them: it follows from the address; the office sees it beside the correction fields. */
  function storedValues(o: OrganisationDetails): FormValues {
    return {
      name: o.name,
      type: o.type,
      municipalityId: o.municipalityId ?? '',
      street: o.street,
      postcode: o.postcode,
      place: o.place,
      website: o.website,
      email: o.email,
      phone: o.phone,
      description: o.description,
    };
  }

  app.get('/organisationen/:id/bearbeiten', async (request, reply) => {
    const loaded = await organisationOf(request, reply);
    if (!loaded) return reply;
    if (!allow(request, reply, canEditOrganisation(request.actor, loaded.organisation, loaded.role))) return reply;
    return renderEdit(request, reply, loaded.organisation, storedValues(loaded.organisation), {});
  });

  app.post('/organisationen/:id/bearbeiten', {
    schema: { body: OrganisationFormSchema },
    attachValidation: true,
    handler: async (request, reply) => {
      const loaded = await organisationOf(request, reply);
      if (!loaded) return reply;
      const { organisation } = loaded;
      if (!allow(request, reply, canEditOrganisation(request.actor, organisation, loaded.role))) return reply;
      const values = keptFormValues(request.body);
      if (request.validationError) return renderEdit(request, reply, organisation, values, formErrors(request));
      const parsed = organisationInputFromForm(request.body as OrganisationForm, {
        mayCorrectPosition: canCorrectOrganisationPosition(request.actor, organisation),
      });
      if (!parsed.ok) return renderEdit(request, reply, organisation, values, formErrors(request, parsed.problems));
      const result = await updateOrganisation(db, organisation, parsed.value, app.deps.clock());
      if (!result.ok) return renderEdit(request, reply, organisation, values, formErrors(request, result.problems));
      return reply.redirect(`/organisationen/${organisation.id}?hinweis=gespeichert`, 303);
    },
  });

  app.post('/organisationen/:id/logo', async (request, reply) => {
    const loaded = await organisationOf(request, reply);
    if (!loaded) return reply;
    const { organisation } = loaded;
    if (!allow(request, reply, canEditOrganisation(request.actor, organisation, loaded.role))) return reply;
    const upload = (request.body as { logo?: unknown } | undefined)?.logo as LogoUpload | undefined;
    const again = (error: MessageKey, status: number) =>
      renderEdit(request, reply, organisation, storedValues(organisation), {}, { error: request.t(error), status });
    if (!upload || !Buffer.isBuffer(upload.data)) return again('organisations.logo.empty', 422);
    if (upload.truncated) return again('organisations.logo.tooLarge', 413);
    const checked = checkLogo(upload.data);
    if (!checked.ok) return again(checked.code, 422);
    const name = await saveUpload(config.dataDir, checked);
    const previous = await setOrganisationLogo(db, organisation.id, name, app.deps.clock());
    await deleteUpload(config.dataDir, previous);
    return reply.redirect(`/organisationen/${organisation.id}/bearbeiten?hinweis=logo#logo-bereich`, 303);
  });

  app.post('/organisationen/:id/logo/entfernen', async (request, reply) => {
    const loaded = await organisationOf(request, reply);
    if (!loaded) return reply;
    const { organisation } = loaded;
    if (!allow(request, reply, canEditOrganisation(request.actor, organisation, loaded.role))) return reply;
    const previous = await setOrganisationLogo(db, organisation.id, null, app.deps.clock());
    await deleteUpload(config.dataDir, previous);
    return reply.redirect(`/organisationen/${organisation.id}/bearbeiten?hinweis=logo-entfernt#logo-bereich`, 303);
  });

  app.get('/uploads/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const file = await readUpload(config.dataDir, name);
    if (!file) return sendError(request, reply, 404);
    // Random names never change content, so browsers may keep them; nosniff stops any guessing of the type.
    return reply
      .type(file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-disposition', 'inline')
      .send(file.data);
  });

  async function renderMembers(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: { organisation: OrganisationDetails; role: Awaited<ReturnType<typeof organisationRoleOf>> },
    extra: { values?: { email?: string; role?: string }; errors?: FieldErrors; problem?: string; status?: number } = {},
  ) {
    const t: T = request.t;
    const members = await listOrganisationMembers(db, loaded.organisation.id);
    const canManage = canManageOrganisationMembers(request.actor, loaded.organisation, loaded.role);
    const invitations = canManage ? await listPendingInvitations(db, loaded.organisation.id, app.deps.clock()) : [];
    return reply.page(
      t('organisations.members.title', { name: loaded.organisation.name }),
      <MembersPage
        t={t}
        organisation={loaded.organisation}
        members={members}
        invitations={invitations}
        canManage={canManage}
        csrfToken={reply.generateCsrf()}
        values={extra.values ?? {}}
        errors={extra.errors ?? {}}
        problem={extra.problem}
        notice={noticeFrom(request, NOTICES)}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/organisationen/:id/mitglieder', async (request, reply) => {
    const loaded = await organisationOf(request, reply);
    if (!loaded) return reply;
    if (!allow(request, reply, canViewOrganisationMembers(request.actor, loaded.organisation, loaded.role))) return reply;
    return renderMembers(request, reply, loaded);
  });

  app.post('/organisationen/:id/mitglieder', {
    schema: {
      body: Type.Object({
        email: Type.String({ minLength: 1, maxLength: 254 }),
        role: Type.Enum([...ORGANISATION_MEMBER_ROLES]),
      }),
    },
    attachValidation: true,
    // Invitations per person, not per address: nobody sends mail to a list of strangers through us.
    config: { rateLimit: { max: INVITATIONS_PER_HOUR, timeWindow: 3_600_000, hook: 'preHandler', keyGenerator: (request) => `org-invite:${request.actor.userId ?? request.ip}` } },
    handler: async (request, reply) => {
      const loaded = await organisationOf(request, reply);
      if (!loaded) return reply;
      if (!allow(request, reply, canManageOrganisationMembers(request.actor, loaded.organisation, loaded.role))) return reply;
      const values = keptFormValues(request.body) as { email?: string; role?: string };
      const errors = formErrors(request);
      if (!errors.email && values.email && !isEmail(normaliseEmail(values.email))) errors.email = request.t('form.email');
      if (Object.keys(errors).length > 0) return renderMembers(request, reply, loaded, { values, errors, status: 422 });
      const body = request.body as { email: string; role: 'admin' | 'member' };
      const result = await inviteToOrganisation(db, {
        organisationId: loaded.organisation.id,
        email: body.email,
        role: body.role,
        invitedBy: request.actor.userId ?? '',
        now: app.deps.clock(),
      });
      if (!result.ok) {
        return renderMembers(request, reply, loaded, { values, errors: { email: request.t('organisations.members.exists') }, status: 422 });
      }
      // The same answer whether or not the address has an account: only its owner learns more, from the mail.
      await queueMail(
        app.deps.jobs,
        organisationInvitationMail({
          to: normaliseEmail(body.email),
          organisationName: loaded.organisation.name,
          role: body.role,
          link: `${config.publicUrl}/organisationen/einladung/${result.secret}`,
        }),
      );
      return reply.redirect(`/organisationen/${loaded.organisation.id}/mitglieder?hinweis=eingeladen`, 303);
    },
  });

  app.post('/organisationen/:id/einladungen/:invitationId/zurueckziehen', async (request, reply) => {
    const loaded = await organisationOf(request, reply);
    if (!loaded) return reply;
    if (!allow(request, reply, canManageOrganisationMembers(request.actor, loaded.organisation, loaded.role))) return reply;
    const { invitationId } = request.params as { invitationId: string };
    if (!isUuid(invitationId) || !(await revokeOrganisationInvitation(db, loaded.organisation.id, invitationId, app.deps.clock()))) {
      return sendError(request, reply, 404);
    }
    return reply.redirect(`/organisationen/${loaded.organisation.id}/mitglieder?hinweis=zurueckgezogen`, 303);
  });

  app.post('/organisationen/:id/mitglieder/:userId/entfernen', async (request, reply) => {
    const loaded = await organisationOf(request, reply);
    if (!loaded) return reply;
    if (!allow(request, reply, canManageOrganisationMembers(request.actor, loaded.organisation, loaded.role))) return reply;
    const { userId } = request.params as { userId: string };
    const result = await removeOrganisationMember(db, loaded.organisation.id, userId);
    if (!result.ok) {
      const problem = request.t(result.code === 'organisations.last_admin' ? 'organisations.members.lastAdmin' : 'organisations.members.missing');
      return renderMembers(request, reply, loaded, { problem, status: result.code === 'organisations.last_admin' ? 409 : 404 });
    }
    // Someone who removed themselves can no longer see the members page.
    if (userId === request.actor.userId && !canViewOrganisationMembers(request.actor, loaded.organisation, null)) {
      return reply.redirect('/meine-organisationen', 303);
    }
    return reply.redirect(`/organisationen/${loaded.organisation.id}/mitglieder?hinweis=entfernt`, 303);
  });
};
