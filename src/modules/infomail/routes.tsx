import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { Feed } from 'feed';
import { sendError } from '../../platform/http/errors.tsx';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { formatDateTime, translator, type MessageKey } from '../../platform/i18n/index.ts';
import { renderMarkdown } from '../../platform/markup/index.ts';
import { ROLES } from '../../platform/roles/schema.ts';
import { events } from '../events/index.ts';
import { adminNetwork, networkOf } from '../../platform/networks/context.ts';
import { listMunicipalities } from '../../platform/networks/queries.ts';
import { networks, type Network } from '../../platform/networks/schema.ts';
import { FIELD_LABELS_DE, FIELD_LABELS_EN, FIELDS } from '../../platform/vocabulary.ts';
import { normaliseAddress } from './address.ts';
import { parseBounce, recordBounce, HARD_BOUNCE_LIMIT } from './bounces.ts';
import { countAudience } from './audience.ts';
import { approve, pause, requestSend, resume, saveDraft, sendTest, settingsOf } from './mailings.ts';
import { canManageInfomail } from './policy.ts';
import { previewStylePolicy, renderMail } from './render.ts';
import {
  infomailBounces,
  infomailLists,
  infomailMailings,
  infomailRecipients,
  infomailSettings,
  infomailSubscribers,
  infomailSubscriptions,
  infomailSuppressions,
  type Mailing,
  type SegmentCriteria,
} from './schema.ts';
import { confirmSubscription, preferencesUrl, requestSubscription, unsubscribeAll, unsubscribeFromList } from './subscriptions.ts';
import { readLink } from './tokens.ts';
import { AdminIndexPage, BouncesPage, ComposePage, MailingPage, SettingsPage } from './views/admin.tsx';
import { ArchiveMailPage, ArchivePage, PreferencesPage, SubscribePage, UnsubscribePage } from './views/public.tsx';
import { MessagePage } from '../../platform/ui/message-page.tsx';
import { addressHash } from './address.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).filter((v): v is string => typeof v === 'string');
const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n').slice(0, max) : '');

export const routes: FastifyPluginAsync = async (app) => {
  const deps = app.deps;
  const { db } = deps;
  const secret = () => deps.config.cookieSecret ?? '';

  // Bounce reports arrive as raw messages.
  app.addContentTypeParser(['message/rfc822', 'message/delivery-status', 'multipart/report'], { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  const fieldChoices = (request: FastifyRequest) => FIELDS.map((value) => ({ value, label: (request.locale === 'en' ? FIELD_LABELS_EN : FIELD_LABELS_DE)[value] }));
  const date = (request: FastifyRequest, value: Date | null) => (value ? formatDateTime(request.locale, value) : '');

  async function publicLists(networkId: string) {
    return db
      .select()
      .from(infomailLists)
      .where(and(eq(infomailLists.networkId, networkId), eq(infomailLists.isPublic, true), eq(infomailLists.kind, 'subscription')))
      .orderBy(asc(infomailLists.name));
  }

  // ---- Subscribe (no account needed) ----

  async function subscribePage(request: FastifyRequest, reply: FastifyReply, network: Network, values: Parameters<typeof SubscribePage>[0]['values'], errors: FieldErrors, sent: boolean, status = 200) {
    const t = request.t;
    return reply.page(
      t('infomail.subscribe.title', { network: network.name }),
      <SubscribePage
        t={t}
        network={network}
        csrfToken={reply.generateCsrf()}
        lists={(await publicLists(network.id)).map((l) => ({ value: l.id, label: l.description ? `${l.name} – ${l.description}` : l.name }))}
        municipalities={(await listMunicipalities(db, network.id)).map((m) => ({ value: m.id, label: m.name }))}
        fields={fieldChoices(request)}
        values={values}
        errors={errors}
        sent={sent}
      />,
      { status },
    );
  }

  app.get('/netzwerk/:slug/infomail', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const sent = (request.query as { gesendet?: string }).gesendet === '1';
    return subscribePage(request, reply, network, { email: request.user?.email ?? '' }, {}, sent);
  });

  app.post('/netzwerk/:slug/infomail', { config: { rateLimit: { max: 10, timeWindow: '1 hour' } } }, async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const t = request.t;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      email: text(body.email, 400),
      lists: list(body.lists).filter((id) => UUID.test(id)),
      digest: body.digest === '1',
      municipalities: list(body.municipalities).filter((id) => UUID.test(id)),
      fields: list(body.fields).filter((f) => (FIELDS as readonly string[]).includes(f)),
      consent: body.consent === '1',
    };
    const errors: FieldErrors = {};
    if (!values.consent) errors.consent = t('infomail.error.consent');
    const address = normaliseAddress(values.email);
    if (!address.ok) errors.email = t(address.problem === 'too_long' ? 'infomail.error.tooLong' : 'infomail.error.email');
    if (Object.keys(errors).length > 0) return subscribePage(request, reply, network, values, errors, false, 422);
    const result = await requestSubscription(
      deps,
      network,
      { email: values.email, listIds: values.lists, userId: request.user && request.user.email === (address.ok ? address.email : '') ? request.user.id : null, digest: values.digest, digestMunicipalityIds: values.municipalities, digestFields: values.fields },
      confirmTexts(network),
    );
    if (!result.ok) {
      // Without public lists the digest is the only choice, so the message stands beside it.
      const choice = (await publicLists(network.id)).length > 0 ? 'lists' : 'digest';
      errors[result.problem === 'no_list' ? choice : 'email'] = t(result.problem === 'no_list' ? 'infomail.error.noList' : result.problem === 'too_long' ? 'infomail.error.tooLong' : 'infomail.error.email');
      return subscribePage(request, reply, network, values, errors, false, 422);
    }
    return reply.redirect(`/netzwerk/${network.slug}/infomail?gesendet=1`, 303);
  });

  function confirmTexts(network: Network) {
    const de = translator('de');
    return {
      confirm: (url: string, to: string) => ({ to, subject: de('infomail.confirm.subject', { network: network.name }), text: de('infomail.confirm.text', { network: network.name, url }) }),
      known: (url: string, to: string) => ({ to, subject: de('infomail.known.subject', { network: network.name }), text: de('infomail.known.text', { network: network.name, url }) }),
    };
  }

  // A GET only shows a button: mail scanners that open links must not confirm for the person.
  app.get('/netzwerk/:slug/infomail/bestaetigen/:token', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const t = request.t;
    const { token } = request.params as { token: string };
    return reply.page(
      t('infomail.confirmed.title'),
      <form method="post" action={`/netzwerk/${network.slug}/infomail/bestaetigen/${encodeURIComponent(token)}`}>
        <h1>{t('infomail.subscribe.title', { network: network.name })}</h1>
        <input type="hidden" name="_csrf" value={reply.generateCsrf()} />
        <button class="button" type="submit">
          {t('infomail.subscribe.submit')}
        </button>
      </form>,
    );
  });

  app.post('/netzwerk/:slug/infomail/bestaetigen/:token', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const t = request.t;
    const { token } = request.params as { token: string };
    const subscriber = await confirmSubscription(deps, network, token);
    return reply.page(
      t('infomail.confirmed.title'),
      <MessagePage title={t('infomail.confirmed.title')} text={subscriber ? t('infomail.confirmed.text', { network: network.name }) : t('infomail.confirmed.invalid')} />,
      { status: subscriber ? 200 : 410 },
    );
  });

  // ---- Preferences by personal link ----

  // Signed links travel in the query: they are longer than the router allows for a path segment.
  const tokenOf = (request: FastifyRequest) => String((request.query as { t?: unknown }).t ?? '');

  async function preferencesOf(token: string) {
    const payload = readLink(secret(), token, 'p');
    if (!payload) return null;
    const [subscriber] = await db.select().from(infomailSubscribers).where(eq(infomailSubscribers.id, payload.i));
    return subscriber ?? null;
  }

  app.get('/infomail/einstellungen', async (request, reply) => {
    const token = tokenOf(request);
    const subscriber = await preferencesOf(token);
    const t = request.t;
    if (!subscriber) return reply.page(t('infomail.preferences.title'), <MessagePage title={t('infomail.preferences.title')} text={t('infomail.preferences.invalid')} />, { status: 404 });
    const lists = await publicLists(subscriber.networkId);
    const mine = new Set((await db.select().from(infomailSubscriptions).where(eq(infomailSubscriptions.subscriberId, subscriber.id))).map((s) => s.listId));
    return reply.page(
      t('infomail.preferences.title'),
      <PreferencesPage
        t={t}
        action={`/infomail/einstellungen?t=${encodeURIComponent(token)}`}
        csrfToken={reply.generateCsrf()}
        email={subscriber.email}
        lists={lists.map((l) => ({ value: l.id, label: l.name }))}
        subscribed={[...mine]}
        frequency={subscriber.frequency}
        digest={subscriber.digest}
        saved={(request.query as { gespeichert?: string }).gespeichert === '1'}
      />,
    );
  });

  app.post('/infomail/einstellungen', async (request, reply) => {
    const token = tokenOf(request);
    const subscriber = await preferencesOf(token);
    const t = request.t;
    if (!subscriber) return reply.page(t('infomail.preferences.title'), <MessagePage title={t('infomail.preferences.title')} text={t('infomail.preferences.invalid')} />, { status: 404 });
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.action === 'unsubscribe_all') {
      await unsubscribeAll(db, subscriber, deps.clock());
      return reply.page(t('infomail.unsubscribe.title'), <MessagePage title={t('infomail.unsubscribe.title')} text={t('infomail.unsubscribe.allDone')} />);
    }
    const allowed = (await publicLists(subscriber.networkId)).map((l) => l.id);
    const chosen = list(body.lists).filter((id) => allowed.includes(id));
    const now = deps.clock();
    const dropped = allowed.filter((id) => !chosen.includes(id));
    if (dropped.length > 0) await db.delete(infomailSubscriptions).where(and(eq(infomailSubscriptions.subscriberId, subscriber.id), inArray(infomailSubscriptions.listId, dropped)));
    for (const listId of chosen) await db.insert(infomailSubscriptions).values({ subscriberId: subscriber.id, listId }).onConflictDoNothing();
    const digest = body.digest === '1';
    await db
      .update(infomailSubscribers)
      .set({ digest, frequency: body.frequency === 'digest' ? 'digest' : 'all' })
      .where(eq(infomailSubscribers.id, subscriber.id));
    if (chosen.length === 0 && !digest) {
      await unsubscribeAll(db, { ...subscriber, digest }, now);
      return reply.page(t('infomail.unsubscribe.title'), <MessagePage title={t('infomail.unsubscribe.title')} text={t('infomail.unsubscribe.allDone')} />);
    }
    return reply.redirect(`/infomail/einstellungen?t=${encodeURIComponent(token)}&gespeichert=1`, 303);
  });

  // ---- One-click unsubscribe (RFC 8058): under /api/, so no CSRF token; the signed link authenticates ----

  async function unsubscribeTarget(token: string) {
    const payload = readLink(secret(), token, 'u');
    if (!payload?.e) return null;
    const [row] = await db
      .select({ list: infomailLists, network: networks })
      .from(infomailLists)
      .innerJoin(networks, eq(networks.id, infomailLists.networkId))
      .where(eq(infomailLists.id, payload.i));
    return row ? { ...row, email: payload.e } : null;
  }

  async function unsubscribePage(request: FastifyRequest, reply: FastifyReply, token: string, done: 'list' | 'all' | null) {
    const target = await unsubscribeTarget(token);
    const t = request.t;
    if (!target) return sendError(request, reply, 404);
    const [subscriber] = await db
      .select({ id: infomailSubscribers.id })
      .from(infomailSubscribers)
      .where(and(eq(infomailSubscribers.networkId, target.network.id), eq(infomailSubscribers.email, target.email)));
    reply.header('cache-control', 'no-store');
    return reply.page(
      t('infomail.unsubscribe.title'),
      <UnsubscribePage t={t} action={`/api/infomail/abmelden?t=${encodeURIComponent(token)}`} email={target.email} list={target.list.name} preferences={subscriber ? preferencesUrl(deps, subscriber.id) : null} done={done} />,
    );
  }

  app.get('/api/infomail/abmelden', async (request, reply) => unsubscribePage(request, reply, tokenOf(request), null));

  app.post('/api/infomail/abmelden', async (request, reply) => {
    const token = tokenOf(request);
    const target = await unsubscribeTarget(token);
    if (!target) return sendError(request, reply, 404);
    await unsubscribeFromList(db, target.network.id, target.list.id, target.email, deps.clock());
    // A mail client's one-click POST gets a plain answer; a person pressing the button gets the page.
    const oneClick = ((request.body ?? {}) as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click';
    if (oneClick) return reply.code(200).type('text/plain; charset=utf-8').send('unsubscribed');
    return unsubscribePage(request, reply, token, 'list');
  });

  // ---- Bounce reports from the mail server ----

  app.post('/api/infomail/bounces', async (request, reply) => {
    const expected = deps.config.infomailBounceToken;
    // Its own header: "Authorization: Bearer" on /api/ is the organisations' API keys (openapi module).
    const given = String(request.headers['x-bounce-token'] ?? '');
    if (!expected || given !== expected) return reply.code(401).type('application/problem+json').send({ type: 'about:blank', title: 'Unauthorized', status: 401 });
    const raw = Buffer.isBuffer(request.body) ? request.body : typeof request.body === 'string' ? request.body : '';
    if (!raw || raw.length === 0) return reply.code(400).type('application/problem+json').send({ type: 'about:blank', title: 'A bounce report (message/rfc822) is required', status: 400 });
    const reports = await parseBounce(raw);
    const results = [];
    for (const report of reports) results.push({ email: report.email, hard: report.hard, ...(await recordBounce(db, report, deps.clock())) });
    return reply.code(202).send({ reports: results });
  });

  // ---- Archive and RSS ----

  async function archived(networkId: string, limit = 50) {
    return db
      .select({ id: infomailMailings.id, subject: infomailMailings.subject, body: infomailMailings.body, sentAt: infomailMailings.sentAt })
      .from(infomailMailings)
      .innerJoin(infomailLists, eq(infomailLists.id, infomailMailings.listId))
      .where(and(eq(infomailMailings.networkId, networkId), eq(infomailMailings.status, 'sent'), eq(infomailLists.isPublic, true), isNotNull(infomailMailings.sentAt)))
      .orderBy(desc(infomailMailings.sentAt))
      .limit(limit);
  }

  app.get('/netzwerk/:slug/infomail/archiv', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const t = request.t;
    const rows = await archived(network.id);
    return reply.page(
      t('infomail.archive.title', { network: network.name }),
      <ArchivePage t={t} network={network} mailings={rows.map((m) => ({ id: m.id, subject: m.subject, sentAt: date(request, m.sentAt) }))} />,
    );
  });

  app.get('/netzwerk/:slug/infomail/archiv.rss', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const base = deps.config.publicUrl;
    const feed = new Feed({
      title: translator('de')('infomail.archive.title', { network: network.name }),
      id: `${base}/netzwerk/${network.slug}/infomail/archiv`,
      link: `${base}/netzwerk/${network.slug}/infomail/archiv`,
      language: 'de',
      copyright: network.name,
    });
    for (const m of await archived(network.id, 30)) {
      const link = `${base}/netzwerk/${network.slug}/infomail/archiv/${m.id}`;
      feed.addItem({ title: m.subject, id: link, link, date: m.sentAt ?? new Date(), content: renderMarkdown(m.body, { imageHosts: [new URL(base).host] }) });
    }
    return reply.type('application/rss+xml; charset=utf-8').header('cache-control', 'public, max-age=600').send(feed.rss2());
  });

  app.get('/netzwerk/:slug/infomail/archiv/:id', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const { id } = request.params as { id: string };
    const found = UUID.test(id) ? (await archived(network.id, 1000)).find((m) => m.id === id) : undefined;
    if (!found) return sendError(request, reply, 404);
    const t = request.t;
    return reply.page(
      found.subject,
      <ArchiveMailPage
        t={t}
        subject={found.subject}
        sentAt={date(request, found.sentAt)}
        html={renderMarkdown(found.body, { imageHosts: [new URL(deps.config.publicUrl).host] })}
        back={`/netzwerk/${network.slug}/infomail/archiv`}
        backLabel={t('infomail.archive.title', { network: network.name })}
      />,
    );
  });

  // ---- The office ----

  const admin = (request: FastifyRequest, reply: FastifyReply) => adminNetwork(request, reply, canManageInfomail);
  const adminBase = (network: Network) => `/netzwerk/${network.slug}/verwaltung/infomail`;

  async function listsWithCounts(networkId: string) {
    const lists = await db.select().from(infomailLists).where(eq(infomailLists.networkId, networkId)).orderBy(asc(infomailLists.name));
    const counts = await db
      .select({ listId: infomailSubscriptions.listId, n: sql<number>`count(*)::int` })
      .from(infomailSubscriptions)
      .innerJoin(infomailSubscribers, eq(infomailSubscribers.id, infomailSubscriptions.subscriberId))
      .where(and(eq(infomailSubscribers.networkId, networkId), isNotNull(infomailSubscribers.confirmedAt)))
      .groupBy(infomailSubscriptions.listId);
    return lists.map((l) => ({ ...l, confirmed: counts.find((c) => c.listId === l.id)?.n ?? 0 }));
  }

  async function adminIndex(request: FastifyRequest, reply: FastifyReply, network: Network, errors: FieldErrors, notice: string | null, status = 200) {
    const t = request.t;
    const mailings = await db.select().from(infomailMailings).where(eq(infomailMailings.networkId, network.id)).orderBy(desc(infomailMailings.createdAt)).limit(100);
    const upcoming = await db
      .select({ id: events.id, title: events.title })
      .from(events)
      .where(eq(events.networkId, network.id))
      .orderBy(desc(events.startsAt))
      .limit(50);
    return reply.page(
      t('infomail.admin.title'),
      <AdminIndexPage
        t={t}
        slug={network.slug}
        csrfToken={reply.generateCsrf()}
        notice={notice}
        lists={await listsWithCounts(network.id)}
        mailings={mailings}
        roles={ROLES.map((role) => ({ value: role, label: t(`roles.role.${role}` as MessageKey) }))}
        municipalities={(await listMunicipalities(db, network.id)).map((m) => ({ value: m.id, label: m.name }))}
        fields={fieldChoices(request)}
        events={upcoming.map((e) => ({ value: e.id, label: e.title }))}
        errors={errors}
      />,
      { status },
    );
  }

  app.get('/netzwerk/:slug/verwaltung/infomail', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const q = request.query as { angelegt?: string };
    return adminIndex(request, reply, network, {}, q.angelegt ? request.t('infomail.list.created') : null);
  });

  app.post('/netzwerk/:slug/verwaltung/infomail/listen', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const name = text(body.name, 200).trim();
    if (!name || name.length > 120) return adminIndex(request, reply, network, { name: request.t('form.required') }, null, 422);
    const kind = body.kind === 'segment' ? 'segment' : 'subscription';
    const segment: SegmentCriteria = {};
    if (kind === 'segment') {
      const roles = list(body.roles).filter((r) => (ROLES as readonly string[]).includes(r));
      if (roles.length) segment.roles = roles;
      if (body.organisationContacts === '1') segment.organisationContacts = true;
      if (body.contactableVolunteers === '1') segment.contactableVolunteers = true;
      const places = list(body.municipalities).filter((id) => UUID.test(id));
      if (places.length) segment.municipalityIds = places;
      const fields = list(body.fields).filter((f) => (FIELDS as readonly string[]).includes(f));
      if (fields.length) segment.fields = fields;
      if (typeof body.eventId === 'string' && UUID.test(body.eventId)) segment.eventId = body.eventId;
    }
    await db.insert(infomailLists).values({ networkId: network.id, name, description: text(body.description, 500), kind, isPublic: body.isPublic === '1' && kind === 'subscription', segment });
    return reply.redirect(`${adminBase(network)}?angelegt=1`, 303);
  });

  async function listChoices(networkId: string) {
    return (await db.select().from(infomailLists).where(eq(infomailLists.networkId, networkId)).orderBy(asc(infomailLists.name))).map((l) => ({ value: l.id, label: l.name }));
  }

  async function composePage(request: FastifyRequest, reply: FastifyReply, network: Network, mailing: Mailing | null, values: { listId: string; subject: string; body: string; scheduledAt: string }, errors: FieldErrors, notice: string | null, preview: boolean, status = 200) {
    const t = request.t;
    const settings = await settingsOf(deps, network.id);
    const lists = await listChoices(network.id);
    let shown: { html: string; text: string } | null = null;
    if (preview) {
      const de = translator('de');
      const parts = renderMail({
        network,
        subject: values.subject,
        body: values.body,
        publicUrl: deps.config.publicUrl,
        links: { unsubscribe: `${deps.config.publicUrl}/netzwerk/${network.slug}/infomail` },
        footer: { unsubscribe: de('infomail.mail.unsubscribe'), preferences: de('infomail.mail.preferences'), archive: de('infomail.mail.archive'), why: de('infomail.mail.why', { list: lists.find((l) => l.value === values.listId)?.label ?? '…', network: network.name }) },
      });
      shown = { html: parts.html, text: parts.text };
      const policy = reply.getHeader('content-security-policy');
      if (typeof policy === 'string') reply.header('content-security-policy', previewStylePolicy(policy, parts.html));
    }
    return reply.page(
      mailing?.subject ?? t('infomail.admin.newMailing'),
      <ComposePage t={t} slug={network.slug} csrfToken={reply.generateCsrf()} mailing={mailing} values={values} lists={lists} errors={errors} notice={notice} preview={shown} requireApproval={settings.requireApproval} reach={await reachOf(network.id, values.listId)} />,
      { status },
    );
  }

  /** How many addresses a list reaches now, as the send would work it out (the compose page names it). */
  async function reachOf(networkId: string, listId: string): Promise<number | null> {
    // A form sent with a broken list id comes back with its error; the database never sees the id.
    if (!UUID.test(listId)) return null;
    const [list] = await db.select().from(infomailLists).where(and(eq(infomailLists.id, listId), eq(infomailLists.networkId, networkId)));
    return list ? countAudience(db, list) : null;
  }

  async function loadMailing(request: FastifyRequest, reply: FastifyReply, network: Network) {
    const { id } = request.params as { id: string };
    const [mailing] = UUID.test(id) ? await db.select().from(infomailMailings).where(and(eq(infomailMailings.id, id), eq(infomailMailings.networkId, network.id))) : [];
    if (!mailing) {
      await sendError(request, reply, 404);
      return undefined;
    }
    return mailing;
  }

  const toLocalInput = (value: Date | null) => (value ? new Date(value.getTime() - value.getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '');

  app.get('/netzwerk/:slug/verwaltung/infomail/neu', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const lists = await listChoices(network.id);
    return composePage(request, reply, network, null, { listId: lists[0]?.value ?? '', subject: '', body: '', scheduledAt: '' }, {}, null, false);
  });

  app.get('/netzwerk/:slug/verwaltung/infomail/:id/bearbeiten', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const mailing = await loadMailing(request, reply, network);
    if (!mailing) return reply;
    // The notice from saving holds only while the mailing is still a draft.
    const saved = (request.query as { gespeichert?: string }).gespeichert === '1' && mailing.status === 'draft';
    return composePage(request, reply, network, mailing, { listId: mailing.listId, subject: mailing.subject, body: mailing.body, scheduledAt: toLocalInput(mailing.scheduledAt) }, {}, saved ? request.t('infomail.mailing.saved') : null, false);
  });

  async function compose(request: FastifyRequest, reply: FastifyReply, network: Network, existing: Mailing | null) {
    const t = request.t;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { listId: text(body.listId, 40), subject: text(body.subject, 400).replace(/\n/g, ' ').trim(), body: text(body.body, 50000), scheduledAt: text(body.scheduledAt, 40) };
    const errors: FieldErrors = {};
    if (!values.subject || values.subject.length > 200) errors.subject = t('infomail.mailing.subjectMissing');
    if (!UUID.test(values.listId)) errors.listId = t('infomail.mailing.listMissing');
    let scheduledAt: Date | null = null;
    if (values.scheduledAt) {
      // The browser's datetime-local is Berlin time for the office.
      const parsed = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(values.scheduledAt) ? new Date(`${values.scheduledAt}:00${berlinOffset(values.scheduledAt)}`) : null;
      if (!parsed || Number.isNaN(parsed.getTime())) errors.scheduledAt = t('infomail.mailing.dateInvalid');
      else scheduledAt = parsed;
    }
    const action = body.action;
    if (action === 'preview') return composePage(request, reply, network, existing, values, errors, null, true, Object.keys(errors).length ? 422 : 200);
    if (Object.keys(errors).length > 0) return composePage(request, reply, network, existing, values, errors, null, false, 422);
    const saved = await saveDraft(deps, network, request.user!.id, existing?.id ?? null, { listId: values.listId, subject: values.subject, body: values.body, scheduledAt });
    if (!saved.ok) {
      const message = saved.error === 'unknown_list' ? t('infomail.mailing.listMissing') : t('infomail.mailing.notEditable');
      return composePage(request, reply, network, existing, values, { [saved.error === 'unknown_list' ? 'listId' : 'subject']: message }, null, false, 422);
    }
    const mailing = saved.mailing;
    if (action === 'test') {
      await sendTest(deps, network, mailing, request.user!.email);
      return composePage(request, reply, network, mailing, values, {}, t('infomail.mailing.testSent', { email: request.user!.email }), true);
    }
    if (action === 'send') {
      const sent = await requestSend(deps, network, mailing);
      if (!sent.ok) return composePage(request, reply, network, mailing, values, { subject: t('infomail.mailing.notEditable') }, null, false, 409);
      return reply.redirect(`${adminBase(network)}/${mailing.id}?${sent.status === 'scheduled' ? 'gestartet' : 'eingereicht'}=1`, 303);
    }
    return reply.redirect(`${adminBase(network)}/${mailing.id}/bearbeiten?gespeichert=1`, 303);
  }

  app.post('/netzwerk/:slug/verwaltung/infomail/neu', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    return compose(request, reply, network, null);
  });

  app.post('/netzwerk/:slug/verwaltung/infomail/:id', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const mailing = await loadMailing(request, reply, network);
    if (!mailing) return reply;
    return compose(request, reply, network, mailing);
  });

  async function mailingPage(request: FastifyRequest, reply: FastifyReply, network: Network, mailing: Mailing, notice: string | null, error: string | null, status = 200) {
    const t = request.t;
    const [listRow] = await db.select().from(infomailLists).where(eq(infomailLists.id, mailing.listId));
    const counts = await db
      .select({ state: infomailRecipients.state, n: sql<number>`count(*)::int` })
      .from(infomailRecipients)
      .where(eq(infomailRecipients.mailingId, mailing.id))
      .groupBy(infomailRecipients.state);
    const recipients = await db.select().from(infomailRecipients).where(eq(infomailRecipients.mailingId, mailing.id)).orderBy(asc(infomailRecipients.email)).limit(500);
    return reply.page(
      mailing.subject,
      <MailingPage
        t={t}
        slug={network.slug}
        csrfToken={reply.generateCsrf()}
        mailing={mailing}
        listName={listRow?.name ?? ''}
        counts={Object.fromEntries(counts.map((c) => [c.state, c.n]))}
        recipients={recipients}
        canApprove={mailing.createdBy !== request.user?.id}
        notice={notice}
        error={error}
      />,
      { status },
    );
  }

  app.get('/netzwerk/:slug/verwaltung/infomail/:id', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const mailing = await loadMailing(request, reply, network);
    if (!mailing) return reply;
    const q = request.query as Record<string, string | undefined>;
    const t = request.t;
    // The notice from the redirect holds only while it is true: not after the mailing has gone out.
    const notice = q.gestartet && (mailing.status === 'scheduled' || mailing.status === 'sending') ? t('infomail.mailing.started') : q.eingereicht && mailing.status === 'awaiting_approval' ? t('infomail.mailing.submitted') : null;
    return mailingPage(request, reply, network, mailing, notice, null);
  });

  app.post('/netzwerk/:slug/verwaltung/infomail/:id/status', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const mailing = await loadMailing(request, reply, network);
    if (!mailing) return reply;
    const t = request.t;
    const action = ((request.body ?? {}) as Record<string, unknown>).action;
    if (action === 'approve') {
      const result = await approve(deps, mailing, request.user!.id);
      if (!result.ok) return mailingPage(request, reply, network, mailing, null, t(result.error === 'not_yours' ? 'infomail.mailing.notYours' : 'infomail.mailing.notEditable'), 409);
    } else if (action === 'pause') {
      await pause(deps, mailing);
    } else if (action === 'resume') {
      await resume(deps, mailing);
    }
    return reply.redirect(`${adminBase(network)}/${mailing.id}`, 303);
  });

  app.get('/netzwerk/:slug/verwaltung/infomail/einstellungen', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const settings = await settingsOf(deps, network.id);
    return reply.page(request.t('infomail.admin.settings'), <SettingsPage t={request.t} slug={network.slug} csrfToken={reply.generateCsrf()} values={settings} errors={{}} saved={(request.query as { gespeichert?: string }).gespeichert === '1'} />);
  });

  app.post('/netzwerk/:slug/verwaltung/infomail/einstellungen', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { fromName: text(body.fromName, 120).replace(/[\n<>"]/g, '').trim(), replyTo: text(body.replyTo, 400).trim(), requireApproval: body.requireApproval === '1' };
    const reply_ = values.replyTo ? normaliseAddress(values.replyTo) : null;
    if (reply_ && !reply_.ok) {
      return reply.page(request.t('infomail.admin.settings'), <SettingsPage t={request.t} slug={network.slug} csrfToken={reply.generateCsrf()} values={values} errors={{ replyTo: request.t('infomail.error.email') }} saved={false} />, { status: 422 });
    }
    const row = { networkId: network.id, fromName: values.fromName, replyTo: reply_?.ok ? reply_.email : '', requireApproval: values.requireApproval };
    await db.insert(infomailSettings).values(row).onConflictDoUpdate({ target: infomailSettings.networkId, set: row });
    return reply.redirect(`${adminBase(network)}/einstellungen?gespeichert=1`, 303);
  });

  app.get('/netzwerk/:slug/verwaltung/infomail/unzustellbar', async (request, reply) => {
    const network = await admin(request, reply);
    if (!network) return reply;
    const rows = await db.select().from(infomailBounces).where(eq(infomailBounces.networkId, network.id)).orderBy(desc(infomailBounces.receivedAt)).limit(500);
    const blocked = new Set(
      (
        await db
          .select({ hash: infomailSuppressions.emailHash })
          .from(infomailSuppressions)
          .where(and(eq(infomailSuppressions.networkId, network.id), eq(infomailSuppressions.reason, 'bounced'), inArray(infomailSuppressions.emailHash, rows.length ? rows.map((r) => addressHash(r.email)) : [''])))
      ).map((r) => r.hash),
    );
    return reply.page(
      request.t('infomail.admin.bounces'),
      <BouncesPage
        t={request.t}
        limit={HARD_BOUNCE_LIMIT}
        bounces={rows.map((b) => ({ id: b.id, email: b.email, hard: b.hard, status: b.status, diagnostic: b.diagnostic, receivedAt: date(request, b.receivedAt), blocked: blocked.has(addressHash(b.email)) }))}
      />,
    );
  });

};

/** "+01:00" or "+02:00": the Berlin offset at a wall-clock time (good to the hour around the switch). */
function berlinOffset(local: string): string {
  const guess = new Date(`${local}:00Z`);
  const berlin = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Berlin' }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  const hours = Math.round((berlin.getTime() - utc.getTime()) / 3600000);
  return `+0${hours}:00`;
}
