import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, type FieldErrors } from '../../platform/http/forms.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { networkOf } from '../../platform/networks/context.ts';
import { listMunicipalities } from '../../platform/networks/queries.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { FIELDS, TIMES_OF_DAY } from '../../platform/vocabulary.ts';
import { splitList, volunteerCandidatesFor, newPlacementHref, rankVolunteers } from '../volunteers/index.ts';
import { keptFormValues as formValues, type FormValues } from '../../platform/ui/form-values.ts';
import { changeNeedStatus, createNeed, NEXT_STATUSES, updateNeed, type NeedContent, type NeedError } from './commands.ts';
import {
  canCreateNeed,
  canCreateOnBehalf,
  canEditNeed,
  canListNeeds,
  canManageNeed,
  canViewNeed,
  onBehalfMunicipalities,
  statusChangesAllowed,
} from './policy.ts';
import { findNeed, findPublicNeed, isMemberOf, listNeeds, listPublicNeeds, offerCandidatesForNeed, organisationsOf, type NeedWithPlace } from './queries.ts';
import { NEED_STATUSES, type NeedStatus } from './schema.ts';
import { DEFAULT_NEED_RADIUS_KM, needAsSeeker, rankOffersForNeed } from './suggestions.ts';
import { NeedForm, needValues, type RequesterChoice } from './views/form.tsx';
import { NeedDetailPage, NeedListPage, PublicNeedListPage, PublicNeedPage } from './views/pages.tsx';
import { NeedOffersPage, NeedVolunteersPage } from './views/suggestions.tsx';
import { isUuid, UUID_SOURCE as UUID } from '../../platform/http/ids.ts';

const literals = <const V extends readonly string[]>(values: V) => Type.Union(values.map((v) => Type.Literal(v)));

// One line of text; free text may hold line breaks but no other control characters.
const LINE = '^[^\\u0000-\\u001F\\u007F]*$';
const TEXT = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';
const DATE = '^(\\d{4}-\\d{2}-\\d{2})?$';

const NeedBody = Type.Object({
  requester: Type.Optional(Type.String({ pattern: `^(self|other|org:${UUID})$` })),
  requesterName: Type.Optional(Type.String({ maxLength: 120, pattern: LINE })),
  requesterEmail: Type.Optional(Type.Union([Type.Literal(''), Type.String({ maxLength: 254, format: 'email' })])),
  requesterPhone: Type.Optional(Type.String({ maxLength: 50, pattern: '^[0-9 +()/.\\-]*$' })),
  title: Type.String({ minLength: 1, maxLength: 200, pattern: LINE }),
  description: Type.String({ maxLength: 4000, pattern: TEXT }),
  field: literals(FIELDS),
  skills: Type.String({ maxLength: 600, pattern: LINE }),
  weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7 })),
  timesOfDay: Type.Optional(Type.Array(literals(TIMES_OF_DAY), { maxItems: TIMES_OF_DAY.length })),
  municipalityId: Type.String({ pattern: `^${UUID}$` }),
  place: Type.String({ maxLength: 120, pattern: LINE }),
  startsOn: Type.String({ pattern: DATE }),
  endsOn: Type.String({ pattern: DATE }),
  isPublic: Type.Optional(Type.Literal('1')),
});
type NeedBodyType = Static<typeof NeedBody>;

const StatusBody = Type.Object({ status: literals(NEED_STATUSES), from: literals(NEED_STATUSES) });

const ListQuery = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 20 })),
  kommune: Type.Optional(Type.String({ maxLength: 40 })),
  feld: Type.Optional(Type.String({ maxLength: 30 })),
});

const OffersQuery = Type.Object({ umkreis: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) });

const ERROR_MESSAGES: Record<NeedError['code'], MessageKey> = {
  'needs.unknown_municipality': 'needs.error.unknownMunicipality',
  'needs.not_your_municipality': 'needs.error.notYourMunicipality',
  'needs.invalid_date': 'needs.error.date',
  'needs.ends_before_start': 'needs.error.endsBeforeStart',
};

/** The schema's complaints in the words of this form. */
function validationErrors(request: FastifyRequest): FieldErrors {
  const t = request.t;
  const errors = fieldErrorsFromValidation(request.validationError?.validation, t);
  if (errors.municipalityId) errors.municipalityId = t('needs.error.unknownMunicipality');
  if (errors.requesterEmail) errors.requesterEmail = t('form.email');
  if (errors.startsOn) errors.startsOn = t('needs.error.date');
  if (errors.endsOn) errors.endsOn = t('needs.error.date');
  if (errors.requester) errors.requester = t('needs.error.requester');
  if (request.validationError && Object.keys(errors).length === 0) errors.title = t('form.invalid');
  return errors;
}

function content(body: NeedBodyType, skills: string[], requester: { name: string; email: string; phone: string }): NeedContent {
  return {
    title: body.title,
    description: body.description,
    field: body.field,
    skills,
    weekdays: body.weekdays ?? [],
    timesOfDay: body.timesOfDay ?? [],
    municipalityId: body.municipalityId,
    place: body.place,
    startsOn: body.startsOn || null,
    endsOn: body.endsOn || null,
    isPublic: body.isPublic === '1',
    requesterName: requester.name,
    requesterEmail: requester.email.toLowerCase(),
    requesterPhone: requester.phone,
  };
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;
  const now = () => app.deps.clock();

  /** The need named in the URL, with the facts the policy needs; 404 when there is none. */
  async function loadNeed(request: FastifyRequest, reply: FastifyReply) {
    const network = await networkOf(request, reply);
    if (!network) return undefined;
    const { id } = request.params as { id: string };
    const need = isUuid(id) ? await findNeed(db, network.id, id) : undefined;
    if (!need) {
      await sendError(request, reply, 404);
      return undefined;
    }
    const isOrganisationMember = await isMemberOf(db, request.actor.userId, need.organisationId);
    return { network, need, facts: { isOrganisationMember } };
  }

  /** A private need does not exist for those who may not see it; a public one asks for the right account. */
  function deny(request: FastifyRequest, reply: FastifyReply, need: NeedWithPlace) {
    if (need.isPublic) return allow(request, reply, false);
    return sendError(request, reply, 404);
  }

  async function requesterChoices(request: FastifyRequest, network: Network): Promise<RequesterChoice[]> {
    const t = request.t;
    const choices: RequesterChoice[] = [{ value: 'self', label: t('needs.field.requester.self') }];
    for (const org of await organisationsOf(db, request.actor.userId!, network.id)) {
      choices.push({ value: `org:${org.id}`, label: t('needs.field.requester.organisation', { name: org.name }) });
    }
    if (canCreateOnBehalf(request.actor, network.id)) {
      choices.push({ value: 'other', label: t('needs.field.requester.other') });
    }
    return choices;
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    form: { mode: 'create' | 'edit'; action: string; values: FormValues; errors: FieldErrors; choices: RequesterChoice[]; showRequesterFields: boolean },
    status = 200,
  ) {
    const t = request.t;
    return reply.page(
      form.mode === 'create' ? t('needs.new.title') : t('needs.edit.title'),
      <NeedForm
        t={t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        action={form.action}
        mode={form.mode}
        values={form.values}
        errors={form.errors}
        municipalities={await listMunicipalities(db, network.id)}
        requesterChoices={form.choices}
        showRequesterFields={form.showRequesterFields}
      />,
      { status },
    );
  }

  // ---- List (office and guides) ----

  app.get('/netzwerk/:slug/gesuche', {
    schema: { querystring: ListQuery },
    handler: async (request, reply) => {
      const network = await networkOf(request, reply);
      if (!network) return reply;
      if (!allow(request, reply, canListNeeds(request.actor, network.id))) return reply;
      const query = request.query as Static<typeof ListQuery>;
      const status = NEED_STATUSES.find((s) => s === query.status);
      const field = FIELDS.find((f) => f === query.feld);
      const municipalityId = query.kommune && isUuid(query.kommune) ? query.kommune : undefined;
      const scope = onBehalfMunicipalities(request.actor, network.id) ?? undefined;
      const needs = await listNeeds(db, network.id, { status, field, municipalityId, scope });
      const all = await listMunicipalities(db, network.id);
      const t = request.t;
      return reply.page(
        t('needs.list.title'),
        <NeedListPage
          t={t}
          locale={request.locale}
          slug={network.slug}
          needs={needs}
          municipalities={scope ? all.filter((m) => scope.includes(m.id)) : all}
          filters={{ status: status ?? '', municipalityId: municipalityId ?? '', field: field ?? '' }}
          guideOnly={scope !== undefined}
        />,
      );
    },
  });

  // ---- Public needs ----

  app.get('/netzwerk/:slug/gesuche/oeffentlich', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const needs = await listPublicNeeds(db, network.id);
    return reply.page(
      request.t('needs.public.title'),
      <PublicNeedListPage t={request.t} locale={request.locale} slug={network.slug} needs={needs} contactEmail={network.contactEmail} />,
    );
  });

  // ---- Create ----

  app.get('/netzwerk/:slug/gesuche/neu', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    if (!allow(request, reply, canCreateNeed(request.actor))) return reply;
    const choices = await requesterChoices(request, network);
    return showForm(request, reply, network, {
      mode: 'create',
      action: `/netzwerk/${network.slug}/gesuche/neu`,
      values: { field: 'sozial' },
      errors: {},
      choices,
      showRequesterFields: choices.some((c) => c.value === 'other'),
    });
  });

  app.post('/netzwerk/:slug/gesuche/neu', {
    attachValidation: true,
    schema: { body: NeedBody },
    handler: async (request, reply) => {
      const network = await networkOf(request, reply);
      if (!network) return reply;
      if (!allow(request, reply, canCreateNeed(request.actor))) return reply;
      const t = request.t;
      const user = request.user!;
      const choices = await requesterChoices(request, network);
      const errors = validationErrors(request);
      const body = request.body as NeedBodyType;
      const requester = body.requester ?? 'self';
      if (!errors.requester && !choices.some((c) => c.value === requester)) errors.requester = t('needs.error.requester');
      const onBehalf = requester === 'other';
      if (onBehalf && !errors.requesterName && !body.requesterName) errors.requesterName = t('needs.error.requesterName');
      const skills = errors.skills ? null : splitList(body.skills, 30, 60);
      if (!errors.skills && skills === null) errors.skills = t('needs.error.tooMany');
      const form = {
        mode: 'create' as const,
        action: `/netzwerk/${network.slug}/gesuche/neu`,
        values: formValues(request.body),
        choices,
        showRequesterFields: choices.some((c) => c.value === 'other'),
      };
      if (Object.keys(errors).length > 0 || !skills) return showForm(request, reply, network, { ...form, errors }, 422);

      const who = onBehalf
        ? { name: body.requesterName ?? '', email: body.requesterEmail ?? '', phone: body.requesterPhone ?? '' }
        : { name: user.name, email: user.email, phone: '' };
      const result = await createNeed(
        db,
        {
          networkId: network.id,
          createdBy: user.id,
          organisationId: requester.startsWith('org:') ? requester.slice(4) : null,
          content: content(body, skills, who),
          onBehalfIn: onBehalf ? onBehalfMunicipalities(request.actor, network.id) : null,
        },
        now(),
      );
      if (!result.ok) {
        return showForm(request, reply, network, { ...form, errors: { [result.field]: t(ERROR_MESSAGES[result.code]) } }, 422);
      }
      return reply.redirect(`/netzwerk/${network.slug}/gesuche/${result.id}?gespeichert=1`, 303);
    },
  });

  // ---- Detail ----

  app.get('/netzwerk/:slug/gesuche/:id', async (request, reply) => {
    const loaded = await loadNeed(request, reply);
    if (!loaded) return reply;
    const { network, need, facts } = loaded;
    const t = request.t;
    if (!canViewNeed(request.actor, need, facts)) {
      const visible = need.isPublic ? await findPublicNeed(db, network.id, need.id) : undefined;
      if (!visible) return sendError(request, reply, 404);
      return reply.page(
        visible.title,
        <PublicNeedPage t={t} locale={request.locale} slug={network.slug} need={visible} contactEmail={network.contactEmail} />,
        { description: visible.description.slice(0, 160) },
      );
    }
    const query = request.query as { gespeichert?: string; geaendert?: string; status?: string };
    const notice = query.gespeichert ? t('needs.created') : query.geaendert ? t('needs.updated') : query.status ? t('needs.statusChanged') : null;
    return showDetail(request, reply, network, need, facts, notice, null);
  });

  function showDetail(
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    need: NeedWithPlace,
    facts: { isOrganisationMember: boolean },
    notice: string | null,
    error: string | null,
    status = 200,
  ) {
    const allowed = statusChangesAllowed(request.actor, need, facts);
    const next = NEXT_STATUSES[need.status].filter((s) => allowed === 'all' || allowed.includes(s));
    return reply.page(
      need.title,
      <NeedDetailPage
        t={request.t}
        locale={request.locale}
        slug={network.slug}
        need={need}
        csrfToken={reply.generateCsrf()}
        notice={notice}
        error={error}
        canManage={canManageNeed(request.actor, need)}
        nextStatuses={next}
      />,
      { status },
    );
  }

  // ---- Edit ----

  app.get('/netzwerk/:slug/gesuche/:id/bearbeiten', async (request, reply) => {
    const loaded = await loadNeed(request, reply);
    if (!loaded) return reply;
    const { network, need, facts } = loaded;
    if (!canEditNeed(request.actor, need, facts)) return deny(request, reply, need);
    return showForm(request, reply, network, {
      mode: 'edit',
      action: `/netzwerk/${network.slug}/gesuche/${need.id}/bearbeiten`,
      values: needValues(need),
      errors: {},
      choices: [],
      showRequesterFields: true,
    });
  });

  app.post('/netzwerk/:slug/gesuche/:id/bearbeiten', {
    attachValidation: true,
    schema: { body: NeedBody },
    handler: async (request, reply) => {
      const loaded = await loadNeed(request, reply);
      if (!loaded) return reply;
      const { network, need, facts } = loaded;
      if (!canEditNeed(request.actor, need, facts)) return deny(request, reply, need);
      const t = request.t;
      const errors = validationErrors(request);
      delete errors.requester;
      const body = request.body as NeedBodyType;
      if (!errors.requesterName && !body.requesterName) errors.requesterName = t('needs.error.requesterName');
      const skills = errors.skills ? null : splitList(body.skills, 30, 60);
      if (!errors.skills && skills === null) errors.skills = t('needs.error.tooMany');
      const form = {
        mode: 'edit' as const,
        action: `/netzwerk/${network.slug}/gesuche/${need.id}/bearbeiten`,
        values: formValues(request.body),
        choices: [],
        showRequesterFields: true,
      };
      if (Object.keys(errors).length > 0 || !skills) return showForm(request, reply, network, { ...form, errors }, 422);
      const who = { name: body.requesterName ?? '', email: body.requesterEmail ?? '', phone: body.requesterPhone ?? '' };
      const result = await updateNeed(db, need, content(body, skills, who), now());
      if (!result.ok) {
        return showForm(request, reply, network, { ...form, errors: { [result.field]: t(ERROR_MESSAGES[result.code]) } }, 422);
      }
      return reply.redirect(`/netzwerk/${network.slug}/gesuche/${need.id}?geaendert=1`, 303);
    },
  });

  // ---- Status ----

  app.post('/netzwerk/:slug/gesuche/:id/status', {
    attachValidation: true,
    schema: { body: StatusBody },
    handler: async (request, reply) => {
      const loaded = await loadNeed(request, reply);
      if (!loaded) return reply;
      const { network, need, facts } = loaded;
      const allowed = statusChangesAllowed(request.actor, need, facts);
      if (allowed !== 'all' && allowed.length === 0) return deny(request, reply, need);
      const t = request.t;
      if (request.validationError) {
        return showDetail(request, reply, network, need, facts, null, t('needs.error.statusNotAllowed'), 422);
      }
      const body = request.body as Static<typeof StatusBody>;
      if (body.from !== need.status) {
        return showDetail(request, reply, network, need, facts, null, t('needs.error.statusChanged'), 409);
      }
      const result = await changeNeedStatus(db, need, body.status as NeedStatus, allowed, now());
      if (!result.ok) {
        const message = result.code === 'needs.status_changed' ? t('needs.error.statusChanged') : t('needs.error.statusNotAllowed');
        const fresh = (await findNeed(db, network.id, need.id)) ?? need;
        return showDetail(request, reply, network, fresh, facts, null, message, result.code === 'needs.status_changed' ? 409 : 422);
      }
      return reply.redirect(`/netzwerk/${network.slug}/gesuche/${need.id}?status=1`, 303);
    },
  });

  // ---- Suggestions ----

  app.get('/netzwerk/:slug/gesuche/:id/vorschlaege', async (request, reply) => {
    const loaded = await loadNeed(request, reply);
    if (!loaded) return reply;
    const { network, need, facts } = loaded;
    if (!canManageNeed(request.actor, need)) {
      return canViewNeed(request.actor, need, facts) ? allow(request, reply, false) : deny(request, reply, need);
    }
    const candidates = await volunteerCandidatesFor(db, need);
    const suggestions = rankVolunteers(need, candidates);
    const t = request.t;
    return reply.page(
      t('needs.volunteers.title', { title: need.title }),
      <NeedVolunteersPage
        t={t}
        title={need.title}
        needHref={`/netzwerk/${network.slug}/gesuche/${need.id}`}
        suggestions={suggestions}
        contactHref={(userId) => newPlacementHref(network.slug, { need: need.id, volunteer: userId })}
      />,
    );
  });

  app.get('/netzwerk/:slug/gesuche/:id/angebote', {
    attachValidation: true,
    schema: { querystring: OffersQuery },
    handler: async (request, reply) => {
      const loaded = await loadNeed(request, reply);
      if (!loaded) return reply;
      const { network, need, facts } = loaded;
      if (!canManageNeed(request.actor, need)) {
        return canViewNeed(request.actor, need, facts) ? allow(request, reply, false) : deny(request, reply, need);
      }
      const asked = request.validationError ? undefined : (request.query as Static<typeof OffersQuery>).umkreis;
      const radiusKm = asked ?? DEFAULT_NEED_RADIUS_KM;
      const candidates = await offerCandidatesForNeed(db, need, radiusKm, now());
      const suggestions = rankOffersForNeed(needAsSeeker(need, radiusKm), candidates);
      const t = request.t;
      return reply.page(
        t('needs.offers.title', { title: need.title }),
        <NeedOffersPage
          t={t}
          title={need.title}
          needHref={`/netzwerk/${network.slug}/gesuche/${need.id}`}
          radiusKm={radiusKm}
          suggestions={suggestions}
          placementHref={(offerId) => newPlacementHref(network.slug, { need: need.id, offer: offerId })}
        />,
      );
    },
  });
};

