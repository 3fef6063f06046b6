import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { keptValues, type FieldErrors } from '../../platform/http/forms.ts';
import { isUuid, Uuid } from '../../platform/http/ids.ts';
import type { Locale, MessageKey } from '../../platform/i18n/index.ts';
import { stringify } from 'csv-stringify/sync';
import { berlinDay } from '../../platform/berlin-time.ts';
import { isNetworkAdmin } from '../../platform/policy.ts';
import { EVENT_CERTIFICATE, eventCertificateOf, isLegacyCertificateCode, verifyLegacyEventCertificate } from '../events/index.ts';
import { publicKeys, verifyCode } from '../../platform/signing/index.ts';
import { ConfirmStep, isConfirmed } from '../../platform/ui/confirm.tsx';
import { adminNetwork, networkOf } from '../../platform/networks/context.ts';
import { findNetworkBySlug, listMunicipalities, listNetworks } from '../../platform/networks/queries.ts';
import { importAcceptancePoints } from './acceptance-import.ts';
import {
  applyForCard,
  confirmEngagementDirectly,
  decideApplication,
  decideHours,
  eligibilityOf,
  issueCertificate,
  logHours,
  cardSettingsOf,
  networkRules,
  revokeCard,
  saveCardSettings,
  withdrawHours,
  type Result,
} from './commands.ts';
import { hasTotalsConsent, periodOf, setTotalsConsent, totalsWithConsent, type PersonTotals } from './consent.ts';
import { cardPdf, certificatePdf, qrPng, verificationUrl } from './pdf.ts';
import { dismissProposal, findProposal, proposalsOf, type Proposal } from './proposals.ts';
import {
  applicationScope,
  canConfigureCards,
  canDecideApplication,
  canDecideHours,
  canKeepHoursLog,
  canManageAcceptancePoints,
  canSeeApplications,
  canSeeNetworkHours,
} from './policy.ts';
import {
  acceptancePointsOf,
  applicationsOfNetwork,
  applicationsOfUser,
  cardByNumber,
  cardsOfUser,
  certificateByNumber,
  certificatesOfUser,
  getApplication,
  getCard,
  getCertificate,
  getOrganisation,
  hoursAtOrganisation,
  hoursOfUser,
  lastNetworkOfHours,
  officeHoursOfNetwork,
  organisationRoleOf,
  organisationsForHours,
  totalsOf,
  totalsPerPerson,
} from './queries.ts';
import { ALTERNATIVES, CARD_KINDS, type Alternative, type CardKind } from './rules/types.ts';
import { STATE_RULES } from './rules/states.ts';
import { addYears } from './rules/engine.ts';
import { REMINDER_WEEKS, reminderWeeksOfNetworks } from './reminders.ts';
import { recognitionPayload } from './signing.ts';
import { ACCEPTANCE_CATEGORIES, AcceptancePage } from './views/acceptance.tsx';
import { ApplicationsPage, type SettingsValues } from './views/admin.tsx';
import { CardPage, CardView, cardState } from './views/card.tsx';
import { formatDay, formatHours, parseDay, parseHours } from './views/format.ts';
import { HoursPage, ProposalPage } from './views/hours.tsx';
import { OfficeHoursPage } from './views/office.tsx';
import { OrganisationHoursPage } from './views/organisation.tsx';
import { periodLabel } from './views/totals.tsx';
import { VerifyPage, type VerifyOutcome } from './views/verify.tsx';

const IdParams = Type.Object({ id: Uuid() });
const SlugIdParams = Type.Object({ slug: Type.String({ maxLength: 60 }), id: Uuid() });
/** Form fields arrive as strings (repeated checkboxes as a list); every check is made in the handler. */
const FormBody = Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 500 })]));

/** The named fields as strings, '' where one is missing. */
function formValues<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const kept = keptValues(body);
  return Object.fromEntries(names.map((name) => [name, kept[name] ?? ''])) as Record<K, string>;
}

/** A repeated checkbox: a list, a single value or nothing. */
function checked(body: unknown, name: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** The years the totals' form offers: this one and the five before. */
function yearsUpTo(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return Array.from({ length: 6 }, (_, i) => year - i);
}

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const safeCell = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** The totals as CSV for German spreadsheets: semicolons, decimal commas, a BOM; the anonymous sum last. */
function totalsCsv(t: FastifyRequest['t'], locale: Locale, period: string, totals: PersonTotals): string {
  const rows = [
    [t('recognition.org.person'), t('recognition.hours.confirmed'), t('recognition.totals.csvPeriod')],
    ...totals.people.map((p) => [safeCell(p.person), formatHours(locale, p.hours), period]),
  ];
  if (totals.others.count > 0) rows.push([t('recognition.totals.csvOthers', { count: totals.others.count }), formatHours(locale, totals.others.hours), period]);
  return stringify(rows, { delimiter: ';', bom: true, record_delimiter: 'windows' });
}

function errorOf(result: Result<object>, t: FastifyRequest['t'], fallbackField: string): FieldErrors {
  if (result.ok) return {};
  return { [result.field ?? fallbackField]: t(result.code as MessageKey) };
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db, clock, config } = app.deps;
  // The runtime always sets it (generated and kept when not configured); the signing keys are encrypted with it.
  const secret = config.cookieSecret;
  if (!secret) throw new Error('recognition needs the cookie secret to encrypt its signing keys');

  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 3, parts: 4, fieldSize: 1000 },
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      (part as unknown as { value: { data: Buffer; truncated: boolean } }).value = { data: Buffer.concat(chunks), truncated: part.file.truncated };
    },
  });

  // ---- The volunteer's hours log --------------------------------------------------------------------

  const showHours = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200) => {
    const userId = request.actor.userId!;
    const entries = await hoursOfUser(db, userId);
    const query = request.query as { gespeichert?: string; geloescht?: string; vorschlag?: string; verworfen?: string; freigabe?: string };
    const t = request.t;
    const notices: Record<string, string | null> = {
      gespeichert: t('recognition.hours.saved'),
      geloescht: t('recognition.hours.withdrawn'),
      vorschlag: t('recognition.proposal.saved'),
      verworfen: t('recognition.proposal.dismissed'),
      freigabe: query.freigabe === 'erteilt' ? t('recognition.consent.savedGiven') : query.freigabe === 'widerrufen' ? t('recognition.consent.savedWithdrawn') : null,
    };
    const notice = status !== 200 ? null : (Object.entries(notices).find(([key]) => (query as Record<string, string | undefined>)[key])?.[1] ?? null);
    return reply.page(
      t('recognition.hours.title'),
      <HoursPage
        t={t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        entries={entries}
        totals={totalsOf(entries)}
        organisations={await organisationsForHours(db)}
        values={values}
        errors={errors}
        notice={notice}
        proposals={await proposalsOf(db, userId, clock())}
        consent={await hasTotalsConsent(db, userId)}
      />,
      { status },
    );
  };

  app.get('/konto/stunden', async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    return showHours(request, reply, { day: berlinDay(clock()) }, {});
  });

  app.post('/konto/stunden', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    const t = request.t;
    const values = formValues(request.body, ['organisationId', 'day', 'hours', 'activity']);
    const errors: FieldErrors = {};
    const day = parseDay(values.day);
    const hours = parseHours(values.hours);
    if (!isUuid(values.organisationId)) errors.organisationId = t('recognition.hours.unknownOrganisation');
    if (!day) errors.day = t('recognition.apply.birthDate');
    if (Number.isNaN(hours)) errors.hours = t('recognition.hours.notPositive');
    if (!values.activity.trim()) errors.activity = t('form.required');
    else if (values.activity.length > 300) errors.activity = t('form.tooLong', { max: 300 });
    if (Object.keys(errors).length === 0) {
      const result = await logHours(db, request.actor.userId!, { organisationId: values.organisationId, day: day!, hours, activity: values.activity }, clock());
      if (result.ok) return reply.redirect('/konto/stunden?gespeichert=1', 303);
      Object.assign(errors, errorOf(result, t, 'hours'));
    }
    return showHours(request, reply, values, errors, 422);
  });

  app.post('/konto/stunden/:id/loeschen', { schema: { params: IdParams, body: FormBody }, attachValidation: true }, async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    if (request.validationError) return sendError(request, reply, 404);
    const { id } = request.params as { id: string };
    const t = request.t;
    if (!isConfirmed(request.body)) {
      return reply.page(
        t('recognition.hours.withdrawQuestion'),
        <ConfirmStep
          t={t}
          question={t('recognition.hours.withdrawQuestion')}
          action={`/konto/stunden/${id}/loeschen`}
          csrfToken={reply.generateCsrf()}
          confirmLabel={t('recognition.hours.withdrawConfirm')}
          cancelHref="/konto/stunden"
        />,
      );
    }
    const result = await withdrawHours(db, request.actor.userId!, id, clock());
    if (!result.ok) return showHours(request, reply, {}, { day: t('recognition.hours.locked') }, 409);
    return reply.redirect('/konto/stunden?geloescht=1', 303);
  });

  // ---- Proposals from event attendance and placements ------------------------------------------------

  const showProposal = (request: FastifyRequest, reply: FastifyReply, proposal: Proposal, values: Record<string, string>, errors: FieldErrors, status = 200) =>
    reply.page(
      request.t('recognition.proposal.formTitle'),
      <ProposalPage t={request.t} locale={request.locale} csrfToken={reply.generateCsrf()} proposal={proposal} values={values} errors={errors} />,
      { status },
    );

  const proposalGone = (request: FastifyRequest, reply: FastifyReply) => showHours(request, reply, {}, { proposal: request.t('recognition.proposal.gone') }, 409);

  app.get('/konto/stunden/vorschlag', { schema: { querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 100 })) }) }, attachValidation: true }, async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    const key = request.validationError ? '' : ((request.query as { v?: string }).v ?? '');
    const proposal = await findProposal(db, request.actor.userId!, key, clock());
    if (!proposal) return proposalGone(request, reply);
    return showProposal(request, reply, proposal, { day: proposal.day, hours: proposal.hours === null ? '' : formatHours(request.locale, proposal.hours), activity: proposal.title.slice(0, 300) }, {});
  });

  app.post('/konto/stunden/vorschlag', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    const t = request.t;
    const values = formValues(request.body, ['proposal', 'day', 'hours', 'activity']);
    const userId = request.actor.userId!;
    const proposal = await findProposal(db, userId, values.proposal, clock());
    if (!proposal) return proposalGone(request, reply);
    const errors: FieldErrors = {};
    const day = parseDay(values.day);
    const hours = parseHours(values.hours);
    if (!day) errors.day = t('recognition.apply.birthDate');
    if (Number.isNaN(hours)) errors.hours = t('recognition.hours.notPositive');
    if (!values.activity.trim()) errors.activity = t('form.required');
    else if (values.activity.length > 300) errors.activity = t('form.tooLong', { max: 300 });
    if (Object.keys(errors).length === 0) {
      const result = await logHours(db, userId, { organisationId: proposal.organisationId ?? '', day: day!, hours, activity: values.activity, proposal }, clock());
      if (result.ok) return reply.redirect('/konto/stunden?vorschlag=1', 303);
      if (result.code === 'recognition.proposal.gone') return proposalGone(request, reply);
      Object.assign(errors, errorOf(result, t, 'hours'));
    }
    return showProposal(request, reply, proposal, values, errors, 422);
  });

  app.post('/konto/stunden/vorschlag/verwerfen', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    const userId = request.actor.userId!;
    const { proposal: key } = formValues(request.body, ['proposal']);
    // Only a proposal the person has now can be dismissed; anything else is answered as gone.
    const proposal = await findProposal(db, userId, key, clock());
    if (!proposal) return proposalGone(request, reply);
    await dismissProposal(db, userId, proposal.key, clock());
    return reply.redirect('/konto/stunden?verworfen=1', 303);
  });

  app.post('/konto/stunden/freigabe', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    const { give } = formValues(request.body, ['give']);
    if (give !== '1' && give !== '0') return showHours(request, reply, {}, { give: request.t('form.invalid') }, 422);
    await setTotalsConsent(db, request.actor.userId!, give === '1', clock());
    return reply.redirect(`/konto/stunden?freigabe=${give === '1' ? 'erteilt' : 'widerrufen'}#freigabe`, 303);
  });

  // ---- The organisation's side ----------------------------------------------------------------------

  /** The organisation of `:id` if the actor may decide on its hours; answers 404/403 itself otherwise. */
  const organisationFor = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = request.params as { id: string };
    const organisation = isUuid(id) ? await getOrganisation(db, id) : undefined;
    if (!organisation) {
      await sendError(request, reply, 404);
      return undefined;
    }
    const role = await organisationRoleOf(db, organisation.id, request.actor.userId);
    if (!allow(request, reply, canDecideHours(request.actor, organisation, role))) return undefined;
    return organisation;
  };

  const showOrganisation = async (
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: { id: string; name: string },
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) => {
    const t = request.t;
    const query = request.query as { entschieden?: string; bestaetigt?: string; nachweis?: string; jahr?: string; monat?: string };
    const period = periodOf(query, berlinDay(clock()));
    const notice =
      status !== 200
        ? null
        : query.entschieden
          ? t('recognition.org.decided', { count: Number(query.entschieden) || 0 })
          : query.bestaetigt
            ? t('recognition.org.directSaved')
            : query.nachweis
              ? t('recognition.org.certificateIssued')
              : null;
    return reply.page(
      t('recognition.org.title', { organisation: organisation.name }),
      <OrganisationHoursPage
        t={t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        organisation={organisation}
        entries={await hoursAtOrganisation(db, organisation.id)}
        people={await totalsPerPerson(db, organisation.id)}
        period={period}
        years={yearsUpTo(berlinDay(clock()))}
        totals={await totalsWithConsent(db, { organisationId: organisation.id }, period)}
        values={values}
        errors={errors}
        notice={notice}
      />,
      { status },
    );
  };

  app.get('/organisationen/:id/stunden', async (request, reply) => {
    const organisation = await organisationFor(request, reply);
    if (!organisation) return reply;
    return showOrganisation(request, reply, organisation, {}, {});
  });

  app.get('/organisationen/:id/stunden/summen.csv', async (request, reply) => {
    const organisation = await organisationFor(request, reply);
    if (!organisation) return reply;
    const period = periodOf(request.query as { jahr?: string; monat?: string }, berlinDay(clock()));
    const totals = await totalsWithConsent(db, { organisationId: organisation.id }, period);
    const name = `stunden-${period.year}${period.month ? `-${String(period.month).padStart(2, '0')}` : ''}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(totalsCsv(request.t, request.locale, periodLabel(request.locale, period), totals));
  });

  app.post('/organisationen/:id/stunden/entscheiden', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    const organisation = await organisationFor(request, reply);
    if (!organisation) return reply;
    const { decision: chosen, reason } = formValues(request.body, ['decision', 'reason']);
    const decision = chosen === 'reject' ? 'reject' : 'confirm';
    const entryIds = checked(request.body, 'entryIds').filter(isUuid);
    const result = await decideHours(db, { organisationId: organisation.id, entryIds, decision, reason, actorId: request.actor.userId! }, clock());
    if (!result.ok) return showOrganisation(request, reply, organisation, { reason }, errorOf(result, request.t, 'entryIds'), 422);
    return reply.redirect(`/organisationen/${organisation.id}/stunden?entschieden=${result.count}`, 303);
  });

  /** The people who logged hours at the organisation: the only ones it can confirm engagement or issue certificates for. */
  const personAt = async (organisationId: string, userId: string) => (await totalsPerPerson(db, organisationId)).find((p) => p.userId === userId);

  app.post('/organisationen/:id/stunden/direkt', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    const organisation = await organisationFor(request, reply);
    if (!organisation) return reply;
    const t = request.t;
    const { reason: directReason, ...fields } = formValues(request.body, ['userId', 'day', 'hours', 'reason']);
    const values = { ...fields, directReason };
    const person = isUuid(values.userId) ? await personAt(organisation.id, values.userId) : undefined;
    const day = parseDay(values.day);
    const hours = parseHours(values.hours);
    const errors: FieldErrors = {};
    if (!person) errors.userId = t('recognition.org.unknownPerson');
    if (!day) errors.day = t('recognition.apply.birthDate');
    if (Number.isNaN(hours)) errors.hours = t('recognition.hours.notPositive');
    if (Object.keys(errors).length === 0) {
      const result = await confirmEngagementDirectly(
        db,
        { organisationId: organisation.id, networkId: organisation.networkId, userId: person!.userId, day: day!, hours, reason: values.directReason.slice(0, 300), actorId: request.actor.userId! },
        clock(),
      );
      if (result.ok) return reply.redirect(`/organisationen/${organisation.id}/stunden?bestaetigt=1`, 303);
      Object.assign(errors, errorOf(result, t, 'hours'));
    }
    return showOrganisation(request, reply, organisation, values, errors, 422);
  });

  app.post('/organisationen/:id/stunden/nachweis', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    const organisation = await organisationFor(request, reply);
    if (!organisation) return reply;
    const t = request.t;
    const values = formValues(request.body, ['userId', 'from', 'to']);
    const person = isUuid(values.userId) ? await personAt(organisation.id, values.userId) : undefined;
    const from = parseDay(values.from);
    const to = parseDay(values.to);
    const errors: FieldErrors = {};
    if (!person) errors.userId = t('recognition.org.unknownPerson');
    if (!from) errors.from = t('recognition.apply.birthDate');
    if (!to) errors.to = t('recognition.apply.birthDate');
    if (Object.keys(errors).length === 0) {
      const result = await issueCertificate(
        db,
        secret,
        { userId: person!.userId, holderName: person!.person, networkId: organisation.networkId, issuer: { organisationId: organisation.id, name: organisation.name }, from: from!, to: to!, actorId: request.actor.userId! },
        clock(),
      );
      if (result.ok) return reply.redirect(`/organisationen/${organisation.id}/stunden?nachweis=1`, 303);
      Object.assign(errors, errorOf(result, t, 'from'));
    }
    return showOrganisation(request, reply, organisation, values, errors, 422);
  });

  // ---- The network office: hours at its own events, totals per person in the network --------------------

  const showOffice = async (request: FastifyRequest, reply: FastifyReply, network: { id: string; slug: string; name: string }, values: Record<string, string>, errors: FieldErrors, status = 200) => {
    const t = request.t;
    const query = request.query as { entschieden?: string; jahr?: string; monat?: string };
    const period = periodOf(query, berlinDay(clock()));
    return reply.page(
      t('recognition.office.title', { network: network.name }),
      <OfficeHoursPage
        t={t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        network={network}
        entries={await officeHoursOfNetwork(db, network.id)}
        period={period}
        years={yearsUpTo(berlinDay(clock()))}
        totals={await totalsWithConsent(db, { networkId: network.id }, period)}
        values={values}
        errors={errors}
        notice={status === 200 && query.entschieden ? t('recognition.org.decided', { count: Number(query.entschieden) || 0 }) : null}
      />,
      { status },
    );
  };

  app.get('/netzwerk/:slug/verwaltung/stunden', async (request, reply) => {
    const network = await adminNetwork(request, reply, canSeeNetworkHours);
    if (!network) return reply;
    return showOffice(request, reply, network, {}, {});
  });

  app.post('/netzwerk/:slug/verwaltung/stunden/entscheiden', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    const network = await adminNetwork(request, reply, canSeeNetworkHours);
    if (!network) return reply;
    const { decision: chosen, reason } = formValues(request.body, ['decision', 'reason']);
    const decision = chosen === 'reject' ? 'reject' : 'confirm';
    const entryIds = checked(request.body, 'entryIds').filter(isUuid);
    const result = await decideHours(db, { organisationId: null, networkId: network.id, entryIds, decision, reason, actorId: request.actor.userId! }, clock());
    if (!result.ok) return showOffice(request, reply, network, { reason }, errorOf(result, request.t, 'entryIds'), 422);
    return reply.redirect(`/netzwerk/${network.slug}/verwaltung/stunden?entschieden=${result.count}`, 303);
  });

  // ---- Ehrenamtskarte: the volunteer --------------------------------------------------------------

  const showCard = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldErrors, status = 200) => {
    const t = request.t;
    const userId = request.actor.userId!;
    const networks = await listNetworks(db);
    // The network asked for, else the one the volunteer last logged hours in: where their hours count.
    const slug = (request.query as { netzwerk?: string }).netzwerk;
    const lastNetwork = slug ? undefined : await lastNetworkOfHours(db, userId);
    const network = networks.find((n) => (slug ? n.slug === slug : n.id === lastNetwork)) ?? networks[0] ?? null;
    const chosen = network ? await networkRules(db, network.id) : null;
    const birthDate = parseDay(values.birthDate ?? '');
    const eligibility = network
      ? await eligibilityOf(
          db,
          { userId, networkId: network.id, birthDate, alternatives: ALTERNATIVES.filter((a) => a === values.alternative), allowanceEuroPerYear: Number(values.allowanceEuro) || 0 },
          clock(),
        )
      : null;
    const query = request.query as { beantragt?: string; verlaengern?: string };
    const today = berlinDay(clock());
    const own = await cardsOfUser(db, userId);
    // Renewable: a valid card that ends within its network's first reminder (eight weeks unless the office chose others), or has ended.
    const slugOf = new Map(networks.map((n) => [n.id, n.slug]));
    const reminderWeeks = await reminderWeeksOfNetworks(db, [...new Set(own.map((c) => c.networkId))]);
    const soon = (c: { networkId: string }) => addYears(today, 0, reminderWeeks.get(c.networkId)!.first * 7);
    const renewable = Object.fromEntries(
      own.filter((c) => c.status === 'valid' && c.validUntil !== null && c.validUntil <= soon(c) && slugOf.has(c.networkId)).map((c) => [c.id, slugOf.get(c.networkId)!]),
    );
    const renewalId = values.renewalOf ?? query.verlaengern;
    const renewal = renewalId ? (own.find((c) => c.id === renewalId && c.networkId === network?.id) ?? null) : null;
    if (renewal && status === 200 && !values.kind) {
      const previous = await getApplication(db, renewal.applicationId);
      Object.assign(values, { kind: renewal.kind, holderName: renewal.holderName, municipalityId: previous?.municipalityId ?? '' });
    }
    return reply.page(
      t('recognition.card.title'),
      <CardPage
        t={t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        today={today}
        networks={networks}
        network={network}
        rules={chosen?.rules ?? null}
        eligibility={eligibility}
        municipalities={network ? await listMunicipalities(db, network.id) : []}
        applications={await applicationsOfUser(db, userId)}
        cards={own}
        renewal={renewal}
        renewable={renewable}
        certificates={await certificatesOfUser(db, userId)}
        values={{ holderName: request.user?.name ?? '', allowanceEuro: '0', ...values }}
        errors={errors}
        notice={status === 200 && query.beantragt ? t('recognition.card.applied') : null}
      />,
      { status },
    );
  };

  app.get('/konto/ehrenamtskarte', async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    return showCard(request, reply, {}, {});
  });

  app.post('/konto/ehrenamtskarte', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    const t = request.t;
    const network = await findNetworkBySlug(db, (request.query as { netzwerk?: string }).netzwerk ?? '');
    if (!network) return sendError(request, reply, 404);
    const values = formValues(request.body, ['kind', 'holderName', 'birthDate', 'municipalityId', 'allowanceEuro', 'alternative', 'note', 'renewalOf']);
    const errors: FieldErrors = {};
    // A renewal names one of the applicant's own cards in this network; anything else is refused.
    const renewed = values.renewalOf ? (isUuid(values.renewalOf) ? await getCard(db, values.renewalOf) : undefined) : null;
    if (renewed === undefined || (renewed && (renewed.userId !== request.actor.userId || renewed.networkId !== network.id))) errors.kind = t('recognition.renewal.unknownCard');
    const kind = CARD_KINDS.find((k) => k === values.kind);
    const alternative = values.alternative ? ALTERNATIVES.find((a) => a === values.alternative) : null;
    const birthDate = values.birthDate ? parseDay(values.birthDate) : null;
    const allowance = /^\d{1,6}$/.test(values.allowanceEuro.trim()) ? Number(values.allowanceEuro) : Number.NaN;
    const municipalities = await listMunicipalities(db, network.id);
    if (!kind) errors.kind = t('recognition.apply.unknownKind');
    if (!values.holderName.trim()) errors.holderName = t('form.required');
    else if (values.holderName.length > 200) errors.holderName = t('form.tooLong', { max: 200 });
    if (values.birthDate && !birthDate) errors.birthDate = t('recognition.apply.birthDate');
    if (!municipalities.some((m) => m.id === values.municipalityId)) errors.municipalityId = t('form.required');
    if (Number.isNaN(allowance)) errors.allowanceEuro = t('form.invalid');
    if (alternative === undefined) errors.alternative = t('form.invalid');
    if (values.note.length > 1000) errors.note = t('form.tooLong', { max: 1000 });
    if (Object.keys(errors).length === 0) {
      const result = await applyForCard(
        db,
        request.actor.userId!,
        {
          networkId: network.id,
          municipalityId: values.municipalityId,
          kind: kind as CardKind,
          holderName: values.holderName,
          birthDate,
          allowanceEuro: allowance,
          alternative: (alternative ?? null) as Alternative | null,
          note: values.note,
          renewalOf: renewed?.id ?? null,
        },
        clock(),
      );
      if (result.ok) return reply.redirect(`/konto/ehrenamtskarte?netzwerk=${network.slug}&beantragt=1`, 303);
      errors.kind = t(result.code as MessageKey);
    }
    return showCard(request, reply, values, errors, 422);
  });

  /** The holder's own card, or 404 for anyone else (a card's existence is nobody else's business). */
  const ownCard = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return undefined;
    const { id } = request.params as { id: string };
    const card = isUuid(id) ? await getCard(db, id) : undefined;
    if (!card || card.userId !== request.actor.userId) {
      await sendError(request, reply, 404);
      return undefined;
    }
    return card;
  };

  app.get('/konto/ehrenamtskarte/:id', async (request, reply) => {
    const card = await ownCard(request, reply);
    if (!card) return reply;
    return reply.page(card.number, <CardView t={request.t} locale={request.locale} card={card} today={berlinDay(clock())} />);
  });

  app.get('/konto/ehrenamtskarte/:id/qr.png', async (request, reply) => {
    const card = await ownCard(request, reply);
    if (!card) return reply;
    return reply.type('image/png').header('cache-control', 'private, no-store').send(await qrPng(verificationUrl(config.publicUrl, card.code), 440));
  });

  app.get('/konto/ehrenamtskarte/:id/karte.pdf', async (request, reply) => {
    const card = await ownCard(request, reply);
    if (!card) return reply;
    const pdf = await cardPdf(card, { t: request.t, publicUrl: config.publicUrl, formatDate: (d) => formatDay('de', d) });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="ehrenamtskarte-${card.number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.get('/konto/nachweise/:id/nachweis.pdf', async (request, reply) => {
    if (!allow(request, reply, canKeepHoursLog(request.actor))) return reply;
    const { id } = request.params as { id: string };
    const certificate = isUuid(id) ? await getCertificate(db, id) : undefined;
    const mayRead = certificate && (certificate.userId === request.actor.userId || certificate.issuedBy === request.actor.userId || isNetworkAdmin(request.actor, certificate.networkId));
    if (!certificate || !mayRead) return sendError(request, reply, 404);
    const pdf = await certificatePdf(certificate, {
      t: request.t,
      publicUrl: config.publicUrl,
      formatDate: (d) => formatDay('de', d),
      formatHours: (h) => formatHours('de', h),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="engagementnachweis-${certificate.number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  // ---- Ehrenamtskarte: municipality contact and office ---------------------------------------------

  const showApplications = async (
    request: FastifyRequest,
    reply: FastifyReply,
    network: { id: string; slug: string; name: string },
    errors: FieldErrors,
    status = 200,
    typed?: SettingsValues,
  ) => {
    const t = request.t;
    const { chosen, reminders } = await cardSettingsOf(db, network.id);
    const settings: SettingsValues = typed ?? {
      state: chosen?.rules.state ?? '',
      reminderFirst: String(reminders.first),
      reminderSecond: String(reminders.second ?? REMINDER_WEEKS.second),
      reminderSecondOff: reminders.second === null,
    };
    const query = request.query as { entschieden?: string; gesperrt?: string; einstellungen?: string };
    const notice =
      status !== 200 ? null : query.entschieden ? t('recognition.admin.decided') : query.gesperrt ? t('recognition.admin.revoked') : query.einstellungen ? t('recognition.admin.stateSaved') : null;
    return reply.page(
      t('recognition.admin.title', { network: network.name }),
      <ApplicationsPage
        t={t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        network={network}
        canConfigure={canConfigureCards(request.actor, network.id)}
        settings={settings}
        states={STATE_RULES}
        applications={await applicationsOfNetwork(db, network.id, applicationScope(request.actor, network.id))}
        errors={errors}
        notice={notice}
      />,
      { status },
    );
  };

  app.get('/netzwerk/:slug/verwaltung/ehrenamtskarte', async (request, reply) => {
    const network = await adminNetwork(request, reply, canSeeApplications);
    if (!network) return reply;
    return showApplications(request, reply, network, {});
  });

  /** The state's rules and the reminder weeks, in one form of the network office. */
  app.post('/netzwerk/:slug/verwaltung/ehrenamtskarte/einstellungen', { schema: { body: FormBody }, attachValidation: true }, async (request, reply) => {
    const network = await adminNetwork(request, reply, canConfigureCards);
    if (!network) return reply;
    const values = formValues(request.body, ['state', 'reminderFirst', 'reminderSecond', 'reminderSecondOff']);
    const typed: SettingsValues = { state: values.state, reminderFirst: values.reminderFirst, reminderSecond: values.reminderSecond, reminderSecondOff: values.reminderSecondOff === '1' };
    const weeks = (text: string) => (/^\s*\d{1,3}\s*$/.test(text) ? Number(text) : Number.NaN);
    const result = await saveCardSettings(
      db,
      network.id,
      { state: values.state, reminders: { first: weeks(values.reminderFirst), second: typed.reminderSecondOff ? null : weeks(values.reminderSecond) } },
      clock(),
    );
    if (!result.ok) return showApplications(request, reply, network, errorOf(result, request.t, 'state'), 422, typed);
    return reply.redirect(`/netzwerk/${network.slug}/verwaltung/ehrenamtskarte?einstellungen=1`, 303);
  });

  app.post('/netzwerk/:slug/verwaltung/ehrenamtskarte/:id/entscheiden', { schema: { params: SlugIdParams, body: FormBody }, attachValidation: true }, async (request, reply) => {
    const network = await adminNetwork(request, reply, canSeeApplications);
    if (!network) return reply;
    const { id } = request.params as { id: string };
    const application = isUuid(id) ? await getApplication(db, id) : undefined;
    if (!application || application.networkId !== network.id) return sendError(request, reply, 404);
    if (!allow(request, reply, canDecideApplication(request.actor, application))) return reply;
    const { decision, reason } = formValues(request.body, ['decision', 'reason']);
    const result = await decideApplication(db, secret, { applicationId: application.id, decision: decision === 'reject' ? 'reject' : 'approve', reason, actorId: request.actor.userId! }, clock());
    if (!result.ok) return showApplications(request, reply, network, { reason: request.t(result.code as MessageKey) }, result.code === 'recognition.decide.alreadyDecided' ? 409 : 422);
    return reply.redirect(`/netzwerk/${network.slug}/verwaltung/ehrenamtskarte?entschieden=1`, 303);
  });

  app.post('/netzwerk/:slug/verwaltung/ehrenamtskarte/karten/:id/sperren', { schema: { params: SlugIdParams, body: FormBody }, attachValidation: true }, async (request, reply) => {
    const network = await adminNetwork(request, reply, canSeeApplications);
    if (!network) return reply;
    const { id } = request.params as { id: string };
    const card = isUuid(id) ? await getCard(db, id) : undefined;
    const application = card ? await getApplication(db, card.applicationId) : undefined;
    if (!card || !application || card.networkId !== network.id) return sendError(request, reply, 404);
    if (!allow(request, reply, canDecideApplication(request.actor, application))) return reply;
    const result = await revokeCard(db, { cardId: card.id, reason: formValues(request.body, ['reason']).reason }, clock());
    if (!result.ok) return showApplications(request, reply, network, { reason: request.t(result.code as MessageKey) }, 422);
    return reply.redirect(`/netzwerk/${network.slug}/verwaltung/ehrenamtskarte?gesperrt=1`, 303);
  });

  // ---- Verification, for anyone ---------------------------------------------------------------------

  app.get('/pruefen', { schema: { querystring: Type.Object({ code: Type.Optional(Type.String({ maxLength: 2000 })) }) }, attachValidation: true }, async (request, reply) => {
    const t = request.t;
    const code = request.validationError ? '' : ((request.query as { code?: string }).code ?? '').trim();
    let outcome: VerifyOutcome | null = null;
    if (code) {
      const verified = verifyCode(code, await publicKeys(db));
      const today = berlinDay(clock());
      if (!verified.ok && isLegacyCertificateCode(code)) {
        // LEGACY: participation certificates printed before decision 007 carry the events module's HMAC code.
        const certificate = await verifyLegacyEventCertificate(db, secret, code, clock());
        outcome = certificate ? { state: 'participation', certificate } : { state: 'participationInvalid' };
      } else if (!verified.ok) outcome = { state: verified.code };
      else if (verified.payload.t === EVENT_CERTIFICATE) {
        // One page checks every paper the platform signs; the events module reads its own payload.
        const certificate = await eventCertificateOf(db, verified.payload, clock());
        outcome = certificate ? { state: 'participation', certificate } : { state: 'participationWithdrawn' };
      } else {
        const payload = recognitionPayload(verified.payload);
        if (!payload) outcome = { state: 'malformed' };
        else if (payload.t === 'card') {
          const card = await cardByNumber(db, payload.no);
          outcome = card ? { state: cardState(card, today), payload } : { state: 'unknownNumber' };
        } else {
          const certificate = await certificateByNumber(db, payload.no);
          outcome = certificate ? { state: certificate.revokedAt ? 'revoked' : 'valid', payload } : { state: 'unknownNumber' };
        }
      }
    }
    // The page shows a name: it must not end up in shared caches or a search engine.
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    return reply.page(t('recognition.verify.title'), <VerifyPage t={t} locale={request.locale} code={code} outcome={outcome} />, { status: outcome && !('payload' in outcome) && outcome.state !== 'participation' ? 422 : 200 });
  });

  // ---- Acceptance points ------------------------------------------------------------------------------

  const showAcceptance = async (request: FastifyRequest, reply: FastifyReply, network: { id: string; slug: string; name: string }, extra: { notice?: string; importErrors?: string[]; status?: number } = {}) => {
    const query = request.query as { bereich?: string; kommune?: string };
    const category = ACCEPTANCE_CATEGORIES.find((c) => c === query.bereich) ?? '';
    const municipalityId = query.kommune && isUuid(query.kommune) ? query.kommune : '';
    const towns = await listMunicipalities(db, network.id);
    return reply.page(
      request.t('recognition.acceptance.title', { network: network.name }),
      <AcceptancePage
        t={request.t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        network={network}
        points={await acceptancePointsOf(db, network.id, { category: category || undefined, municipalityId: municipalityId || undefined })}
        municipalities={towns}
        filter={{ category, municipalityId }}
        canManage={canManageAcceptancePoints(request.actor, network.id)}
        notice={extra.notice ?? null}
        importErrors={extra.importErrors ?? []}
      />,
      { status: extra.status ?? 200 },
    );
  };

  app.get('/netzwerk/:slug/akzeptanzstellen', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    return showAcceptance(request, reply, network);
  });

  app.post('/netzwerk/:slug/akzeptanzstellen/import', {
    onRequest: async (request, reply) => {
      const network = await adminNetwork(request, reply, canManageAcceptancePoints);
      if (!network) return reply;
    },
    handler: async (request, reply) => {
      const network = await adminNetwork(request, reply, canManageAcceptancePoints);
      if (!network) return reply;
      const t = request.t;
      const upload = (request.body as Record<string, unknown> | undefined)?.file as { data: Buffer; truncated: boolean } | undefined;
      if (!upload || !Buffer.isBuffer(upload.data) || upload.data.length === 0 || upload.truncated) {
        return showAcceptance(request, reply, network, { importErrors: [t('recognition.acceptance.importEmpty')], status: 422 });
      }
      const result = await importAcceptancePoints(db, network.id, upload.data, clock());
      if (!result.ok) {
        const message = result.code === 'columns' ? t('recognition.acceptance.importColumns', { columns: result.missing.join(', ') }) : t('recognition.acceptance.importEmpty');
        return showAcceptance(request, reply, network, { importErrors: [message], status: 422 });
      }
      return showAcceptance(request, reply, network, {
        notice: t('recognition.acceptance.imported', { created: result.created, updated: result.updated }),
        importErrors: result.errors.map((e) => `${e.line}: ${t(e.key as MessageKey)}`),
      });
    },
  });

  app.get('/api/v1/acceptance-points', {
    schema: {
      summary: 'List the acceptance points of a network',
      description: 'Businesses and institutions that grant holders of the volunteer card (Ehrenamtskarte) a discount.',
      querystring: Type.Object(
        {
          netzwerk: Type.String({ maxLength: 60, description: 'network slug', examples: ['gems'] }),
          bereich: Type.Optional(Type.Union(ACCEPTANCE_CATEGORIES.map((c) => Type.Literal(c)))),
        },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({
          items: Type.Array(
            Type.Object({
              id: Type.String(),
              name: Type.String(),
              category: Type.String(),
              discount: Type.String(),
              street: Type.String(),
              postcode: Type.String(),
              place: Type.String(),
              municipality: Type.Union([Type.String(), Type.Null()]),
              lat: Type.Union([Type.Number(), Type.Null()]),
              lng: Type.Union([Type.Number(), Type.Null()]),
              website: Type.String(),
            }),
          ),
        }),
      },
    },
    handler: async (request, reply) => {
      const { netzwerk, bereich } = request.query as { netzwerk: string; bereich?: string };
      const network = await findNetworkBySlug(db, netzwerk);
      if (!network) return sendError(request, reply, 404);
      const points = await acceptancePointsOf(db, network.id, { category: bereich });
      return {
        items: points.map((p) => ({
          id: p.id,
          name: p.name,
          category: p.category,
          discount: p.discount,
          street: p.street,
          postcode: p.postcode,
          place: p.place,
          municipality: p.municipality,
          lat: p.lat,
          lng: p.lng,
          website: p.website,
        })),
      };
    },
  });
};
