import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { InjectOptions, RouteOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestContext } from '../test/helpers.ts';
import { createNeed, createOffer, createOrganisation, demoRegion } from '../test/fixtures.ts';
import { createSession, SESSION_COOKIE } from './platform/auth/sessions.ts';
import { organisationMembers } from './modules/organisations/schema.ts';
import { createApiToken } from './modules/openapi/commands.ts';

/*
 * Walks every route the app registers and sends each input it can take — path parameters, query
 * parameters, form and JSON body fields — a NUL byte, another control character and a line break with
 * characters outside Latin-1. Whatever a route does with them, it must never answer 5xx: a new route
 * that forgets its input is caught here, not by a visitor.
 */

const routes: RouteOptions[] = [];
const ctx: TestContext = await createTestApp({ build: { onRoute: (route) => void routes.push(route) } });
afterAll(() => ctx.close());

const region = await demoRegion(ctx);
const admin = await createUser(ctx, {
  email: 'walker@example.org',
  password: 'walker Passwort 1',
  platformAdmin: true,
  roles: [{ networkId: region.gems.id, role: 'network_office' }],
});
const organisation = await createOrganisation(ctx, { networkId: region.gems.id });
await ctx.deps.db.insert(organisationMembers).values({ organisationId: organisation.id, userId: admin.id, role: 'admin' });
const offer = await createOffer(ctx, { networkId: region.gems.id, organisationId: organisation.id, municipalityId: region.municipality('Krostitz').id });
const need = await createNeed(ctx, { networkId: region.gems.id });
const apiToken = await createApiToken(ctx.deps.db, { organisationId: organisation.id, name: 'Walk', scopes: ['read', 'write'], createdBy: admin.id, now: ctx.clock.now });
if (!apiToken.ok) throw new Error('no API token');

/** A CSRF secret cookie and its token, so form posts reach their handlers instead of stopping at 403. */
const csrf = await (async () => {
  const page = await ctx.app.inject('/anmelden');
  const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
  const cookie = page.cookies.find((c) => c.name === 'mmn_csrf');
  if (!token || !cookie) throw new Error('no CSRF token');
  return { token, cookie: `mmn_csrf=${cookie.value}` };
})();

const BAD = ['\u0000', 'a\u0007\r\nb ü€ 日本'];

/** A value that lets the route find something real, so the walk goes past "not found" where it can. */
function goodParam(name: string, url: string): string {
  if (name === 'slug') return region.gems.slug;
  if (name === 'locale' || name === 'lang') return 'de';
  if (/id$/i.test(name)) {
    if (url.includes('organisation')) return organisation.id;
    if (url.includes('beduerf') || url.includes('needs') || url.includes('bedarf')) return need.id;
    if (url.includes('angebot') || url.includes('offer')) return offer.id;
    return crypto.randomUUID();
  }
  return 'x';
}

/** Query names the code reads without a schema, found in its source (every `?name=` and `query as {...}`). */
const sourceQueryNames = (() => {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/[?&]([a-z][a-zA-Z_]{1,30})=/g)) names.add(m[1] ?? '');
        for (const m of text.matchAll(/query as \{([^}]*)\}/g)) {
          for (const k of (m[1] ?? '').matchAll(/(\w+)\??:/g)) names.add(k[1] ?? '');
        }
        for (const m of text.matchAll(/query as [^)]*\)\??\.(\w+)/g)) names.add(m[1] ?? '');
      }
    }
  };
  walk(path.resolve('src'));
  names.delete('');
  return [...names].sort();
})();

/** Field names routes without a body schema commonly read. */
const COMMON_FIELDS = ['name', 'email', 'text', 'title', 'message', 'reason', 'weiter', 'action', 'role', 'status', 'password'];

function propertiesOf(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function paramNames(url: string): string[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '').concat(url.includes('*') ? ['*'] : []);
}

function fillPath(url: string, bad?: { name: string; value: string }): string {
  return url
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(bad?.name === name ? bad.value : goodParam(name, url)))
    .replace('*', () => encodeURIComponent(bad?.name === '*' ? bad.value : 'x'));
}

function queryString(values: Record<string, string>): string {
  const query = new URLSearchParams(values).toString();
  return query ? `?${query}` : '';
}

let n = 0;
async function send(route: string, options: InjectOptions & { url: string }, session: string) {
  n += 1;
  const isApi = options.url.startsWith('/api/');
  const response = await ctx.app.inject({
    ...options,
    // A fresh address each time: the walk is not to be stopped by rate limits.
    remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    headers: {
      cookie: `${SESSION_COOKIE}=${session}; ${csrf.cookie}`,
      ...(isApi ? { authorization: `Bearer ${apiToken.ok ? apiToken.token : ''}` } : {}),
      ...(options.headers ?? {}),
    },
  });
  return response.statusCode >= 500 ? [`${route}: ${options.method} ${options.url} ${String(options.payload ?? '').slice(0, 200)} → ${response.statusCode}`] : [];
}

const walked = routes.filter((r) => !String(r.url).startsWith('/static/'));

describe('every route, fed bad input', () => {
  it('finds the routes of every module', () => {
    expect(walked.length).toBeGreaterThan(100);
    for (const url of ['/angebote', '/netzwerk/:slug', '/sprache/:locale', '/api/v1/offers', '/anmelden', '/organisationen/:id/mitglieder']) {
      expect(walked.map((r) => r.url)).toContain(url);
    }
  });

  it.each(walked.flatMap((route) => [route.method].flat().filter((m) => m !== 'HEAD' && m !== 'OPTIONS').map((method) => ({ method, route }))))(
    '$method $route.url answers bad input without a server error',
    async ({ method, route }) => {
      const url = String(route.url);
      const label = `${method} ${url}`;
      const session = await createSession(ctx.deps.db, admin.id, ctx.clock.now);
      const failures: string[] = [];
      const schema = (route.schema ?? {}) as { querystring?: unknown; body?: unknown };

      for (const value of BAD) {
        for (const name of paramNames(url)) {
          failures.push(...(await send(label, { method, url: fillPath(url, { name, value }) }, session)));
        }
        const queryNames = [...new Set([...propertiesOf(schema.querystring), ...sourceQueryNames])];
        failures.push(...(await send(label, { method, url: fillPath(url) + queryString(Object.fromEntries(queryNames.map((q) => [q, value]))) }, session)));
        for (const q of propertiesOf(schema.querystring)) {
          failures.push(...(await send(label, { method, url: fillPath(url) + queryString({ [q]: value }) }, session)));
        }
        if (method === 'GET') continue;

        const fields = [...new Set([...propertiesOf(schema.body), ...COMMON_FIELDS])];
        const bodies: Array<Record<string, unknown>> = [Object.fromEntries(fields.map((f) => [f, value]))];
        for (const f of propertiesOf(schema.body)) bodies.push({ [f]: value });
        for (const body of bodies) {
          const form = new URLSearchParams({ _csrf: csrf.token, ...(body as Record<string, string>) }).toString();
          failures.push(
            ...(await send(label, { method, url: fillPath(url), payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, session)),
            ...(await send(label, { method, url: fillPath(url), payload: JSON.stringify({ _csrf: csrf.token, ...body }), headers: { 'content-type': 'application/json' } }, session)),
          );
        }
      }
      if (method !== 'GET') {
        // JSON where a form expects text: objects, arrays, numbers and null in every field.
        const fields = [...new Set([...propertiesOf(schema.body), ...COMMON_FIELDS])];
        for (const odd of [{}, ['\u0000'], 7, null, true]) {
          const payload = JSON.stringify({ _csrf: csrf.token, ...Object.fromEntries(fields.map((f) => [f, odd])) });
          failures.push(...(await send(label, { method, url: fillPath(url), payload, headers: { 'content-type': 'application/json' } }, session)));
        }
        for (const payload of ['[]', '"\\u0000"', '{"_csrf": 1}', 'null']) {
          failures.push(...(await send(label, { method, url: fillPath(url), payload, headers: { 'content-type': 'application/json' } }, session)));
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});

describe('the answers to bad input', () => {
  it('is a page in the visitor’s language for a NUL in a query or a path (the probe’s two addresses)', async () => {
    for (const url of ['/angebote?ort=%00', '/netzwerk/%00']) {
      const german = await ctx.app.inject(url);
      expect(german.statusCode).toBe(400);
      expect(german.headers['content-type']).toContain('text/html');
      expect(german.body).toContain('Ungültige Adresse');
      const english = await ctx.app.inject({ url, headers: { 'accept-language': 'en' } });
      expect(english.body).toContain('Invalid address');
    }
  });

  it('is problem+json naming the field for an API body with a NUL', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/offers',
      headers: { authorization: `Bearer ${apiToken.ok ? apiToken.token : ''}` },
      payload: { title: 'Hausaufgabenhilfe\u0000', field: 'schule', skills: ['Geduld', 'a\u0000'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, errors: [{ field: 'title' }] });
  });

  it('is 415 for JSON sent to a form route, and a form’s control characters are removed', async () => {
    const session = await createSession(ctx.deps.db, admin.id, ctx.clock.now);
    const headers = { cookie: `${SESSION_COOKIE}=${session}; ${csrf.cookie}` };
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/konto',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: csrf.token, name: ['x'], locale: 'de' }),
    });
    expect(json.statusCode).toBe(415);
    expect(json.body).toContain('Format nicht unterstützt');
    const form = await ctx.app.inject({
      method: 'POST',
      url: '/konto',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf.token, name: ' Wal\u0000ker ', locale: 'de' }).toString(),
    });
    expect(form.statusCode).toBe(303);
    const account = await ctx.app.inject({ url: '/konto', headers });
    expect(account.body).toContain('value="Walker"');
  });

  it('never writes a header Node refuses: a return path with CR, LF or non-Latin-1 characters', async () => {
    const session = await createSession(ctx.deps.db, admin.id, ctx.clock.now);
    for (const weiter of ['/angebote?q=Grüße€', '/x\r\nSet-Cookie: a=b', '/日本']) {
      const response = await ctx.app.inject({ url: `/anmelden?weiter=${encodeURIComponent(weiter)}`, headers: { cookie: `${SESSION_COOKIE}=${session}` } });
      expect(response.statusCode).toBeLessThan(500);
      expect(String(response.headers.location ?? '')).toMatch(/^[\x21-\x7e]*$/);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });
});
