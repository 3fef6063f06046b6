import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { newSecret } from '../../platform/auth/tokens.ts';
import { isConfirmed } from '../../platform/ui/confirm.tsx';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, keptValues, type FieldErrors } from '../../platform/http/forms.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { municipalitiesOf } from '../../platform/policy.ts';
import { networkOf } from '../../platform/networks/context.ts';
import {
  changePlacementStatus,
  CONFIRM_DAYS,
  confirmPlacementRequest,
  openPlacement,
  postPlacementMessage,
  requestPlacement,
  requestPlacementWithoutAccount,
  shareContact,
} from './commands.ts';
import {
  allowedStatuses,
  canChangeStatus,
  canOpenPlacement,
  canRequestAsSignedIn,
  canShareContact,
  canViewGuidePlacements,
  canViewNetworkPlacements,
  canViewPlacement,
  canWriteMessage,
  partiesOf,
  sideOf,
  type Party,
} from './policy.ts';
import {
  findConfirmToken,
  findContactableVolunteer,
  findNeedInNetwork,
  findOpenInquiry,
  findPlacement,
  findPublishedOffer,
  findPublishedOfferInNetwork,
  hasVolunteerAccess,
  isMediated,
  isOrganisationMember,
  LIST_LIMIT,
  listContactableVolunteers,
  listHistory,
  listMessages,
  listNetworkMunicipalities,
  listNetworkPlacements,
  listOrganisationPlacements,
  listVolunteerPlacements,
  type PlacementDetail,
} from './queries.ts';
import { PLACEMENT_STATUSES, type PlacementStatus } from './schema.ts';
import { OPEN_STATUSES } from './status.ts';
import { findOrganisationAccess } from './access.ts';
import { ConfirmInvalid, ConfirmPage, INQUIRY_MAX, InquiryForm, InquirySent, inquiryLabels } from './views/inquiry.tsx';
import { Overview, SimpleList } from './views/lists.tsx';
import { OpenPlacementForm } from './views/open.tsx';
import { MESSAGE_MAX, NOTE_MAX, PlacementPage, placementTitle, type PlacementView } from './views/placement.tsx';
import { isUuid } from '../../platform/http/ids.ts';


/** Notices shown after a redirect, by the short name carried in `?hinweis=`. */
const NOTICES: Record<string, MessageKey> = {
  created: 'placements.notice.created',
  confirmed: 'placements.notice.confirmed',
  status: 'placements.notice.status',
  message: 'placements.notice.message',
  shared: 'placements.notice.shared',
  opened: 'placements.notice.opened',
};

const inquiryBody = Type.Object({
  message: Type.String({ minLength: 1, maxLength: INQUIRY_MAX.message }),
  name: Type.Optional(Type.String({ maxLength: INQUIRY_MAX.name })),
  email: Type.Optional(Type.String({ maxLength: INQUIRY_MAX.email, format: 'email' })),
  consent: Type.Optional(Type.String({ maxLength: 10 })),
  requestKey: Type.Optional(Type.String({ maxLength: 64 })),
});

const accessQuery = Type.Object({
  zugang: Type.Optional(Type.String({ maxLength: 100 })),
  hinweis: Type.Optional(Type.String({ maxLength: 20 })),
});

const statusBody = Type.Object({
  status: Type.Union(PLACEMENT_STATUSES.map((s) => Type.Literal(s))),
  note: Type.Optional(Type.String({ maxLength: NOTE_MAX })),
  /** Sent by the confirmation step of a withdrawal (platform/ui/confirm.tsx). */
  confirm: Type.Optional(Type.Literal('1')),
});

const messageBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }) });

const shareBody = Type.Object({ side: Type.Union([Type.Literal('volunteer'), Type.Literal('organisation')]) });

const openQuery = Type.Object({
  need: Type.Optional(Type.String({ maxLength: 40 })),
  offer: Type.Optional(Type.String({ maxLength: 40 })),
  volunteer: Type.Optional(Type.String({ maxLength: 40 })),
});

const openBody = Type.Object({
  volunteer: Type.String({ minLength: 1, maxLength: 40 }),
  message: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
  requestKey: Type.Optional(Type.String({ maxLength: 64 })),
});

function newRequestKey(): string {
  return newSecret().slice(0, 32);
}

/** A key from the form if it looks like one of ours; otherwise none (the submit is then simply not deduplicated). */
function requestKeyOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;
}

interface Loaded {
  placement: PlacementDetail;
  parties: Party[];
  /** The private link the request came with, if valid. */
  zugang: string | undefined;
  /** That link is the organisation's (it may claim the organisation from here). */
  organisationLink: boolean;
}

export const routes: FastifyPluginAsync = async (app) => {
  const deps = app.deps;
  const { db } = deps;

  /**
   * The placement and the viewer's parties in it. Answers 404 for unknown or unconfirmed placements and
   * for a wrong private link, and refuses everyone else through `allow`.
   */
  async function load(request: FastifyRequest, reply: FastifyReply): Promise<Loaded | undefined> {
    const { id } = request.params as { id: string };
    const { zugang } = (request.query ?? {}) as { zugang?: string };
    const placement = isUuid(id) ? await findPlacement(db, id) : undefined;
    if (!placement || !placement.requestedAt) {
      await sendError(request, reply, 404);
      return undefined;
    }
    const access = zugang ? await hasVolunteerAccess(db, placement.id, zugang, deps.clock()) : false;
    const organisationAccess =
      zugang && !access && placement.organisationId
        ? (await findOrganisationAccess(db, zugang, deps.clock()))?.organisationId === placement.organisationId
        : false;
    if (zugang && !access && !organisationAccess) {
      await sendError(request, reply, 404);
      return undefined;
    }
    const parties = partiesOf(request.actor, {
      networkId: placement.networkId,
      municipalityId: placement.municipalityId,
      volunteerId: placement.volunteerId,
      confirmed: placement.requestedAt !== null,
      isOrganisationMember: await isOrganisationMember(db, placement.organisationId, request.actor.userId),
      hasVolunteerAccess: access,
      hasOrganisationAccess: organisationAccess,
    });
    if (!allow(request, reply, canViewPlacement(parties))) return undefined;
    request.network = { id: placement.networkId, slug: placement.networkSlug, name: placement.networkName };
    return { placement, parties, zugang: access || organisationAccess ? zugang : undefined, organisationLink: organisationAccess };
  }

  function accessSuffix(loaded: Loaded, notice?: string): string {
    const params = new URLSearchParams();
    if (loaded.zugang) params.set('zugang', loaded.zugang);
    if (notice) params.set('hinweis', notice);
    const query = params.toString();
    return query ? `?${query}` : '';
  }

  async function renderPlacement(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    options: { status?: number; notice?: string | undefined; errors?: FieldErrors; values?: Record<string, string>; confirmWithdraw?: boolean } = {},
  ) {
    const { placement, parties } = loaded;
    const hasOrganisation = placement.organisationId !== null;
    const both = placement.volunteerSharesContact !== null && placement.organisationSharesContact !== null;
    const view: PlacementView = {
      placement,
      history: await listHistory(db, placement.id),
      messages: await listMessages(db, placement.id),
      staffStatuses: allowedStatuses(
        parties.filter((p) => p !== 'volunteer'),
        placement.status,
      ),
      canWithdraw: parties.includes('volunteer') && canChangeStatus(['volunteer'], placement.status, 'declined'),
      canWrite: canWriteMessage(parties),
      canShareVolunteer: canShareContact(parties, 'volunteer', hasOrganisation) && !placement.volunteerSharesContact,
      canShareOrganisation:
        canShareContact(parties, 'organisation', hasOrganisation) && !placement.organisationSharesContact,
      contacts: both
        ? {
            volunteer: placement.volunteerEmail,
            organisation: hasOrganisation
              ? placement.offerContactEmail || placement.organisationEmail || ''
              : placement.networkContactEmail,
          }
        : null,
      accessQuery: loaded.zugang ? `?zugang=${encodeURIComponent(loaded.zugang)}` : '',
      isVolunteer: parties.includes('volunteer'),
      mediatedBy: placement.offerId && (await isMediated(db, placement.offerId)) ? placement.networkName : undefined,
      claimPath:
        loaded.organisationLink && loaded.zugang && placement.organisationId
          ? `/organisationen/${placement.organisationId}/uebernehmen?zugang=${encodeURIComponent(loaded.zugang)}`
          : undefined,
    };
    return reply.page(
      placementTitle(request.t, placement),
      <PlacementPage
        t={request.t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        view={view}
        notice={options.notice}
        errors={options.errors}
        values={options.values}
        confirmWithdraw={options.confirmWithdraw ?? false}
      />,
      { status: options.status },
    );
  }

  // ——— "Ich möchte helfen" ———

  async function inquiryOffer(request: FastifyRequest, reply: FastifyReply) {
    const { id } = request.params as { id: string };
    const offer = isUuid(id) ? await findPublishedOffer(db, id) : undefined;
    if (!offer) {
      await sendError(request, reply, 404);
      return undefined;
    }
    request.network = { id: offer.networkId, slug: offer.networkSlug, name: offer.networkName };
    return offer;
  }

  app.get('/angebote/:id/anfragen', async (request, reply) => {
    const offer = await inquiryOffer(request, reply);
    if (!offer) return reply;
    const userId = request.actor.userId;
    return reply.page(
      request.t('placements.inquiry.title', { title: offer.title }),
      <InquiryForm
        t={request.t}
        csrfToken={reply.generateCsrf()}
        offer={offer}
        signedIn={canRequestAsSignedIn(request.actor)}
        requestKey={newRequestKey()}
        values={{}}
        errors={{}}
        loginPath={`/anmelden?weiter=${encodeURIComponent(request.url)}`}
        existing={userId ? await findOpenInquiry(db, offer.id, userId) : undefined}
        mediatedBy={(await isMediated(db, offer.id)) ? offer.networkName : undefined}
      />,
    );
  });

  app.post('/angebote/:id/anfragen', {
    schema: { body: inquiryBody },
    attachValidation: true,
    config: { rateLimit: { max: 30, timeWindow: '10 minutes' } },
    handler: async (request, reply) => {
      const offer = await inquiryOffer(request, reply);
      if (!offer) return reply;
      const t = request.t;
      const signedIn = canRequestAsSignedIn(request.actor);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const errors = fieldErrorsFromValidation(request.validationError?.validation, t);
      delete errors.requestKey;
      delete errors.consent;
      if (signedIn) {
        delete errors.name;
        delete errors.email;
      } else {
        if (!errors.name && !String(body.name ?? '')) errors.name = t('form.required');
        if (!errors.email && !String(body.email ?? '')) errors.email = t('form.required');
        if (body.consent !== 'ja') errors.consent = t('placements.inquiry.consentRequired');
      }
      // Keep the summary in the order of the form.
      const ordered: FieldErrors = {};
      for (const field of Object.keys(inquiryLabels(t))) if (errors[field]) ordered[field] = errors[field];
      const requestKey = requestKeyOf(body.requestKey);
      if (Object.keys(ordered).length > 0) {
        return reply.page(
          t('placements.inquiry.title', { title: offer.title }),
          <InquiryForm
            t={t}
            csrfToken={reply.generateCsrf()}
            offer={offer}
            signedIn={signedIn}
            requestKey={requestKey ?? newRequestKey()}
            values={keptValues(body)}
            errors={ordered}
            loginPath={`/anmelden?weiter=${encodeURIComponent(request.url)}`}
          />,
          { status: 422 },
        );
      }
      const message = String(body.message);
      const now = deps.clock();
      if (signedIn && request.actor.userId) {
        const result = await requestPlacement(deps, { offer, userId: request.actor.userId, message, requestKey, now });
        return reply.redirect(`/vermittlungen/${result.placementId}?hinweis=created`, 303);
      }
      await requestPlacementWithoutAccount(deps, {
        offer,
        name: String(body.name),
        email: String(body.email),
        message,
        requestKey,
        now,
      });
      return reply.redirect(`/angebote/${offer.id}/anfragen/gesendet`, 303);
    },
  });

  app.get('/angebote/:id/anfragen/gesendet', async (request, reply) => {
    const offer = await inquiryOffer(request, reply);
    if (!offer) return reply;
    const mediatedBy = (await isMediated(db, offer.id)) ? offer.networkName : undefined;
    return reply.page(request.t('placements.inquiry.sentTitle'), <InquirySent t={request.t} days={CONFIRM_DAYS} mediatedBy={mediatedBy} />);
  });

  // ——— Confirmation for people without an account. GET only shows a button: mail scanners open links. ———

  app.get('/vermittlungen/bestaetigen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const found = token.length <= 100 ? await findConfirmToken(db, token, deps.clock()) : undefined;
    if (!found || found.used) {
      return reply.page(request.t('placements.confirm.invalidTitle'), <ConfirmInvalid t={request.t} />, { status: 410 });
    }
    return reply.page(
      request.t('placements.confirm.title'),
      <ConfirmPage
        t={request.t}
        csrfToken={reply.generateCsrf()}
        title={found.offerTitle ?? ''}
        action={`/vermittlungen/bestaetigen/${encodeURIComponent(token)}`}
      />,
    );
  });

  app.post('/vermittlungen/bestaetigen/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const result = token.length <= 100 ? await confirmPlacementRequest(deps, token, deps.clock()) : undefined;
    if (!result?.ok) {
      return reply.page(request.t('placements.confirm.invalidTitle'), <ConfirmInvalid t={request.t} />, { status: 410 });
    }
    const query = new URLSearchParams({ zugang: result.accessSecret, hinweis: 'confirmed' });
    return reply.redirect(`/vermittlungen/${result.placementId}?${query}`, 303);
  });

  // ——— The placement page and its forms ———

  app.get('/vermittlungen/:id', { schema: { querystring: accessQuery } }, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    const { hinweis } = request.query as { hinweis?: string };
    const notice = hinweis && NOTICES[hinweis] ? request.t(NOTICES[hinweis]) : undefined;
    return renderPlacement(request, reply, loaded, { notice });
  });

  app.post('/vermittlungen/:id/stand', {
    schema: { querystring: accessQuery, body: statusBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const loaded = await load(request, reply);
      if (!loaded) return reply;
      const body = (request.body ?? {}) as { status?: string; note?: string };
      const errors = fieldErrorsFromValidation(request.validationError?.validation, request.t);
      if (Object.keys(errors).length > 0) {
        return renderPlacement(request, reply, loaded, { status: 422, errors, values: keptValues(body) });
      }
      const to = body.status as PlacementStatus;
      if (!canChangeStatus(loaded.parties, loaded.placement.status, to)) {
        return renderPlacement(request, reply, loaded, {
          status: 409,
          errors: { status: request.t('placements.error.transition') },
          values: keptValues(body),
        });
      }
      // A volunteer's withdrawal cannot be undone: the first click asks "Wirklich …?" (no JavaScript needed).
      const withdrawal = to === 'declined' && loaded.parties.includes('volunteer') && !canChangeStatus(loaded.parties.filter((p) => p !== 'volunteer'), loaded.placement.status, to);
      if (withdrawal && !isConfirmed(request.body)) return renderPlacement(request, reply, loaded, { confirmWithdraw: true });
      const result = await changePlacementStatus(deps, {
        placementId: loaded.placement.id,
        parties: loaded.parties,
        actorId: request.actor.userId,
        to,
        note: body.note ?? '',
        now: deps.clock(),
      });
      if (!result.ok) {
        return renderPlacement(request, reply, loaded, {
          status: 409,
          errors: { status: request.t('placements.error.transition') },
          values: keptValues(body),
        });
      }
      return reply.redirect(`/vermittlungen/${loaded.placement.id}${accessSuffix(loaded, 'status')}`, 303);
    },
  });

  app.post('/vermittlungen/:id/nachrichten', {
    schema: { querystring: accessQuery, body: messageBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const loaded = await load(request, reply);
      if (!loaded) return reply;
      if (!allow(request, reply, canWriteMessage(loaded.parties))) return reply;
      const body = (request.body ?? {}) as { body?: string };
      const errors = fieldErrorsFromValidation(request.validationError?.validation, request.t);
      if (Object.keys(errors).length > 0) {
        return renderPlacement(request, reply, loaded, { status: 422, errors, values: keptValues(body) });
      }
      await postPlacementMessage(deps, {
        placementId: loaded.placement.id,
        authorId: request.actor.userId,
        side: sideOf(loaded.parties),
        body: String(body.body),
        now: deps.clock(),
      });
      return reply.redirect(`/vermittlungen/${loaded.placement.id}${accessSuffix(loaded, 'message')}#nachrichten`, 303);
    },
  });

  app.post('/vermittlungen/:id/freigeben', { schema: { querystring: accessQuery, body: shareBody } }, async (request, reply) => {
    const loaded = await load(request, reply);
    if (!loaded) return reply;
    const { side } = request.body as { side: 'volunteer' | 'organisation' };
    if (!allow(request, reply, canShareContact(loaded.parties, side, loaded.placement.organisationId !== null))) return reply;
    await shareContact(deps, { placementId: loaded.placement.id, side, now: deps.clock() });
    return reply.redirect(`/vermittlungen/${loaded.placement.id}${accessSuffix(loaded, 'shared')}#kontakt`, 303);
  });

  // ——— Lists ———

  app.get('/konto/vermittlungen', async (request, reply) => {
    const userId = request.actor.userId;
    if (!allow(request, reply, userId !== null) || !userId) return reply;
    const t = request.t;
    return reply.page(
      t('placements.list.mine.title'),
      <SimpleList
        t={t}
        locale={request.locale}
        title={t('placements.list.mine.title')}
        rows={await listVolunteerPlacements(db, userId)}
        empty={t('placements.list.mine.empty')}
        emptyLink={{ href: '/angebote', text: t('placements.list.mine.search') }}
      />,
    );
  });

  app.get('/meine-organisationen/vermittlungen', async (request, reply) => {
    const userId = request.actor.userId;
    if (!allow(request, reply, userId !== null) || !userId) return reply;
    const t = request.t;
    return reply.page(
      t('placements.list.organisations.title'),
      <SimpleList
        t={t}
        locale={request.locale}
        title={t('placements.list.organisations.title')}
        rows={await listOrganisationPlacements(db, userId)}
        empty={t('placements.list.organisations.empty')}
      />,
    );
  });

  async function overview(request: FastifyRequest, reply: FastifyReply, kind: 'office' | 'guide') {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const actor = request.actor;
    const allowed = kind === 'office' ? canViewNetworkPlacements(actor, network.id) : canViewGuidePlacements(actor, network.id);
    if (!allow(request, reply, allowed)) return reply;
    const query = (request.query ?? {}) as { status?: unknown; kommune?: unknown };
    const status =
      typeof query.status === 'string' && ['offen', 'alle', ...PLACEMENT_STATUSES].includes(query.status)
        ? query.status
        : 'offen';
    const within = kind === 'guide' ? municipalitiesOf(actor, network.id, 'guide') : undefined;
    const all = await listNetworkMunicipalities(db, network.id);
    const choices = within ? all.filter((m) => within.includes(m.id)) : all;
    const municipality =
      isUuid(query.kommune) && choices.some((m) => m.id === query.kommune) ? (query.kommune as string) : '';
    const statuses =
      status === 'alle' ? undefined : status === 'offen' ? OPEN_STATUSES : [status as PlacementStatus];
    const list = await listNetworkPlacements(db, {
      networkId: network.id,
      statuses,
      municipalityId: municipality || undefined,
      withinMunicipalities: within,
    });
    const t = request.t;
    const title = kind === 'office' ? t('placements.list.network.title') : t('placements.list.guide.title');
    return reply.page(
      title,
      <Overview
        t={t}
        locale={request.locale}
        title={title}
        adminSlug={kind === 'office' ? network.slug : undefined}
        action={`/netzwerk/${network.slug}/${kind === 'office' ? 'verwaltung' : 'lotsen'}/vermittlungen`}
        now={deps.clock()}
        rows={list.rows}
        total={list.total}
        answered={list.answered}
        medianResponseSeconds={list.medianResponseSeconds}
        limit={LIST_LIMIT}
        municipalities={choices}
        filter={{ status, municipality }}
      />,
    );
  }

  app.get('/netzwerk/:slug/verwaltung/vermittlungen', (request, reply) => overview(request, reply, 'office'));
  app.get('/netzwerk/:slug/lotsen/vermittlungen', (request, reply) => overview(request, reply, 'guide'));

  // ——— The office or a guide opens a placement for a chosen volunteer ———

  async function openContext(request: FastifyRequest, reply: FastifyReply) {
    const network = await networkOf(request, reply);
    if (!network) return undefined;
    const query = request.query as { need?: string; offer?: string; volunteer?: string };
    const need = isUuid(query.need) ? await findNeedInNetwork(db, network.id, query.need) : undefined;
    const offer = isUuid(query.offer) ? await findPublishedOfferInNetwork(db, network.id, query.offer) : undefined;
    if ((query.need && !need) || (query.offer && !offer) || (!need && !offer)) {
      await sendError(request, reply, 404);
      return undefined;
    }
    const places = [need?.municipalityId ?? null, offer?.municipalityId ?? null].filter((m) => m !== null);
    if (!allow(request, reply, canOpenPlacement(request.actor, network.id, places))) return undefined;
    const params = new URLSearchParams();
    if (need) params.set('need', need.id);
    if (offer) params.set('offer', offer.id);
    return {
      network,
      need,
      offer,
      action: `/netzwerk/${network.slug}/vermittlungen/neu?${params}`,
      volunteers: await listContactableVolunteers(db, network.id),
      preselected: query.volunteer ?? '',
    };
  }

  app.get('/netzwerk/:slug/vermittlungen/neu', { schema: { querystring: openQuery } }, async (request, reply) => {
    const context = await openContext(request, reply);
    if (!context) return reply;
    return reply.page(
      request.t('placements.open.title'),
      <OpenPlacementForm
        t={request.t}
        csrfToken={reply.generateCsrf()}
        action={context.action}
        need={context.need}
        offer={context.offer}
        volunteers={context.volunteers}
        requestKey={newRequestKey()}
        values={{ volunteer: context.preselected }}
        errors={{}}
      />,
    );
  });

  app.post('/netzwerk/:slug/vermittlungen/neu', {
    schema: { querystring: openQuery, body: openBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const context = await openContext(request, reply);
      const actorId = request.actor.userId;
      if (!context || !actorId) return reply;
      const t = request.t;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const errors = fieldErrorsFromValidation(request.validationError?.validation, t);
      delete errors.requestKey;
      const volunteerId = String(body.volunteer ?? '');
      const listed = context.volunteers.some((v) => v.userId === volunteerId);
      if (!errors.volunteer && (!listed || !(await findContactableVolunteer(db, volunteerId)))) {
        errors.volunteer = t('placements.open.notContactable');
      }
      if (Object.keys(errors).length > 0) {
        return reply.page(
          t('placements.open.title'),
          <OpenPlacementForm
            t={t}
            csrfToken={reply.generateCsrf()}
            action={context.action}
            need={context.need}
            offer={context.offer}
            volunteers={context.volunteers}
            requestKey={requestKeyOf(body.requestKey) ?? newRequestKey()}
            values={keptValues(body)}
            errors={errors}
          />,
          { status: 422 },
        );
      }
      const result = await openPlacement(deps, {
        networkId: context.network.id,
        need: context.need,
        offer: context.offer,
        volunteerId,
        actorId,
        message: String(body.message),
        requestKey: requestKeyOf(body.requestKey),
        now: deps.clock(),
      });
      return reply.redirect(`/vermittlungen/${result.placementId}?hinweis=opened`, 303);
    },
  });
};
