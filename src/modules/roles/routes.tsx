import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { WaitingBox, waitingCounts } from '../moderation/index.ts';
import { Type } from 'typebox';
import type { MessageKey, T } from '../../platform/i18n/index.ts';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, type FieldErrors } from '../../platform/http/forms.ts';
import { idParam } from '../../platform/http/ids.ts';
import { hashSecret } from '../../platform/auth/tokens.ts';
import { adminNetwork } from '../networks/context.ts';
import { listMunicipalities } from '../networks/queries.ts';
import type { Network } from '../../platform/networks/schema.ts';
import {
  acceptInvitation,
  inviteMember,
  removeMembership,
  revokeInvitation,
  saveMunicipality,
  setMemberMunicipalities,
  settingsProblems,
  updateNetworkSettings,
  type NetworkSettings,
} from './commands.ts';
import {
  canAcceptInvitation,
  canAdministerNetwork,
  canEditNetworkSettings,
  canManageMembers,
  canManageMunicipalities,
  canViewAuditLog,
} from './policy.ts';
import {
  countMembersByRole,
  countOpenInvitations,
  findInvitationByToken,
  findMember,
  findMunicipality,
  hasMembership,
  listAuditLog,
  listMembers,
  listOpenInvitations,
} from './queries.ts';
import {
  chosenColour,
  INVITATION_DAYS,
  needsMunicipalities,
  parseMunicipality,
  type MunicipalityInput,
  type Problems,
} from './rules.ts';
import { ROLES, type Role } from './schema.ts';
import { AuditLogPage } from './views/audit.tsx';
import { adminPath } from './views/common.tsx';
import { InvitationPage, InvitationProblem, type InvitationState } from './views/invitation.tsx';
import { InvitationsPage, type InviteFormValues } from './views/invitations.tsx';
import { MemberList, MemberMunicipalitiesForm, RemoveConfirm } from './views/members.tsx';
import { MunicipalityForm, MunicipalityList, municipalityFormValues } from './views/municipalities.tsx';
import { NetworkOverview } from './views/overview.tsx';
import { SETTINGS_LIMITS, SettingsForm, type SettingsValues } from './views/settings.tsx';

// ---- helpers -------------------------------------------------------------------------------

/** Problems as messages in the reader's language, numbers with the reader's decimal sign (4,5 / 4.5). */
function messagesFor(request: FastifyRequest, problems: Problems): FieldErrors {
  const number = new Intl.NumberFormat(request.locale === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return Object.fromEntries(
    Object.entries(problems).map(([field, p]) => {
      const params = Object.fromEntries(
        Object.entries(p.params ?? {}).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? number.format(v) : v]),
      );
      return [field, request.t(p.key, params)];
    }),
  );
}

/** Body fields as strings; a form field sent twice arrives as an array and is joined, never lost. */
function text(body: unknown, field: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'string' ? value : '';
}

function list(body: unknown, field: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}

/** Success messages after a redirect come as a short code in the address, never as free text. */
function notice(request: FastifyRequest, known: Record<string, MessageKey>): string | undefined {
  const code = (request.query as Record<string, unknown> | undefined)?.hinweis;
  return typeof code === 'string' && Object.hasOwn(known, code) ? request.t(known[code] as MessageKey) : undefined;
}

function pageTitle(t: T, section: MessageKey): string {
  return `${t(section)} – ${t('roles.admin.title')}`;
}


/** The signed-in person behind an admin action; the policy check before it guarantees there is one. */
function actorId(request: FastifyRequest): string {
  const id = request.actor.userId;
  if (!id) throw new Error('admin action without a signed-in person');
  return id;
}


// ---- form schemas --------------------------------------------------------------------------

const inviteBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
  municipalityIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 1000 })),
});

const memberPlacesBody = Type.Object({
  municipalityIds: Type.Optional(Type.Array(Type.String({ maxLength: 36 }), { maxItems: 1000 })),
});

const settingsBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: SETTINGS_LIMITS.name }),
  kind: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.kind })),
  region: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.region })),
  description: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.description })),
  contactEmail: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.contactEmail, pattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' })),
  primaryColor: Type.Optional(Type.String({ maxLength: 50 })),
  accentColor: Type.Optional(Type.String({ maxLength: 50 })),
  imprint: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.imprint })),
  privacyStatement: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.privacyStatement })),
  accessibilityStatement: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.accessibilityStatement })),
});

const municipalityBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Optional(Type.String({ maxLength: 100 })),
  ags: Type.Optional(Type.String({ maxLength: 20 })),
  lat: Type.Optional(Type.String({ maxLength: 30 })),
  lng: Type.Optional(Type.String({ maxLength: 30 })),
  inhabitants: Type.Optional(Type.String({ maxLength: 20 })),
});

const SETTINGS_KEYS = Object.keys(settingsBody.properties) as Array<keyof SettingsValues>;
const MUNICIPALITY_KEYS = Object.keys(municipalityBody.properties) as Array<keyof MunicipalityInput>;

// ---- routes --------------------------------------------------------------------------------

export const routes: FastifyPluginAsync = async (app) => {
  const { db, jobs, config, clock } = app.deps;

  // ---- network admin: overview ----

  app.get('/netzwerk/:slug/verwaltung', async (request, reply) => {
    const network = await adminNetwork(request, reply, canAdministerNetwork);
    if (!network) return reply;
    const counts = await countMembersByRole(db, network.id);
    const open = await countOpenInvitations(db, network.id, clock());
    const waiting = await waitingCounts(db, network.id, clock());
    return reply.page(
      request.t('roles.admin.title'),
      <>
        <NetworkOverview t={request.t} locale={request.locale} network={network} counts={counts} openInvitations={open} />
        <WaitingBox t={request.t} slug={network.slug} counts={waiting} />
      </>,
    );
  });

  // ---- network admin: members ----

  app.get('/netzwerk/:slug/verwaltung/mitglieder', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    const members = await listMembers(db, network.id);
    const done = notice(request, { entfernt: 'roles.list.removed', kommunen: 'roles.list.municipalitiesSaved' });
    return reply.page(pageTitle(request.t, 'roles.list.title'), <MemberList t={request.t} network={network} members={members} notice={done} />);
  });

  app.get('/netzwerk/:slug/verwaltung/mitglieder/:membershipId/entfernen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    const id = idParam(request, 'membershipId');
    const member = id && (await findMember(db, network.id, id));
    if (!member) return sendError(request, reply, 404);
    return reply.page(
      pageTitle(request.t, 'roles.remove.title'),
      <RemoveConfirm t={request.t} csrfToken={reply.generateCsrf()} network={network} member={member} />,
    );
  });

  app.post('/netzwerk/:slug/verwaltung/mitglieder/:membershipId/entfernen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    const id = idParam(request, 'membershipId');
    const member = id && (await findMember(db, network.id, id));
    if (!id || !member) return sendError(request, reply, 404);
    const result = await removeMembership(db, { networkId: network.id, membershipId: id, actorId: actorId(request), now: clock() });
    if (result.ok) return reply.redirect(`${adminPath(network.slug, '/mitglieder')}?hinweis=entfernt`, 303);
    if (result.code === 'roles.not_found') return sendError(request, reply, 404);
    const t = request.t;
    return reply.page(
      pageTitle(t, 'roles.remove.title'),
      <RemoveConfirm
        t={t}
        csrfToken={reply.generateCsrf()}
        network={network}
        member={member}
        refusal={t('roles.error.lastNetworkOffice', { name: member.name || t('roles.list.noName') })}
      />,
      { status: 409 },
    );
  });

  const memberPlaces = async (request: FastifyRequest, reply: FastifyReply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return { reply };
    const id = idParam(request, 'membershipId');
    const member = id && (await findMember(db, network.id, id));
    if (!member || !needsMunicipalities(member.role)) return { reply: await sendError(request, reply, 404) };
    return { network, member };
  };

  const renderMemberPlaces = async (
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    member: NonNullable<Awaited<ReturnType<typeof findMember>>>,
    checked: ReadonlySet<string>,
    errors: FieldErrors,
    status = 200,
  ) =>
    reply.page(
      pageTitle(request.t, 'roles.admin.members'),
      <MemberMunicipalitiesForm
        t={request.t}
        csrfToken={reply.generateCsrf()}
        network={network}
        member={member}
        municipalities={await listMunicipalities(db, network.id)}
        checked={checked}
        errors={errors}
      />,
      { status },
    );

  app.get('/netzwerk/:slug/verwaltung/mitglieder/:membershipId/kommunen', async (request, reply) => {
    const found = await memberPlaces(request, reply);
    if (!found.network) return found.reply;
    return renderMemberPlaces(request, reply, found.network, found.member, new Set(found.member.municipalities.map((m) => m.id)), {});
  });

  app.post('/netzwerk/:slug/verwaltung/mitglieder/:membershipId/kommunen', {
    schema: { body: memberPlacesBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const found = await memberPlaces(request, reply);
      if (!found.network) return found.reply;
      const { network, member } = found;
      const ids = list(request.body, 'municipalityIds');
      const result = request.validationError
        ? ({ ok: false, code: 'roles.invalid', problems: { municipalityIds: { key: 'roles.error.unknownMunicipality' } } } as const)
        : await setMemberMunicipalities(db, {
            networkId: network.id,
            membershipId: member.membershipId,
            municipalityIds: ids,
            actorId: actorId(request),
            now: clock(),
          });
      if (result.ok) return reply.redirect(`${adminPath(network.slug, '/mitglieder')}?hinweis=kommunen`, 303);
      if (result.code === 'roles.not_found') return sendError(request, reply, 404);
      return renderMemberPlaces(request, reply, network, member, new Set(ids), messagesFor(request, result.problems), 422);
    },
  });

  // ---- network admin: invitations ----

  const renderInvitations = async (
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    values: InviteFormValues,
    errors: FieldErrors,
    status = 200,
  ) => {
    const now = clock();
    const done = notice(request, { verschickt: 'roles.invite.sent', zurueckgezogen: 'roles.invite.revoked' });
    return reply.page(
      pageTitle(request.t, 'roles.invite.title'),
      <InvitationsPage
        t={request.t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        network={network}
        municipalities={await listMunicipalities(db, network.id)}
        invitations={await listOpenInvitations(db, network.id, now)}
        values={values}
        errors={errors}
        notice={status === 200 ? done : undefined}
      />,
      { status },
    );
  };

  app.get('/netzwerk/:slug/verwaltung/einladungen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    return renderInvitations(request, reply, network, { email: '', role: '', municipalityIds: new Set() }, {});
  });

  app.post('/netzwerk/:slug/verwaltung/einladungen', {
    schema: { body: inviteBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await adminNetwork(request, reply, canManageMembers);
      if (!network) return reply;
      const t = request.t;
      const values: InviteFormValues = {
        email: text(request.body, 'email'),
        role: text(request.body, 'role'),
        municipalityIds: new Set(list(request.body, 'municipalityIds')),
      };
      const errors = fieldErrorsFromValidation(request.validationError?.validation, t);
      if (errors.role) errors.role = t('roles.invite.roleRequired');
      const role = (ROLES as readonly string[]).includes(values.role) ? (values.role as Role) : undefined;
      // Tell about a missing municipality in the same round as a bad address.
      if (role && needsMunicipalities(role) && values.municipalityIds.size === 0) {
        errors.municipalityIds = t('roles.error.municipalityRequired');
      }
      if (Object.keys(errors).length > 0 || !role) return renderInvitations(request, reply, network, values, errors, 422);
      const result = await inviteMember(
        { db, jobs, publicUrl: config.publicUrl },
        { network, email: values.email, role, municipalityIds: [...values.municipalityIds], actorId: actorId(request), now: clock() },
      );
      if (!result.ok) return renderInvitations(request, reply, network, values, messagesFor(request, result.problems), 422);
      return reply.redirect(`${adminPath(network.slug, '/einladungen')}?hinweis=verschickt`, 303);
    },
  });

  app.post('/netzwerk/:slug/verwaltung/einladungen/:invitationId/zurueckziehen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMembers);
    if (!network) return reply;
    const id = idParam(request, 'invitationId');
    if (!id) return sendError(request, reply, 404);
    const result = await revokeInvitation(db, { networkId: network.id, invitationId: id, actorId: actorId(request), now: clock() });
    if (!result.ok) return sendError(request, reply, 404);
    return reply.redirect(`${adminPath(network.slug, '/einladungen')}?hinweis=zurueckgezogen`, 303);
  });

  // ---- accepting an invitation ----

  const TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

  const invitationProblem = (request: FastifyRequest, reply: FastifyReply, kind: 'unknown' | 'expired' | 'revoked' | 'used') => {
    const t = request.t;
    const title = t(`roles.invitation.${kind}.title` as MessageKey);
    return reply.page(title, <InvitationProblem t={t} title={title} text={t(`roles.invitation.${kind}.text` as MessageKey, { days: INVITATION_DAYS })} />, {
      status: kind === 'unknown' ? 404 : 410,
    });
  };

  const showInvitation = async (request: FastifyRequest, reply: FastifyReply, status = 200) => {
    const token = String((request.params as { token?: string }).token ?? '');
    const found = TOKEN.test(token) ? await findInvitationByToken(db, hashSecret(token)) : undefined;
    if (!found) return invitationProblem(request, reply, 'unknown');
    const { invitation, network } = found;
    request.network = { id: network.id, slug: network.slug, name: network.name };
    const user = request.user;
    let state: InvitationState;
    if (invitation.revokedAt) return invitationProblem(request, reply, 'revoked');
    if (invitation.acceptedAt) {
      if (!user || !(await hasMembership(db, network.id, user.id, invitation.role))) return invitationProblem(request, reply, 'used');
      state = { kind: 'accepted' };
    } else if (found.tokenExpiresAt.getTime() <= clock().getTime()) {
      return invitationProblem(request, reply, 'expired');
    } else if (!user) {
      const back = encodeURIComponent(`/einladung/${token}`);
      state = { kind: 'anonymous', loginHref: `/anmelden?weiter=${back}`, registerHref: `/registrieren?weiter=${back}` };
    } else if (user.email.toLowerCase() !== invitation.email.toLowerCase()) {
      state = { kind: 'wrong_email', accountEmail: user.email };
    } else {
      state = { kind: 'ready' };
    }
    const t = request.t;
    return reply.page(
      t('roles.invitation.title', { network: network.name }),
      <InvitationPage t={t} locale={request.locale} csrfToken={reply.generateCsrf()} token={token} network={network} invitation={invitation} state={state} />,
      { status },
    );
  };

  app.get('/einladung/:token', async (request, reply) => showInvitation(request, reply));

  app.post('/einladung/:token', async (request, reply) => {
    if (!allow(request, reply, canAcceptInvitation(request.actor))) return reply;
    const user = request.user;
    const token = String((request.params as { token?: string }).token ?? '');
    if (!user || !TOKEN.test(token)) return invitationProblem(request, reply, 'unknown');
    const result = await acceptInvitation(db, { token, user: { id: user.id, email: user.email }, now: clock() });
    if (result.ok) return reply.redirect(`/einladung/${token}`, 303);
    switch (result.code) {
      case 'roles.invitation.wrong_email':
        return showInvitation(request, reply, 403);
      case 'roles.invitation.expired':
        return invitationProblem(request, reply, 'expired');
      case 'roles.invitation.revoked':
        return invitationProblem(request, reply, 'revoked');
      case 'roles.invitation.used':
        return invitationProblem(request, reply, 'used');
      default:
        return invitationProblem(request, reply, 'unknown');
    }
  });

  // ---- network admin: settings ----

  const renderSettings = (request: FastifyRequest, reply: FastifyReply, network: Network, values: SettingsValues, errors: FieldErrors, status = 200) =>
    reply.page(
      pageTitle(request.t, 'roles.settings.title'),
      <SettingsForm
        t={request.t}
        csrfToken={reply.generateCsrf()}
        network={network}
        values={values}
        errors={errors}
        notice={status === 200 ? notice(request, { gespeichert: 'roles.settings.saved' }) : undefined}
      />,
      { status },
    );

  app.get('/netzwerk/:slug/verwaltung/einstellungen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canEditNetworkSettings);
    if (!network) return reply;
    const values = Object.fromEntries(SETTINGS_KEYS.map((k) => [k, network[k]])) as SettingsValues;
    return renderSettings(request, reply, network, values, {});
  });

  app.post('/netzwerk/:slug/verwaltung/einstellungen', {
    schema: { body: settingsBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await adminNetwork(request, reply, canEditNetworkSettings);
      if (!network) return reply;
      const t = request.t;
      const body = request.body;
      const values = Object.fromEntries(SETTINGS_KEYS.map((k) => [k, text(body, k)])) as SettingsValues;
      values.primaryColor = chosenColour(values.primaryColor, text(body, 'primaryColorPicker'), text(body, 'primaryColorPickerShown'));
      values.accentColor = chosenColour(values.accentColor, text(body, 'accentColorPicker'), text(body, 'accentColorPickerShown'));
      const errors: FieldErrors = {
        ...fieldErrorsFromValidation(request.validationError?.validation, t),
        ...messagesFor(request, settingsProblems(values)),
      };
      if (errors.contactEmail && values.contactEmail.length <= SETTINGS_LIMITS.contactEmail) errors.contactEmail = t('form.email');
      if (Object.keys(errors).length > 0) return renderSettings(request, reply, network, values, errors, 422);
      const result = await updateNetworkSettings(db, { networkId: network.id, values: values as NetworkSettings, actorId: actorId(request), now: clock() });
      if (result.ok) return reply.redirect(`${adminPath(network.slug, '/einstellungen')}?hinweis=gespeichert`, 303);
      if (result.code === 'roles.not_found') return sendError(request, reply, 404);
      return renderSettings(request, reply, network, values, messagesFor(request, result.problems), 422);
    },
  });

  // ---- network admin: municipalities ----

  app.get('/netzwerk/:slug/verwaltung/kommunen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMunicipalities);
    if (!network) return reply;
    return reply.page(
      pageTitle(request.t, 'roles.places.list.title'),
      <MunicipalityList
        t={request.t}
        locale={request.locale}
        network={network}
        municipalities={await listMunicipalities(db, network.id)}
        notice={notice(request, { gespeichert: 'roles.places.list.saved' })}
      />,
    );
  });

  const renderMunicipality = (
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    municipality: { id: string; name: string } | undefined,
    values: MunicipalityInput,
    errors: FieldErrors,
    status = 200,
  ) => {
    const t = request.t;
    const heading = municipality ? t('roles.place.edit', { name: municipality.name }) : t('roles.place.new');
    return reply.page(
      heading,
      <MunicipalityForm t={t} csrfToken={reply.generateCsrf()} network={network} municipalityId={municipality?.id} heading={heading} values={values} errors={errors} />,
      { status },
    );
  };

  const EMPTY_MUNICIPALITY: MunicipalityInput = { name: '', type: '', ags: '', lat: '', lng: '', inhabitants: '' };

  app.get('/netzwerk/:slug/verwaltung/kommunen/neu', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMunicipalities);
    if (!network) return reply;
    return renderMunicipality(request, reply, network, undefined, EMPTY_MUNICIPALITY, {});
  });

  app.get('/netzwerk/:slug/verwaltung/kommunen/:municipalityId', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMunicipalities);
    if (!network) return reply;
    const id = idParam(request, 'municipalityId');
    const municipality = id && (await findMunicipality(db, network.id, id));
    if (!municipality) return sendError(request, reply, 404);
    return renderMunicipality(request, reply, network, municipality, municipalityFormValues(request.locale, municipality), {});
  });

  const submitMunicipality = async (request: FastifyRequest, reply: FastifyReply, existing: boolean) => {
    const network = await adminNetwork(request, reply, canManageMunicipalities);
    if (!network) return reply;
    let municipality: { id: string; name: string } | undefined;
    if (existing) {
      const id = idParam(request, 'municipalityId');
      municipality = (id && (await findMunicipality(db, network.id, id))) || undefined;
      if (!municipality) return sendError(request, reply, 404);
    }
    const t = request.t;
    const values = Object.fromEntries(MUNICIPALITY_KEYS.map((k) => [k, text(request.body, k)])) as unknown as MunicipalityInput;
    const parsed = parseMunicipality(values);
    const errors: FieldErrors = {
      ...fieldErrorsFromValidation(request.validationError?.validation, t),
      ...(parsed.ok ? {} : messagesFor(request, parsed.problems)),
    };
    if (Object.keys(errors).length > 0) return renderMunicipality(request, reply, network, municipality, values, errors, 422);
    const result = await saveMunicipality(db, {
      networkId: network.id,
      municipalityId: municipality?.id,
      input: values,
      actorId: actorId(request),
      now: clock(),
    });
    if (result.ok) return reply.redirect(`${adminPath(network.slug, '/kommunen')}?hinweis=gespeichert`, 303);
    if (result.code === 'roles.not_found') return sendError(request, reply, 404);
    return renderMunicipality(request, reply, network, municipality, values, messagesFor(request, result.problems), 422);
  };

  app.post('/netzwerk/:slug/verwaltung/kommunen', {
    schema: { body: municipalityBody },
    attachValidation: true,
    handler: (request, reply) => submitMunicipality(request, reply, false),
  });

  app.post('/netzwerk/:slug/verwaltung/kommunen/:municipalityId', {
    schema: { body: municipalityBody },
    attachValidation: true,
    handler: (request, reply) => submitMunicipality(request, reply, true),
  });

  // ---- network admin: audit log ----

  app.get('/netzwerk/:slug/verwaltung/protokoll', async (request, reply) => {
    const network = await adminNetwork(request, reply, canViewAuditLog);
    if (!network) return reply;
    const raw = Number((request.query as Record<string, unknown> | undefined)?.seite ?? 1);
    const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
    const { rows, hasMore } = await listAuditLog(db, network.id, page);
    return reply.page(
      pageTitle(request.t, 'roles.audit.title'),
      <AuditLogPage t={request.t} locale={request.locale} network={network} rows={rows} page={page} hasMore={hasMore} />,
    );
  });
};
