import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { registerEventsApi } from './api.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { keptValues } from '../../platform/http/forms.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { isNetworkAdmin } from '../../platform/policy.ts';
import { networkOf } from '../../platform/networks/context.ts';
import { listMunicipalities } from '../../platform/networks/queries.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { FIELDS, type Field } from '../../platform/vocabulary.ts';
import { attachment, csvStream, CSV_TYPE, xlsxStream, XLSX_TYPE } from '../../platform/http/export.ts';
import { certificateAvailable, certificatePdf, eventCertificateCode, verifyEventCertificate, type VerifiedCertificate } from './certificate.ts';
import {
  cancelRegistration,
  confirmRegistration,
  createEvent,
  liveRegistrations,
  noticeableChange,
  recordAttendance,
  register,
  registrationByToken,
  registrationState,
  setEventStatus,
  updateEvent,
  type RegisterError,
} from './commands.ts';
import { eventDocumentation } from './documentation.ts';
import { registrationSheet } from './export.ts';
import { eventJsonLd, eventsRss } from './feeds.ts';
import { eventValues, parseEventForm, type EventFormValues } from './form.ts';
import { eventPosition } from './position.ts';
import { checkIn, verifyCheckin } from './checkin.ts';
import { CheckinPage } from './views/checkin.tsx';
import { calendarFile } from './ical.ts';
import { mailAll, mailRegistration } from './notify.ts';
import { canCreateEvent, canEditEvent, canManageRegistrations, canPublishEvent, canViewEvent } from './policy.ts';
import {
  eventsInReview,
  findEvent,
  listEvents,
  listRegistrations,
  organisationsOfUser,
  registrationOfUser,
  seriesDates,
  type EventDetail,
  type EventFilters,
} from './queries.ts';
import { EVENT_KINDS, eventRegistrations, type EventKind } from './schema.ts';
import { berlinMonth, berlinToInstant } from '../../platform/berlin-time.ts';
import { EventForm } from './views/form.tsx';
import { EventListPage, type ListFilters } from './views/list.tsx';
import { AttendancePage, RegistrationsPage } from './views/organiser.tsx';
import { EventPage } from './views/page.tsx';
import { PersonalRegistrationPage } from './views/registration.tsx';
import { VerifyPage } from './views/verify.tsx';
import { eq } from 'drizzle-orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const LINE_CONTROL = /[\u0000-\u001F\u007F]/;

function one(value: unknown): string {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

function listFilters(query: Record<string, unknown>): ListFilters {
  return {
    art: one(query.art),
    kommune: one(query.kommune),
    feld: one(query.feld),
    format: one(query.format),
    ansicht: one(query.ansicht) === 'monat' ? 'monat' : 'liste',
    monat: /^\d{4}-(0[1-9]|1[0-2])$/.test(one(query.monat)) ? one(query.monat) : '',
  };
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;
  const now = () => app.deps.clock();
  const publicUrl = () => app.deps.config.publicUrl;

  /** The filters of a list page, the month view's range, and the query string to keep them in links. */
  function filtersOf(request: FastifyRequest, networkId: string | undefined, municipalityIds: string[]) {
    const f = listFilters(request.query as Record<string, unknown>);
    const filters: EventFilters = { networkId };
    if (EVENT_KINDS.includes(f.art as EventKind)) filters.kind = f.art as EventKind;
    if (municipalityIds.includes(f.kommune)) filters.municipalityId = f.kommune;
    if (FIELDS.includes(f.feld as Field)) filters.field = f.feld as Field;
    if (f.format === 'online') filters.online = true;
    if (f.format === 'vor-ort') filters.online = false;
    return { f, filters };
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, network: Network | null) {
    const t = request.t;
    const municipalities = network ? await listMunicipalities(db, network.id) : [];
    const { f, filters } = filtersOf(request, network?.id, municipalities.map((m) => m.id));
    const action = network ? `/netzwerk/${network.slug}/veranstaltungen` : '/veranstaltungen';
    const past = one((request.query as Record<string, unknown>).vergangen) === '1';
    const keep = new URLSearchParams(Object.entries(f).filter(([k, v]) => v && k !== 'monat'));
    let month;
    let items;
    let total;
    if (f.ansicht === 'monat') {
      const current = f.monat || berlinMonth(now());
      const from = berlinToInstant(`${current}-01T00:00`)!;
      const to = berlinToInstant(`${shiftMonth(current, 1)}-01T00:00`)!;
      const result = await listEvents(db, { ...filters, from, to }, { limit: 500, offset: 0 });
      const link = (m: string) => `${action}?${new URLSearchParams([...keep, ['monat', m]]).toString()}`;
      month = { month: current, items: result.items, previousHref: link(shiftMonth(current, -1)), nextHref: link(shiftMonth(current, 1)) };
      items = result.items;
      total = result.total;
    } else {
      const result = past
        ? await listEvents(db, { ...filters, to: now() }, { limit: 50, offset: 0, past: true })
        : await listEvents(db, { ...filters, from: now() }, { limit: 100, offset: 0 });
      items = result.items;
      total = result.total;
    }
    const canAdmin = network ? isNetworkAdmin(request.actor, network.id) : false;
    const organisations = network ? await organisationsOfUser(db, request.actor.userId, network.id) : [];
    const pastLink = new URLSearchParams(keep);
    if (!past) pastLink.set('vergangen', '1');
    return reply.page(
      network ? t('events.list.titleIn', { network: network.name }) : t('events.list.titleAll'),
      <EventListPage
        t={t}
        locale={request.locale}
        title={network ? t('events.list.titleIn', { network: network.name }) : t('events.list.titleAll')}
        action={action}
        items={items}
        total={total}
        filters={f}
        municipalities={municipalities}
        areas={municipalities}
        month={month}
        past={past}
        pastHref={`${action}${pastLink.size > 0 ? `?${pastLink.toString()}` : ''}`}
        showNetwork={!network}
        canCreate={network && canCreateEvent(request.actor, network.id, organisations.map((o) => o.id)) ? `${action}/neu` : undefined}
        inReview={network && canAdmin ? await eventsInReview(db, network.id) : []}
        feeds={
          network
            ? {
                ics: `${action}.ics`,
                webcal: `${publicUrl().replace(/^https?:/, 'webcal:')}${action}.ics`,
                rss: `${action}.rss`,
              }
            : {}
        }
      />,
      { description: t('events.list.description') },
    );
  }

  app.get('/veranstaltungen', (request, reply) => listPage(request, reply, null));

  app.get('/netzwerk/:slug/veranstaltungen', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    return listPage(request, reply, network);
  });

  app.get('/netzwerk/:slug/veranstaltungen.ics', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const from = new Date(now().getTime() - 90 * 86_400_000);
    const { items } = await listEvents(db, { networkId: network.id, from }, { limit: 1000, offset: 0 });
    const events = items.map((i) => ({ ...i, updatedAt: i.startsAt }));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="veranstaltungen-${network.slug}.ics"`)
      .header('cache-control', 'public, max-age=900')
      .send(calendarFile({ name: request.t('events.list.titleIn', { network: network.name }), publicUrl: publicUrl(), events, now: now() }));
  });

  app.get('/netzwerk/:slug/veranstaltungen.rss', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const { items } = await listEvents(db, { networkId: network.id, from: now() }, { limit: 50, offset: 0 });
    return reply
      .type('application/rss+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=900')
      .send(
        eventsRss({
          title: request.t('events.list.titleIn', { network: network.name }),
          publicUrl: publicUrl(),
          selfUrl: `${publicUrl()}/netzwerk/${network.slug}/veranstaltungen.rss`,
          items,
          now: now(),
        }),
      );
  });

  // ---- Create and edit ----

  async function organiserChoices(request: FastifyRequest, network: Network) {
    const t = request.t;
    const choices: Array<{ value: string; label: string }> = [];
    if (isNetworkAdmin(request.actor, network.id)) choices.push({ value: 'office', label: t('events.organiser.officeOf', { network: network.name }) });
    for (const o of await organisationsOfUser(db, request.actor.userId, network.id)) choices.push({ value: o.id, label: o.name });
    return choices;
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    form: { mode: 'create' | 'edit'; action: string; values: EventFormValues; errors: FieldErrors; organisers: Array<{ value: string; label: string }> },
    status = 200,
  ) {
    const t = request.t;
    return reply.page(
      form.mode === 'create' ? t('events.new.title') : t('events.edit.title'),
      <EventForm
        t={t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        action={form.action}
        mode={form.mode}
        values={form.values}
        errors={form.errors}
        municipalities={await listMunicipalities(db, network.id)}
        organisers={form.organisers}
      />,
      { status },
    );
  }

  app.get('/netzwerk/:slug/veranstaltungen/neu', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const organisers = await organiserChoices(request, network);
    if (!allow(request, reply, organisers.length > 0)) return reply;
    return showForm(request, reply, network, {
      mode: 'create',
      action: `/netzwerk/${network.slug}/veranstaltungen/neu`,
      values: { kind: 'network_meeting', mode: 'onsite', registrationEnabled: '1', organiser: organisers[0]!.value },
      errors: {},
      organisers,
    });
  });

  app.post('/netzwerk/:slug/veranstaltungen/neu', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const organisers = await organiserChoices(request, network);
    if (!allow(request, reply, organisers.length > 0)) return reply;
    const body = (request.body ?? {}) as EventFormValues;
    const municipalities = await listMunicipalities(db, network.id);
    const parsed = parseEventForm(body, request.t, {
      now: now(),
      municipalityIds: municipalities.map((m) => m.id),
      organisers: organisers.map((o) => o.value),
      editing: null,
    });
    const action = `/netzwerk/${network.slug}/veranstaltungen/neu`;
    if (!parsed.ok) return showForm(request, reply, network, { mode: 'create', action, values: body, errors: parsed.errors, organisers }, 422);
    const byOffice = parsed.value.organiser === 'office';
    const content = { ...parsed.value.content, ...(await eventPosition(db, parsed.value.content, municipalities)) };
    const id = await createEvent(
      db,
      {
        networkId: network.id,
        organisationId: byOffice ? null : parsed.value.organiser,
        createdBy: request.actor.userId,
        // The office publishes at once; an organisation's event waits for the office (like offers).
        status: byOffice ? 'published' : 'review',
        content,
        repeat: parsed.value.repeat,
      },
      now(),
    );
    return reply.redirect(`/netzwerk/${network.slug}/veranstaltungen/${id}?gespeichert=1`, 303);
  });

  /** The event in the URL with what the policy needs; 404 for unknown ids and for events the person may not see. */
  async function loadEvent(request: FastifyRequest, reply: FastifyReply) {
    const network = await networkOf(request, reply);
    if (!network) return undefined;
    const { id } = request.params as { id: string };
    const event = await findEvent(db, id, network.id);
    if (!event) {
      await sendError(request, reply, 404);
      return undefined;
    }
    const memberOf = event.organisationId ? (await organisationsOfUser(db, request.actor.userId, network.id)).some((o) => o.id === event.organisationId) : false;
    if (!canViewEvent(request.actor, event, memberOf)) {
      await sendError(request, reply, 404);
      return undefined;
    }
    return { network, event, memberOf };
  }

  async function loadManaged(request: FastifyRequest, reply: FastifyReply) {
    const loaded = await loadEvent(request, reply);
    if (!loaded) return undefined;
    if (!allow(request, reply, canManageRegistrations(request.actor, loaded.event, loaded.memberOf))) return undefined;
    return loaded;
  }

  // ---- Event page ----

  async function showEvent(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: { network: Network; event: EventDetail; memberOf: boolean },
    form: { values: Record<string, string>; errors: FieldErrors; notice: string | null },
    status = 200,
  ) {
    const { event, memberOf } = loaded;
    const t = request.t;
    const own = await registrationOfUser(db, event.id, request.actor.userId, request.user?.email ?? null);
    const documentation = (await eventDocumentation()?.linkFor(db, event.id, request.actor)) ?? null;
    const certificate = own && certificateAvailable(event, own, now()) ? `/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}/teilnahme/${own.id}/bescheinigung.pdf` : null;
    return reply.page(
      event.title,
      <EventPage
        t={t}
        locale={request.locale}
        event={event}
        csrfToken={reply.generateCsrf()}
        notice={form.notice}
        registrationState={registrationState(event, now())}
        own={own}
        signedIn={request.user ? { name: request.user.name, email: request.user.email } : null}
        values={form.values}
        errors={form.errors}
        canManage={canManageRegistrations(request.actor, event, memberOf)}
        canPublish={canPublishEvent(request.actor, event)}
        series={await seriesDates(db, event)}
        documentation={documentation}
        certificateHref={certificate}
        areas={event.mode === 'onsite' && event.lat !== null ? await listMunicipalities(db, event.networkId) : []}
      />,
      {
        status,
        description: event.description.slice(0, 160),
        meta: event.status === 'published' || event.status === 'cancelled' ? { type: 'article', jsonLd: [eventJsonLd(event, publicUrl())] } : {},
      },
    );
  }

  const NOTICES: Record<string, MessageKey> = {
    gespeichert: 'events.notice.saved',
    geaendert: 'events.notice.updated',
    angemeldet: 'events.notice.registered',
    warteliste: 'events.notice.waitlisted',
    bestaetigen: 'events.notice.checkMail',
    abgemeldet: 'events.notice.cancelled',
    status: 'events.notice.status',
    abgesagt: 'events.notice.eventCancelled',
  };

  function noticeOf(request: FastifyRequest): string | null {
    const query = request.query as Record<string, unknown>;
    const key = Object.keys(NOTICES).find((k) => query[k] === '1');
    return key ? request.t(NOTICES[key]!) : null;
  }

  app.get('/netzwerk/:slug/veranstaltungen/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (id.endsWith('.ics')) {
      (request.params as { id: string }).id = id.slice(0, -4);
      const loaded = await loadEvent(request, reply);
      if (!loaded) return reply;
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="veranstaltung-${loaded.event.id.slice(0, 8)}.ics"`)
        .send(calendarFile({ name: loaded.event.title, publicUrl: publicUrl(), events: [loaded.event], now: now() }));
    }
    const loaded = await loadEvent(request, reply);
    if (!loaded) return reply;
    return showEvent(request, reply, loaded, { values: {}, errors: {}, notice: noticeOf(request) });
  });

  app.get('/netzwerk/:slug/veranstaltungen/:id/bearbeiten', async (request, reply) => {
    const loaded = await loadEvent(request, reply);
    if (!loaded) return reply;
    const { network, event, memberOf } = loaded;
    if (!allow(request, reply, canEditEvent(request.actor, event, memberOf))) return reply;
    return showForm(request, reply, network, {
      mode: 'edit',
      action: `/netzwerk/${network.slug}/veranstaltungen/${event.id}/bearbeiten`,
      values: eventValues(event),
      errors: {},
      organisers: [{ value: event.organisationId ?? 'office', label: event.organiserName ?? '' }],
    });
  });

  app.post('/netzwerk/:slug/veranstaltungen/:id/bearbeiten', async (request, reply) => {
    const loaded = await loadEvent(request, reply);
    if (!loaded) return reply;
    const { network, event, memberOf } = loaded;
    if (!allow(request, reply, canEditEvent(request.actor, event, memberOf))) return reply;
    const body = (request.body ?? {}) as EventFormValues;
    const organiser = event.organisationId ?? 'office';
    const municipalities = await listMunicipalities(db, network.id);
    const parsed = parseEventForm({ ...body, organiser }, request.t, {
      now: now(),
      municipalityIds: municipalities.map((m) => m.id),
      organisers: [organiser],
      editing: event,
    });
    const action = `/netzwerk/${network.slug}/veranstaltungen/${event.id}/bearbeiten`;
    const organisers = [{ value: organiser, label: event.organiserName ?? '' }];
    if (!parsed.ok) return showForm(request, reply, network, { mode: 'edit', action, values: body, errors: parsed.errors, organisers }, 422);
    const content = { ...parsed.value.content, ...(await eventPosition(db, parsed.value.content, municipalities)) };
    const promoted = await updateEvent(db, event, content, now());
    const fresh = (await findEvent(db, event.id))!;
    for (const r of promoted) await mailRegistration(app.deps, 'promoted', fresh, r);
    if (event.status === 'published' && noticeableChange(event, content)) {
      await mailAll(app.deps, 'changed', fresh, await liveRegistrations(db, event.id));
    }
    return reply.redirect(`/netzwerk/${network.slug}/veranstaltungen/${event.id}?geaendert=1`, 303);
  });

  app.post('/netzwerk/:slug/veranstaltungen/:id/status', async (request, reply) => {
    const loaded = await loadEvent(request, reply);
    if (!loaded) return reply;
    const { event, memberOf } = loaded;
    const wanted = one((request.body as Record<string, unknown> | undefined)?.status);
    const allowed =
      (wanted === 'published' && canPublishEvent(request.actor, event) && (event.status === 'review' || event.status === 'draft')) ||
      (wanted === 'review' && canEditEvent(request.actor, event, memberOf) && event.status === 'draft');
    if (!allow(request, reply, allowed)) return reply;
    await setEventStatus(db, event.id, wanted as 'published' | 'review', now());
    return reply.redirect(`/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}?status=1`, 303);
  });

  app.post('/netzwerk/:slug/veranstaltungen/:id/absagen', async (request, reply) => {
    const loaded = await loadEvent(request, reply);
    if (!loaded) return reply;
    const { event, memberOf } = loaded;
    if (!allow(request, reply, canEditEvent(request.actor, event, memberOf))) return reply;
    if (event.status !== 'published' || one((request.body as Record<string, unknown> | undefined)?.confirm) !== '1') {
      return showEvent(request, reply, loaded, { values: {}, errors: {}, notice: request.t('events.cancel.notConfirmed') }, 422);
    }
    await setEventStatus(db, event.id, 'cancelled', now());
    const fresh = (await findEvent(db, event.id))!;
    await mailAll(app.deps, 'cancelled', fresh, await liveRegistrations(db, event.id));
    return reply.redirect(`/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}?abgesagt=1`, 303);
  });

  // ---- Registration ----

  const STATE_MESSAGES: Record<RegisterError, MessageKey> = {
    closed: 'events.register.state.closed',
    not_open: 'events.register.state.not_open',
    duplicate: 'events.register.duplicate',
    not_published: 'events.register.state.not_published',
    disabled: 'events.register.state.disabled',
  };

  app.post('/netzwerk/:slug/veranstaltungen/:id/anmelden', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const loaded = await loadEvent(request, reply);
    if (!loaded) return reply;
    const { event } = loaded;
    const t = request.t;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = keptValues(body);
    const errors: FieldErrors = {};
    const user = request.user;
    const name = user ? user.name || user.email : one(body.name).trim();
    const email = user ? user.email : one(body.email).trim().toLowerCase();
    if (!user) {
      if (!name) errors.name = t('form.required');
      else if (name.length > 120) errors.name = t('form.tooLong', { max: 120 });
      else if (LINE_CONTROL.test(name)) errors.name = t('form.invalid');
      if (!email) errors.email = t('form.required');
      else if (email.length > 254 || !EMAIL.test(email)) errors.email = t('form.email');
    }
    const answers: Record<string, string> = {};
    for (const q of event.questions) {
      const answer = one(body[`answer_${q.id}`]).trim();
      const field = `answer_${q.id}`;
      if (!answer) {
        if (q.required) errors[field] = t('form.required');
        continue;
      }
      if (answer.length > 1000) errors[field] = t('form.tooLong', { max: 1000 });
      else if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(answer)) errors[field] = t('form.invalid');
      else if (q.type === 'choice' && !q.options.includes(answer)) errors[field] = t('events.register.choice');
      else answers[q.id] = answer;
    }
    if (Object.keys(errors).length > 0) return showEvent(request, reply, loaded, { values, errors, notice: null }, 422);
    const result = await register(
      db,
      app.deps.config.cookieSecret!,
      event,
      { name, email, userId: user?.id ?? null, answers, emailConfirmed: Boolean(user?.emailVerifiedAt), locale: request.locale },
      now(),
    );
    if (!result.ok) {
      const field = result.error === 'duplicate' && !user ? 'email' : 'name';
      return showEvent(request, reply, loaded, { values, errors: { [field]: t(STATE_MESSAGES[result.error]) }, notice: null }, 409);
    }
    const r = result.registration;
    const kind = r.status === 'pending' ? 'confirm' : r.status === 'confirmed' ? 'confirmed' : 'waitlisted';
    await mailRegistration(app.deps, kind, event, r);
    const notice = r.status === 'pending' ? 'bestaetigen' : r.status === 'confirmed' ? 'angemeldet' : 'warteliste';
    return reply.redirect(`/netzwerk/${event.networkSlug}/veranstaltungen/${event.id}?${notice}=1`, 303);
  });

  /** Cancels and tells the people moved up from the waiting list. */
  async function cancelAndPromote(registrationId: string, event: EventDetail) {
    const { cancelled, promoted } = await cancelRegistration(db, registrationId, now());
    if (cancelled) await mailRegistration(app.deps, 'left', event, cancelled);
    const fresh = (await findEvent(db, event.id)) ?? event;
    for (const r of promoted) await mailRegistration(app.deps, 'promoted', fresh, r);
    return cancelled;
  }

  app.post('/netzwerk/:slug/veranstaltungen/:id/abmelden', async (request, reply) => {
    const loaded = await loadEvent(request, reply);
    if (!loaded) return reply;
    const own = await registrationOfUser(db, loaded.event.id, request.actor.userId, request.user?.email ?? null);
    if (!allow(request, reply, own !== undefined)) return reply;
    await cancelAndPromote(own!.id, loaded.event);
    return reply.redirect(`/netzwerk/${loaded.event.networkSlug}/veranstaltungen/${loaded.event.id}?abgemeldet=1`, 303);
  });

  // ---- The personal link ----

  async function loadByToken(request: FastifyRequest, reply: FastifyReply) {
    const { token } = request.params as { token: string };
    const registration = await registrationByToken(db, token);
    const event = registration ? await findEvent(db, registration.eventId) : undefined;
    if (!registration || !event) {
      await sendError(request, reply, 404, 'events.error.link');
      return undefined;
    }
    return { token, registration, event };
  }

  app.get('/veranstaltungen/anmeldung/:token', async (request, reply) => {
    const loaded = await loadByToken(request, reply);
    if (!loaded) return reply;
    const { registration, event, token } = loaded;
    const query = request.query as Record<string, unknown>;
    const notice = query.bestaetigt === '1' ? request.t('events.notice.confirmed') : query.abgemeldet === '1' ? request.t('events.notice.cancelled') : null;
    const certificate = certificateAvailable(event, registration, now()) ? `/veranstaltungen/anmeldung/${token}/bescheinigung.pdf` : null;
    reply.header('referrer-policy', 'no-referrer');
    return reply.page(
      request.t('events.personal.title'),
      <PersonalRegistrationPage
        t={request.t}
        locale={request.locale}
        event={event}
        registration={registration}
        token={token}
        csrfToken={reply.generateCsrf()}
        notice={notice}
        certificateHref={certificate}
      />,
    );
  });

  app.post('/veranstaltungen/anmeldung/:token/bestaetigen', async (request, reply) => {
    const loaded = await loadByToken(request, reply);
    if (!loaded) return reply;
    const { registration, event, token } = loaded;
    if (registration.status === 'pending') {
      const confirmed = await confirmRegistration(db, registration.id, now());
      if (confirmed && confirmed.status !== 'pending') {
        await mailRegistration(app.deps, confirmed.status === 'confirmed' ? 'confirmed' : 'waitlisted', event, confirmed);
      }
    }
    return reply.redirect(`/veranstaltungen/anmeldung/${token}?bestaetigt=1`, 303);
  });

  app.post('/veranstaltungen/anmeldung/:token/abmelden', async (request, reply) => {
    const loaded = await loadByToken(request, reply);
    if (!loaded) return reply;
    await cancelAndPromote(loaded.registration.id, loaded.event);
    return reply.redirect(`/veranstaltungen/anmeldung/${loaded.token}?abgemeldet=1`, 303);
  });

  // ---- Organiser: registrations, export, attendance ----

  app.get('/netzwerk/:slug/veranstaltungen/:id/anmeldungen', async (request, reply) => {
    const loaded = await loadManaged(request, reply);
    if (!loaded) return reply;
    const print = one((request.query as Record<string, unknown>).druck) === '1';
    return reply.page(
      request.t('events.registrations.title', { title: loaded.event.title }),
      <RegistrationsPage
        t={request.t}
        locale={request.locale}
        event={loaded.event}
        registrations={await listRegistrations(db, loaded.event.id)}
        csrfToken={reply.generateCsrf()}
        notice={one((request.query as Record<string, unknown>).storniert) === '1' ? request.t('events.notice.cancelled') : null}
        print={print}
      />,
    );
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/netzwerk/:slug/veranstaltungen/:id/anmeldungen.${format}`, async (request, reply) => {
      const loaded = await loadManaged(request, reply);
      if (!loaded) return reply;
      const sheet = registrationSheet(request.t, loaded.event, await listRegistrations(db, loaded.event.id));
      return reply
        .type(format === 'csv' ? CSV_TYPE : XLSX_TYPE)
        .header('content-disposition', attachment(`anmeldungen-${loaded.event.id.slice(0, 8)}.${format}`))
        .header('cache-control', 'no-store')
        .send(format === 'csv' ? csvStream(sheet, request.locale) : xlsxStream(sheet));
    });
  }

  app.post('/netzwerk/:slug/veranstaltungen/:id/anmeldungen/:rid/stornieren', async (request, reply) => {
    const loaded = await loadManaged(request, reply);
    if (!loaded) return reply;
    const { rid } = request.params as { rid: string };
    const [registration] = UUID.test(rid) ? await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, rid)) : [];
    if (!registration || registration.eventId !== loaded.event.id) return sendError(request, reply, 404);
    await cancelAndPromote(registration.id, loaded.event);
    return reply.redirect(`/netzwerk/${loaded.event.networkSlug}/veranstaltungen/${loaded.event.id}/anmeldungen?storniert=1`, 303);
  });

  app.get('/netzwerk/:slug/veranstaltungen/:id/anwesenheit', async (request, reply) => {
    const loaded = await loadManaged(request, reply);
    if (!loaded) return reply;
    return reply.page(
      request.t('events.attendance.title', { title: loaded.event.title }),
      <AttendancePage
        t={request.t}
        locale={request.locale}
        event={loaded.event}
        registrations={await listRegistrations(db, loaded.event.id)}
        csrfToken={reply.generateCsrf()}
        notice={one((request.query as Record<string, unknown>).gespeichert) === '1' ? request.t('events.attendance.saved') : null}
      />,
    );
  });

  app.post('/netzwerk/:slug/veranstaltungen/:id/anwesenheit', async (request, reply) => {
    const loaded = await loadManaged(request, reply);
    if (!loaded) return reply;
    const raw = (request.body as Record<string, unknown> | undefined)?.present;
    const present = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string' && UUID.test(v));
    await recordAttendance(db, loaded.event.id, present);
    return reply.redirect(`/netzwerk/${loaded.event.networkSlug}/veranstaltungen/${loaded.event.id}/anwesenheit?gespeichert=1`, 303);
  });

  // ---- Check-in by QR code ----

  /**
   * The registration behind a check-in link, for the organiser and the office only. A link this platform
   * did not make answers 404 before anything is read; a visitor is sent to sign in, a signed-in person
   * without the right gets 403; a cancelled registration, or an event with check-in by QR code switched
   * off, answers 404. So nobody else learns a name from it.
   */
  async function loadCheckin(request: FastifyRequest, reply: FastifyReply) {
    const { rid, mac } = request.params as { rid: string; mac: string };
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (!verifyCheckin(app.deps.config.cookieSecret!, rid, mac)) {
      await sendError(request, reply, 404, 'events.error.checkin');
      return undefined;
    }
    const [registration] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, rid));
    const event = registration ? await findEvent(db, registration.eventId) : undefined;
    if (!registration || !event) {
      await sendError(request, reply, 404, 'events.error.checkin');
      return undefined;
    }
    const memberOf = event.organisationId ? (await organisationsOfUser(db, request.actor.userId, event.networkId)).some((o) => o.id === event.organisationId) : false;
    if (!allow(request, reply, canManageRegistrations(request.actor, event, memberOf))) return undefined;
    if (!event.checkinQr || event.status !== 'published' || registration.status !== 'confirmed') {
      await sendError(request, reply, 404, 'events.error.checkin');
      return undefined;
    }
    return { registration, event, action: `/veranstaltungen/einchecken/${rid}/${mac}` };
  }

  app.get('/veranstaltungen/einchecken/:rid/:mac', async (request, reply) => {
    const loaded = await loadCheckin(request, reply);
    if (!loaded) return reply;
    const done = one((request.query as Record<string, unknown>).bestaetigt) === '1';
    return reply.page(
      request.t('events.checkin.title', { title: loaded.event.title }),
      <CheckinPage
        t={request.t}
        locale={request.locale}
        event={loaded.event}
        registration={loaded.registration}
        action={loaded.action}
        csrfToken={reply.generateCsrf()}
        notice={done ? request.t('events.checkin.done') : null}
      />,
    );
  });

  app.post('/veranstaltungen/einchecken/:rid/:mac', async (request, reply) => {
    const loaded = await loadCheckin(request, reply);
    if (!loaded) return reply;
    // A second scan changes nothing; the page then says when the first one confirmed attendance.
    const marked = await checkIn(db, loaded.registration.id, now());
    return reply.redirect(marked ? `${loaded.action}?bestaetigt=1` : loaded.action, 303);
  });

  // ---- Certificates ----

  async function sendCertificate(request: FastifyRequest, reply: FastifyReply, event: EventDetail, registration: typeof eventRegistrations.$inferSelect) {
    if (!certificateAvailable(event, registration, now())) return sendError(request, reply, 404);
    const code = await eventCertificateCode(db, app.deps.config.cookieSecret!, event, registration, now());
    const pdf = certificatePdf({
      t: request.t,
      event,
      registration,
      code,
      verifyUrl: `${publicUrl()}/veranstaltungen/nachweis`,
      now: now(),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', attachment(`teilnahmebescheinigung-${event.id.slice(0, 8)}.pdf`))
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  app.get('/netzwerk/:slug/veranstaltungen/:id/teilnahme/:rid/bescheinigung.pdf', async (request, reply) => {
    const loaded = await loadEvent(request, reply);
    if (!loaded) return reply;
    const { rid } = request.params as { rid: string };
    const [registration] = UUID.test(rid) ? await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, rid)) : [];
    if (!registration || registration.eventId !== loaded.event.id) return sendError(request, reply, 404);
    const own = request.actor.userId !== null && registration.userId === request.actor.userId;
    if (!allow(request, reply, own || canManageRegistrations(request.actor, loaded.event, loaded.memberOf))) return reply;
    return sendCertificate(request, reply, loaded.event, registration);
  });

  app.get('/veranstaltungen/anmeldung/:token/bescheinigung.pdf', async (request, reply) => {
    const loaded = await loadByToken(request, reply);
    if (!loaded) return reply;
    return sendCertificate(request, reply, loaded.event, loaded.registration);
  });

  app.get('/veranstaltungen/nachweis', async (request, reply) => {
    // A signed code is a few hundred characters (the certificate's content); the old HMAC ones were 55.
    const code = one((request.query as Record<string, unknown>).code).trim().slice(0, 2000);
    let result: 'none' | 'valid' | 'invalid' = 'none';
    let details: VerifiedCertificate | null = null;
    if (code) {
      details = await verifyEventCertificate(db, app.deps.config.cookieSecret!, code, now());
      result = details ? 'valid' : 'invalid';
    }
    return reply.page(
      request.t('events.verify.title'),
      <VerifyPage t={request.t} locale={request.locale} code={code} result={result} details={details} />,
      { status: result === 'invalid' ? 404 : 200 },
    );
  });

  await eventDocumentation()?.registerRoutes(app, { loadManaged, loadEvent });
  await registerEventsApi(app);
};
