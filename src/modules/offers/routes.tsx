import crypto from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { safeReturnPath } from '../../platform/http/redirect.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { isNetworkAdmin } from '../../platform/policy.ts';
import { offerPageMeta } from './jsonld.ts';
import { listMunicipalities, listNetworks } from '../../platform/networks/queries.ts';
import {
  organisationOf,
  listOrganisationMembers,
  listOrganisationsOfUser,
  organisationRoleOf,
  type OrganisationRole,
  formErrors,
  stripControlCharacters,
} from '../organisations/index.ts';
import { keptFormValues, type FormValues } from '../../platform/ui/form-values.ts';
import { confirmOfferCurrent, saveDraft, submitOffer } from './commands.ts';
import { contactChoiceOf, contactNameOf, type ContactCandidate } from './contact.ts';
import { isCurrentLinkToken } from './current-link.ts';
import { formatDate } from './format.ts';
import { OfferFormSchema, offerInputFromForm, type OfferForm } from './form.ts';
import { availableActions } from './lifecycle.ts';
import { BUTTON_ACTIONS, offerFailureMessage, performOfferAction, type ButtonAction } from './perform.ts';
import { canChangeOfferStatus, canCreateOffer, canEditOffer, canViewOffer } from './policy.ts';
import { getOffer, listOffersOfOrganisations, type OfferDetails } from './queries.ts';
import { MessagePage } from '../../platform/ui/message-page.tsx';
import { ConfirmCurrentPage } from './views/current.tsx';
import { Dashboard } from './views/dashboard.tsx';
import { OfferFormView, offerFormValues } from './views/form.tsx';
import { OfferPage } from './views/page.tsx';

/** The word a redirect carries to say what just happened; the page turns it into a sentence. */
const DONE_WORD: Record<string, string> = {
  'submit.published': 'veroeffentlicht',
  'submit.in_review': 'eingereicht',
  approve: 'freigegeben',
  reject: 'zurueckgegeben',
  pause: 'pausiert',
  resume: 'fortgesetzt',
  archive: 'archiviert',
  unpublish: 'offline',
  confirm: 'aktuell',
};

const NOTICES: Record<string, MessageKey> = {
  entwurf: 'offers.done.created',
  gespeichert: 'offers.done.saved',
  veroeffentlicht: 'offers.done.submit.published',
  eingereicht: 'offers.done.submit.in_review',
  freigegeben: 'offers.done.approve',
  zurueckgegeben: 'offers.done.reject',
  pausiert: 'offers.done.pause',
  fortgesetzt: 'offers.done.resume',
  archiviert: 'offers.done.archive',
  offline: 'offers.done.unpublish',
  aktuell: 'offers.done.confirm',
};

function noticeFor(request: FastifyRequest, expiresAt: Date | null): string | undefined {
  const word = (request.query as { hinweis?: unknown } | undefined)?.hinweis;
  if (typeof word !== 'string' || !NOTICES[word]) return undefined;
  return request.t(NOTICES[word], { date: expiresAt ? formatDate(request.locale, expiresAt) : '' });
}

function withNotice(path: string, word: string): string {
  const [base, hash] = path.split('#');
  return `${base}${base?.includes('?') ? '&' : '?'}hinweis=${word}${hash ? `#${hash}` : ''}`;
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db, config } = app.deps;
  app.addHook('preValidation', stripControlCharacters);

  async function loadOffer(request: FastifyRequest, reply: FastifyReply): Promise<{ offer: OfferDetails; role: OrganisationRole } | undefined> {
    const { id } = request.params as { id: string };
    const offer = await getOffer(db, id);
    if (!offer) {
      await sendError(request, reply, 404);
      return undefined;
    }
    request.network = { id: offer.network.id, slug: offer.network.slug, name: offer.network.name };
    return { offer, role: await organisationRoleOf(db, offer.organisationId, request.actor.userId) };
  }

  /** The form's content with the contact person it chose among the organisation's members (contact.ts). */
  async function offerInputWithContact(
    request: FastifyRequest,
    form: OfferForm,
    organisation: { id: string; networkId: string },
  ): Promise<ReturnType<typeof offerInputFromForm>> {
    const organisationId = organisation.id;
    // Only the network office corrects a position by hand; anyone else's offer follows its address.
    const office = isNetworkAdmin(request.actor, organisation.networkId);
    const parsed = offerInputFromForm(office ? form : { ...form, lat: '', lng: '' });
    const members: ContactCandidate[] = await listOrganisationMembers(db, organisationId);
    const contact = contactNameOf(form.contact, form.contactName, members);
    if (parsed.ok && contact.ok) return { ok: true, value: { ...parsed.value, contactName: contact.contactName } };
    return { ok: false, problems: { ...(parsed.ok ? {} : parsed.problems), ...(contact.ok ? {} : { [contact.field]: contact.message }) } };
  }

  // ---- Create -------------------------------------------------------------------------------------

  async function renderCreate(
    request: FastifyRequest,
    reply: FastifyReply,
    organisation: { id: string; name: string; networkId: string },
    values: FormValues,
    errors: FieldErrors,
    idempotencyKey: string,
  ) {
    const t = request.t;
    const municipalities = await listMunicipalities(db, organisation.networkId);
    const members = await listOrganisationMembers(db, organisation.id);
    return reply.page(
      t('offers.create.title', { organisation: organisation.name }),
      <OfferFormView
        t={t}
        locale={request.locale}
        title={t('offers.create.title', { organisation: organisation.name })}
        intro={t('offers.create.intro')}
        action={`/organisationen/${organisation.id}/angebote/neu`}
        csrfToken={reply.generateCsrf()}
        values={values}
        errors={errors}
        municipalities={municipalities}
        idempotencyKey={idempotencyKey}
        mode="create"
        members={members}
        correction={isNetworkAdmin(request.actor, organisation.networkId) ? { now: null } : undefined}
      />,
      { status: Object.keys(errors).length > 0 ? 422 : 200 },
    );
  }

  async function loadOrganisationFor(request: FastifyRequest, reply: FastifyReply) {
    const loaded = await organisationOf(request, reply);
    if (!loaded || !allow(request, reply, canCreateOffer(request.actor, loaded.organisation, loaded.role))) return undefined;
    return loaded.organisation;
  }

  app.get('/organisationen/:id/angebote/neu', async (request, reply) => {
    const organisation = await loadOrganisationFor(request, reply);
    if (!organisation) return reply;
    const defaults: FormValues = {
      field: 'sozial',
      commitment: 'regular',
      municipalityId: organisation.municipalityId ?? '',
      // Who is named as the contact person is chosen in the form, never taken from the account.
      contactEmail: organisation.email,
      contactPhone: organisation.phone,
    };
    return renderCreate(request, reply, organisation, defaults, {}, crypto.randomUUID());
  });

  app.post('/organisationen/:id/angebote/neu', {
    schema: { body: OfferFormSchema },
    attachValidation: true,
    handler: async (request, reply) => {
      const organisation = await loadOrganisationFor(request, reply);
      if (!organisation) return reply;
      const values = keptFormValues(request.body);
      const key = typeof values.idempotencyKey === 'string' && /^[0-9a-f-]{36}$/i.test(values.idempotencyKey) ? values.idempotencyKey : crypto.randomUUID();
      if (request.validationError) return renderCreate(request, reply, organisation, values, formErrors(request), key);
      const form = request.body as OfferForm;
      const parsed = await offerInputWithContact(request, form, organisation);
      if (!parsed.ok) return renderCreate(request, reply, organisation, values, formErrors(request, parsed.problems), key);
      const now = app.deps.clock();
      const saved = await saveDraft(db, { actor: request.actor, organisation, input: parsed.value, idempotencyKey: key, now });
      if (!saved.ok) {
        if (saved.code === 'offers.invalid') return renderCreate(request, reply, organisation, values, formErrors(request, saved.problems), key);
        return renderCreate(request, reply, organisation, values, { title: request.t('offers.error.keyTaken') }, crypto.randomUUID());
      }
      let word = saved.repeated ? 'gespeichert' : 'entwurf';
      if (form.intent === 'submit' && saved.offer.status === 'draft') {
        const submitted = await submitOffer(db, saved.offer.id, now);
        if (submitted.ok) word = DONE_WORD[`submit.${submitted.offer.status}`] ?? word;
      }
      return reply.redirect(`/angebote/${saved.offer.id}?hinweis=${word}`, 303);
    },
  });

  // ---- Detail page --------------------------------------------------------------------------------

  async function renderOffer(
    request: FastifyRequest,
    reply: FastifyReply,
    offer: OfferDetails,
    role: OrganisationRole,
    extra: { problem?: string; reasonError?: string; reasonValue?: string; status?: number } = {},
  ) {
    const office = isNetworkAdmin(request.actor, offer.networkId);
    const canManage = canEditOffer(request.actor, offer, role);
    const actions = availableActions(offer.status, { organisation: role !== null, office }).filter((a) =>
      canChangeOfferStatus(request.actor, offer, role, a),
    );
    return reply.page(
      offer.title,
      <OfferPage
        t={request.t}
        locale={request.locale}
        offer={offer}
        canManage={canManage}
        actions={actions}
        csrfToken={reply.generateCsrf()}
        notice={noticeFor(request, offer.expiresAt)}
        problem={extra.problem}
        reasonError={extra.reasonError}
        reasonValue={extra.reasonValue}
      />,
      { status: extra.status ?? 200, description: offer.summary.slice(0, 160), meta: offerPageMeta(offer, config.publicUrl) },
    );
  }

  app.get('/angebote/:id', async (request, reply) => {
    const loaded = await loadOffer(request, reply);
    if (!loaded) return reply;
    // Not public and not yours: it does not exist for you (404 rather than 403 reveals nothing).
    if (!canViewOffer(request.actor, loaded.offer, loaded.role)) return sendError(request, reply, 404);
    return renderOffer(request, reply, loaded.offer, loaded.role);
  });

  // ---- Edit ---------------------------------------------------------------------------------------

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, offer: OfferDetails, values: FormValues, errors: FieldErrors) {
    const t = request.t;
    const municipalities = await listMunicipalities(db, offer.networkId);
    const members = await listOrganisationMembers(db, offer.organisationId);
    return reply.page(
      t('offers.edit.title'),
      <>
        <p>
          <a href={`/angebote/${offer.id}`}>{offer.title}</a>
        </p>
        <OfferFormView
          t={t}
          locale={request.locale}
          title={t('offers.edit.title')}
          action={`/angebote/${offer.id}/bearbeiten`}
          csrfToken={reply.generateCsrf()}
          values={values}
          errors={errors}
          municipalities={municipalities}
          mode="edit"
          members={members}
          correction={isNetworkAdmin(request.actor, offer.networkId) ? { now: offer.lat !== null && offer.lng !== null ? { lat: offer.lat, lng: offer.lng } : null } : undefined}
        />
      </>,
      { status: Object.keys(errors).length > 0 ? 422 : 200 },
    );
  }

  app.get('/angebote/:id/bearbeiten', async (request, reply) => {
    const loaded = await loadOffer(request, reply);
    if (!loaded) return reply;
    if (!allow(request, reply, canEditOffer(request.actor, loaded.offer, loaded.role))) return reply;
    if (loaded.offer.status === 'archived') return reply.redirect(`/angebote/${loaded.offer.id}`, 303);
    const members = await listOrganisationMembers(db, loaded.offer.organisationId);
    const values = { ...offerFormValues(loaded.offer), ...contactChoiceOf(loaded.offer.contactName, members) };
    return renderEdit(request, reply, loaded.offer, values, {});
  });

  app.post('/angebote/:id/bearbeiten', {
    schema: { body: OfferFormSchema },
    attachValidation: true,
    handler: async (request, reply) => {
      const loaded = await loadOffer(request, reply);
      if (!loaded) return reply;
      const { offer } = loaded;
      if (!allow(request, reply, canEditOffer(request.actor, offer, loaded.role))) return reply;
      const values = keptFormValues(request.body);
      if (request.validationError) return renderEdit(request, reply, offer, values, formErrors(request));
      const parsed = await offerInputWithContact(request, request.body as OfferForm, { id: offer.organisationId, networkId: offer.networkId });
      if (!parsed.ok) return renderEdit(request, reply, offer, values, formErrors(request, parsed.problems));
      const saved = await saveDraft(db, {
        actor: request.actor,
        organisation: { id: offer.organisationId, networkId: offer.networkId },
        offerId: offer.id,
        input: parsed.value,
        now: app.deps.clock(),
      });
      if (!saved.ok) {
        if (saved.code === 'offers.invalid') return renderEdit(request, reply, offer, values, formErrors(request, saved.problems));
        if (saved.code === 'offers.key_taken') return sendError(request, reply, 400);
        return renderOffer(request, reply, offer, loaded.role, { problem: offerFailureMessage(request.t, saved), status: 409 });
      }
      return reply.redirect(`/angebote/${offer.id}?hinweis=gespeichert`, 303);
    },
  });

  // ---- Status actions -----------------------------------------------------------------------------

  app.post('/angebote/:id/status', {
    schema: {
      body: Type.Object({
        action: Type.Enum([...BUTTON_ACTIONS]),
        reason: Type.Optional(Type.String({ maxLength: 1000 })),
        weiter: Type.Optional(Type.String({ maxLength: 300 })),
      }),
    },
    attachValidation: true,
    handler: async (request, reply) => {
      const loaded = await loadOffer(request, reply);
      if (!loaded) return reply;
      const { offer, role } = loaded;
      if (request.validationError) {
        const body = request.body as { reason?: unknown } | undefined;
        if (formErrors(request).action) return sendError(request, reply, 400);
        if (!canEditOffer(request.actor, offer, role)) return sendError(request, reply, 403);
        return renderOffer(request, reply, offer, role, {
          reasonError: request.t('form.tooLong', { max: 1000 }),
          reasonValue: typeof body?.reason === 'string' ? body.reason : '',
          status: 422,
        });
      }
      const body = request.body as { action: ButtonAction; reason?: string; weiter?: string };
      if (!allow(request, reply, canChangeOfferStatus(request.actor, offer, role, body.action))) return reply;
      const reason = (body.reason ?? '').trim();
      if ((body.action === 'reject' || body.action === 'unpublish') && reason === '') {
        return renderOffer(request, reply, offer, role, { reasonError: request.t('form.required'), status: 422 });
      }
      const result = await performOfferAction(app.deps, offer.id, body.action, reason, app.deps.clock());
      if (!result.ok) {
        return renderOffer(request, reply, offer, role, { problem: offerFailureMessage(request.t, result), status: 409 });
      }
      const word = DONE_WORD[body.action === 'submit' ? `submit.${result.offer.status}` : body.action] ?? 'gespeichert';
      const back = safeReturnPath(body.weiter, `/angebote/${offer.id}`);
      return reply.redirect(withNotice(back, word), 303);
    },
  });

  // ---- "Still current" link from the reminder mail -------------------------------------------------

  async function currentLink(request: FastifyRequest) {
    const { id, token } = request.params as { id: string; token: string };
    const offer = await getOffer(db, id);
    const valid =
      !!offer && (offer.status === 'published' || offer.status === 'expired') && isCurrentLinkToken(config.cookieSecret ?? '', offer.id, offer.expiresAt, token);
    return valid ? offer : undefined;
  }

  function invalidLink(request: FastifyRequest, reply: FastifyReply) {
    const t = request.t;
    return reply.page(
      t('offers.current.invalidTitle'),
      <MessagePage
        title={t('offers.current.invalidTitle')}
        text={t('offers.current.invalidText')}
        link={{ href: '/meine-organisationen', label: t('offers.dashboard.title') }}
      />,
      { status: 410 },
    );
  }

  app.get('/angebote/:id/aktuell/:token', async (request, reply) => {
    const offer = await currentLink(request);
    if (!offer?.expiresAt) return invalidLink(request, reply);
    request.network = { id: offer.network.id, slug: offer.network.slug, name: offer.network.name };
    const t = request.t;
    const params = { title: offer.title, organisation: offer.organisationName, date: formatDate(request.locale, offer.expiresAt) };
    return reply.page(
      t('offers.current.title'),
      <ConfirmCurrentPage
        t={t}
        text={offer.status === 'expired' ? t('offers.current.expiredText', params) : t('offers.current.text', params)}
        action={request.url.split('?')[0] ?? ''}
        csrfToken={reply.generateCsrf()}
      />,
    );
  });

  app.post('/angebote/:id/aktuell/:token', async (request, reply) => {
    const offer = await currentLink(request);
    if (!offer?.expiresAt) return invalidLink(request, reply);
    request.network = { id: offer.network.id, slug: offer.network.slug, name: offer.network.name };
    const result = await confirmOfferCurrent(db, offer.id, app.deps.clock(), offer.expiresAt);
    if (!result.ok || !result.offer.expiresAt) return invalidLink(request, reply);
    const t = request.t;
    return reply.page(
      t('offers.current.doneTitle'),
      <MessagePage
        title={t('offers.current.doneTitle')}
        text={t('offers.done.confirm', { date: formatDate(request.locale, result.offer.expiresAt) })}
        link={{ href: `/angebote/${offer.id}`, label: offer.title }}
      />,
    );
  });

  // ---- Dashboard ----------------------------------------------------------------------------------

  app.get('/meine-organisationen', async (request, reply) => {
    if (!allow(request, reply, request.actor.userId !== null)) return reply;
    const mine = await listOrganisationsOfUser(db, request.actor.userId ?? '');
    const offers = await listOffersOfOrganisations(db, mine.map((o) => o.id));
    const networks = await listNetworks(db);
    const word = (request.query as { hinweis?: unknown }).hinweis;
    const notice = typeof word === 'string' && NOTICES[word] && word !== 'aktuell' ? request.t(NOTICES[word]) : undefined;
    return reply.page(
      request.t('offers.dashboard.title'),
      <Dashboard
        t={request.t}
        locale={request.locale}
        organisations={mine.map((o) => ({ ...o, offers: offers.filter((offer) => offer.organisationId === o.id) }))}
        networks={networks}
        csrfToken={reply.generateCsrf()}
        notice={notice ?? (word === 'aktuell' ? request.t('offers.done.saved') : undefined)}
      />,
    );
  });
};
