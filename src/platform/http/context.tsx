import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { render } from 'preact-render-to-string';
import type { VNode } from 'preact';
import { isLocale, localeFromAcceptLanguage, translator, type Locale, type T } from '../i18n/index.ts';
import { ANONYMOUS, isNetworkAdmin, type Actor } from '../policy.ts';
import { Layout, type PageContext, type PageMeta } from '../ui/layout.tsx';
import { loadSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { redactUrl } from './log.ts';
import type { User } from '../auth/schema.ts';

export const LOCALE_COOKIE = 'mmn_lang';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: T;
    user: User | null;
    actor: Actor;
    sessionId: string | null;
    /** The network the page belongs to, set by network routes for theming and the admin link. */
    network: { id: string; slug: string; name: string } | undefined;
  }
  interface FastifyReply {
    /** Renders a full HTML page inside the layout; every page gets Open Graph tags, `meta` adds to them. */
    page(title: string, body: VNode, options?: { status?: number; description?: string; meta?: PageMeta }): FastifyReply;
  }
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const network = request.network;
  return {
    t: request.t,
    locale: request.locale,
    path: request.url,
    csrfToken: reply.generateCsrf(),
    user: request.user ? { name: request.user.name, email: request.user.email } : null,
    canAdminister: network ? isNetworkAdmin(request.actor, network.id) : false,
    isPlatformAdmin: request.actor.isPlatformAdmin,
    network,
  };
}

/** Per-request locale, translator, signed-in user and roles; the page renderer. */
export const requestContext = fp(async (app: FastifyInstance) => {
  app.decorateRequest('locale', 'de');
  app.decorateRequest('t', null as unknown as T);
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('network', undefined);

  // One CSRF token per response. Without a secret cookie yet, every generateCsrf() call would mint a new
  // secret and the last Set-Cookie would win, so a form rendered before the layout got a token that fails.
  app.addHook('onRequest', async (_request, reply) => {
    const generate = reply.generateCsrf;
    let token: string | undefined;
    reply.generateCsrf = function (this: FastifyReply, options) {
      token ??= generate.call(this, options);
      return token;
    };
  });

  app.addHook('onRequest', async (request) => {
    const chosen = request.cookies[LOCALE_COOKIE];
    request.locale = isLocale(chosen) ? chosen : localeFromAcceptLanguage(request.headers['accept-language']);
    request.t = translator(request.locale);
    request.actor = ANONYMOUS;
    if (request.url.startsWith('/static/')) return;
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await loadSession(app.deps.db, cookie, app.deps.clock());
    if (!session) return;
    request.user = session.user;
    request.sessionId = session.id;
    request.actor = session.actor;
    if (session.user.locale && !isLocale(chosen) && isLocale(session.user.locale)) {
      request.locale = session.user.locale;
      request.t = translator(request.locale);
    }
  });

  app.decorateReply('page', function (this: FastifyReply, title: string, body: VNode, options = {}) {
    const ctx = pageContext(this.request, this);
    // The address without its query and without secrets of token links: link previews name the page, nothing more.
    const url = `${app.deps.config.publicUrl}${redactUrl(this.request.url.split('?')[0] ?? '')}`;
    const html = render(
      <Layout ctx={ctx} title={title} description={options.description} meta={{ url, ...options.meta }}>
        {body}
      </Layout>,
    );
    return this.code(options.status ?? 200)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`<!doctype html>${html}`);
  });
});
