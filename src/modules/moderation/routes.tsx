import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import type { FieldErrors } from '../../platform/http/forms.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { networkOf } from '../../platform/networks/context.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { offerFailureMessage, performOfferAction, getOffer, listOffersInReview } from '../offers/index.ts';
import { getOrganisation, listPendingOrganisations, formErrors, noticeFrom, stripControlCharacters } from '../organisations/index.ts';
import { keptFormValues } from '../../platform/ui/form-values.ts';
import { approveOrganisation, mailOfferApproved, verifyAndPublish, createContentReport, refuseOrganisation, resolveContentReport, updateModerationSettings } from './commands.ts';
import { canEditModerationSettings, canModerate, canReportContent } from './policy.ts';
import { findReportSubject, getReport, listOpenReports, SUBJECT_TYPES, type SubjectType } from './queries.ts';
import { ModerationQueue } from './views/queue.tsx';
import { NoticeSettings, WaitingBox } from './views/notices.tsx';
import { DEFAULT_NOTICE_MODE, noticeModeOf, setNoticeMode, waitingCounts } from './office-notices.ts';
import { OFFICE_NOTICE_MODES, type OfficeNoticeMode } from './schema.ts';
import { ReportForm } from './views/report.tsx';
import { ModerationSettings } from './views/settings.tsx';
import { MessagePage } from '../../platform/ui/message-page.tsx';

const NOTICES: Record<string, MessageKey> = {
  'organisation-freigegeben': 'moderation.done.organisationApproved',
  'organisation-abgelehnt': 'moderation.done.organisationRejected',
  'angebot-freigegeben': 'moderation.done.offerApproved',
  'verifiziert-und-freigegeben': 'moderation.done.verifiedAndPublished',
  'angebot-zurueckgegeben': 'moderation.done.offerRejected',
  'meldung-erledigt': 'moderation.done.reportResolved',
  'nicht-offline': 'moderation.error.cannotUnpublish',
  einstellungen: 'moderation.done.settings',
  benachrichtigungen: 'moderation.done.notices',
};

const DecisionBody = Type.Object({
  // 'verify': for an offer of an unverified organisation, verify the organisation and publish the offer in one step.
  decision: Type.Enum(['approve', 'reject', 'verify']),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** Reports per address: enough for honest use, too few to flood a two-person office. */
const REPORT_LIMIT = { max: 5, timeWindow: 10 * 60 * 1000 };

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;
  app.addHook('preValidation', stripControlCharacters);

  /** The network of the URL, if the person may moderate it; otherwise the answer is already sent. */
  async function moderatedNetwork(request: FastifyRequest, reply: FastifyReply): Promise<Network | undefined> {
    const network = await networkOf(request, reply);
    if (!network) return undefined;
    if (!allow(request, reply, canModerate(request.actor, network.id))) return undefined;
    return network;
  }

  async function renderQueue(request: FastifyRequest, reply: FastifyReply, network: Network, problem?: string, status = 200) {
    const [organisations, offers, reports] = await Promise.all([
      listPendingOrganisations(db, network.id),
      listOffersInReview(db, network.id),
      listOpenReports(db, network.id),
    ]);
    const userId = request.actor.userId;
    const [counts, mode] = await Promise.all([
      waitingCounts(db, network.id, app.deps.clock()),
      userId ? noticeModeOf(db, network.id, userId) : Promise.resolve(DEFAULT_NOTICE_MODE),
    ]);
    return reply.page(
      request.t('moderation.title'),
      <>
        <ModerationQueue
          t={request.t}
          locale={request.locale}
          network={network}
          organisations={organisations}
          offers={offers}
          reports={reports}
          csrfToken={reply.generateCsrf()}
          notice={noticeFrom(request, NOTICES)}
          problem={problem}
        />
        <WaitingBox t={request.t} slug={network.slug} counts={counts} />
        <NoticeSettings t={request.t} slug={network.slug} mode={mode} csrfToken={reply.generateCsrf()} />
      </>,
      { status },
    );
  }

  const root = (network: Network) => `/netzwerk/${network.slug}/verwaltung/moderation`;

  app.post('/netzwerk/:slug/verwaltung/moderation/benachrichtigungen', {
    schema: { body: Type.Object({ mode: Type.Enum([...OFFICE_NOTICE_MODES]) }) },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await moderatedNetwork(request, reply);
      const userId = request.actor.userId;
      if (!network || !userId) return reply;
      if (request.validationError) return renderQueue(request, reply, network, request.t('form.invalid'), 422);
      const { mode } = request.body as { mode: OfficeNoticeMode };
      await setNoticeMode(db, network.id, userId, mode, app.deps.clock());
      return reply.redirect(`${root(network)}?hinweis=benachrichtigungen#benachrichtigungen`, 303);
    },
  });

  app.get('/netzwerk/:slug/verwaltung/moderation', async (request, reply) => {
    const network = await moderatedNetwork(request, reply);
    if (!network) return reply;
    return renderQueue(request, reply, network);
  });

  app.post('/netzwerk/:slug/verwaltung/moderation/organisationen/:id', {
    schema: { body: DecisionBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await moderatedNetwork(request, reply);
      if (!network) return reply;
      const organisation = await getOrganisation(db, (request.params as { id: string }).id);
      // Another network's organisation is not this office's business.
      if (!organisation || organisation.networkId !== network.id) return sendError(request, reply, 404);
      if (request.validationError) return renderQueue(request, reply, network, request.t('moderation.error.reasonRequired'), 422);
      const body = request.body as { decision: 'approve' | 'reject'; reason?: string };
      const now = app.deps.clock();
      if (body.decision === 'approve') {
        const result = await approveOrganisation(app.deps, { organisationId: organisation.id, actorId: request.actor.userId, now });
        if (!result.ok) return renderQueue(request, reply, network, request.t('moderation.error.alreadyDecided'), 409);
        return reply.redirect(`${root(network)}?hinweis=organisation-freigegeben`, 303);
      }
      const reason = body.reason?.trim() ?? '';
      if (!reason) return renderQueue(request, reply, network, request.t('moderation.error.reasonRequired'), 422);
      const result = await refuseOrganisation(app.deps, { organisationId: organisation.id, reason, actorId: request.actor.userId, now });
      if (!result.ok) return renderQueue(request, reply, network, request.t('moderation.error.alreadyDecided'), 409);
      return reply.redirect(`${root(network)}?hinweis=organisation-abgelehnt`, 303);
    },
  });

  app.post('/netzwerk/:slug/verwaltung/moderation/angebote/:id', {
    schema: { body: DecisionBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await moderatedNetwork(request, reply);
      if (!network) return reply;
      const offer = await getOffer(db, (request.params as { id: string }).id);
      if (!offer || offer.networkId !== network.id) return sendError(request, reply, 404);
      if (request.validationError) return renderQueue(request, reply, network, request.t('moderation.error.reasonRequired'), 422);
      const body = request.body as { decision: 'approve' | 'reject' | 'verify'; reason?: string };
      const reason = body.reason?.trim() ?? '';
      if (body.decision === 'reject' && !reason) {
        return renderQueue(request, reply, network, request.t('moderation.error.reasonRequired'), 422);
      }
      if (body.decision === 'verify') {
        const result = await verifyAndPublish(app.deps, { offerId: offer.id, actorId: request.actor.userId, now: app.deps.clock() });
        if (!result.ok) return renderQueue(request, reply, network, offerFailureMessage(request.t, result), 409);
        return reply.redirect(`${root(network)}?hinweis=verifiziert-und-freigegeben`, 303);
      }
      const result = await performOfferAction(app.deps, offer.id, body.decision, reason, app.deps.clock());
      if (!result.ok) return renderQueue(request, reply, network, offerFailureMessage(request.t, result), 409);
      if (body.decision === 'approve') await mailOfferApproved(app.deps, offer.id, app.deps.clock());
      return reply.redirect(`${root(network)}?hinweis=${body.decision === 'approve' ? 'angebot-freigegeben' : 'angebot-zurueckgegeben'}`, 303);
    },
  });

  app.post('/netzwerk/:slug/verwaltung/moderation/meldungen/:id', {
    schema: {
      body: Type.Object({
        resolution: Type.String({ maxLength: 1000 }),
        unpublish: Type.Optional(Type.Literal('1')),
      }),
    },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await moderatedNetwork(request, reply);
      if (!network) return reply;
      const report = await getReport(db, (request.params as { id: string }).id);
      if (!report || report.networkId !== network.id) return sendError(request, reply, 404);
      if (request.validationError) return renderQueue(request, reply, network, request.t('form.tooLong', { max: 1000 }), 422);
      const body = request.body as { resolution: string; unpublish?: '1' };
      const unpublish = body.unpublish === '1';
      // Taking content offline needs a reason the organisation can read.
      if (unpublish && !body.resolution.trim()) return renderQueue(request, reply, network, request.t('moderation.error.reasonRequired'), 422);
      const result = await resolveContentReport(app.deps, {
        reportId: report.id,
        actorId: request.actor.userId,
        resolution: body.resolution.trim(),
        unpublish,
        now: app.deps.clock(),
      });
      if (!result.ok) return renderQueue(request, reply, network, request.t('moderation.error.alreadyDecided'), 409);
      const word = unpublish && !result.unpublished ? 'nicht-offline' : 'meldung-erledigt';
      return reply.redirect(`${root(network)}?hinweis=${word}`, 303);
    },
  });

  function renderSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    values: { moderation: string; offerLifetimeDays: string },
    errors: FieldErrors,
  ) {
    return reply.page(
      request.t('moderation.settings.title'),
      <ModerationSettings
        t={request.t}
        slug={network.slug}
        values={values}
        errors={errors}
        csrfToken={reply.generateCsrf()}
        notice={noticeFrom(request, NOTICES)}
      />,
      { status: Object.keys(errors).length > 0 ? 422 : 200 },
    );
  }

  app.get('/netzwerk/:slug/verwaltung/moderation/einstellungen', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    if (!allow(request, reply, canEditModerationSettings(request.actor, network.id))) return reply;
    return renderSettings(request, reply, network, { moderation: network.moderation, offerLifetimeDays: String(network.offerLifetimeDays) }, {});
  });

  app.post('/netzwerk/:slug/verwaltung/moderation/einstellungen', {
    schema: {
      body: Type.Object({
        moderation: Type.Enum(['organisations', 'offers']),
        offerLifetimeDays: Type.String({ maxLength: 4, pattern: '^\\d+$' }),
      }),
    },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await networkOf(request, reply);
      if (!network) return reply;
      if (!allow(request, reply, canEditModerationSettings(request.actor, network.id))) return reply;
      const kept = keptFormValues(request.body);
      const values = { moderation: String(kept.moderation ?? ''), offerLifetimeDays: String(kept.offerLifetimeDays ?? '') };
      const errors = formErrors(request);
      if (errors.offerLifetimeDays) errors.offerLifetimeDays = request.t('moderation.settings.lifetimeRange');
      if (Object.keys(errors).length > 0) return renderSettings(request, reply, network, values, errors);
      const body = request.body as { moderation: 'organisations' | 'offers'; offerLifetimeDays: string };
      const result = await updateModerationSettings(db, {
        networkId: network.id,
        moderation: body.moderation,
        offerLifetimeDays: Number(body.offerLifetimeDays),
        actorId: request.actor.userId,
        now: app.deps.clock(),
      });
      if (!result.ok) {
        return renderSettings(request, reply, network, values, { offerLifetimeDays: request.t('moderation.settings.lifetimeRange') });
      }
      return reply.redirect(`${root(network)}/einstellungen?hinweis=einstellungen`, 303);
    },
  });

  // ---- Reporting ----------------------------------------------------------------------------------

  function subjectTypeOf(value: unknown): SubjectType | undefined {
    return SUBJECT_TYPES.find((type) => type === value);
  }

  app.get('/melden', {
    schema: {
      querystring: Type.Object({
        subjectType: Type.Optional(Type.String({ maxLength: 20 })),
        subjectId: Type.Optional(Type.String({ maxLength: 40 })),
      }),
    },
    attachValidation: true,
    handler: async (request, reply) => {
      if (!allow(request, reply, canReportContent(request.actor))) return reply;
      const query = request.validationError ? {} : (request.query as { subjectType?: string; subjectId?: string });
      const type = subjectTypeOf(query.subjectType);
      const subject = type && query.subjectId ? await findReportSubject(db, type, query.subjectId) : undefined;
      return reply.page(
        request.t('moderation.report.title'),
        <ReportForm t={request.t} subject={subject} values={{}} errors={{}} csrfToken={reply.generateCsrf()} />,
      );
    },
  });

  app.post('/melden', {
    config: { rateLimit: REPORT_LIMIT },
    schema: {
      body: Type.Object({
        subjectType: Type.Enum([...SUBJECT_TYPES]),
        subjectId: Type.String({ minLength: 1, maxLength: 40 }),
        reason: Type.String({ minLength: 10, maxLength: 2000 }),
      }),
    },
    attachValidation: true,
    handler: async (request, reply) => {
      if (!allow(request, reply, canReportContent(request.actor))) return reply;
      const kept = keptFormValues(request.body);
      const values = { subjectType: String(kept.subjectType ?? ''), subjectId: String(kept.subjectId ?? ''), reason: String(kept.reason ?? '') };
      const type = subjectTypeOf(values.subjectType);
      const subject = type ? await findReportSubject(db, type, values.subjectId) : undefined;
      const again = (errors: FieldErrors) =>
        reply.page(
          request.t('moderation.report.title'),
          <ReportForm t={request.t} subject={subject} values={values} errors={errors} csrfToken={reply.generateCsrf()} />,
          { status: 422 },
        );
      const errors = formErrors(request);
      if (!errors.subjectType && !errors.subjectId && !subject) errors[type ? 'subjectId' : 'subjectType'] = request.t('moderation.report.unknown');
      if (Object.keys(errors).length > 0 || !type) return again(errors);
      const result = await createContentReport(db, {
        subjectType: type,
        subjectId: values.subjectId,
        reason: values.reason,
        reporterId: request.actor.userId,
        now: app.deps.clock(),
      });
      if (!result.ok) return again({ subjectId: request.t('moderation.report.unknown') });
      return reply.redirect('/melden/danke', 303);
    },
  });

  app.get('/melden/danke', async (request, reply) => {
    const t = request.t;
    return reply.page(t('moderation.report.thanksTitle'), <MessagePage title={t('moderation.report.thanksTitle')} text={t('moderation.report.thanksText')} />);
  });
};
