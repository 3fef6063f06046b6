import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { createApiToken } from '../../modules/openapi/commands.ts';
import { BrowserAt } from '../../modules/accounts/test-client.ts';

/* Issue 12, finding 8: headers, cookies, login throttling and unknown API fields. */

let plain: TestContext;
let proxied: TestContext;
let httpsSite: TestContext;
beforeAll(async () => {
  [plain, proxied, httpsSite] = await Promise.all([
    createTestApp(),
    createTestApp({ env: { TRUST_PROXY: 'true', PUBLIC_URL: 'http://engagement.example' } }),
    createTestApp({ env: { PUBLIC_URL: 'https://engagement.example' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.close(), proxied?.close(), httpsSite?.close()]);
});

function setCookie(response: { headers: Record<string, unknown> }, name: string): string {
  const all = [response.headers['set-cookie'] ?? []].flat().map(String);
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in ${all.join(' | ')}`);
  return found;
}

const HTTPS = { 'x-forwarded-proto': 'https' };

describe('cookies and HSTS follow the scheme the visitor used', () => {
  it('over plain HTTP: no HSTS, and cookies a plain-HTTP browser can keep', async () => {
    const page = await plain.app.inject('/anmelden');
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(setCookie(page, 'mmn_csrf')).not.toMatch(/;\s*Secure/i);
    expect(setCookie(await plain.app.inject('/sprache/en'), 'mmn_lang')).not.toMatch(/;\s*Secure/i);
  });

  it('behind a proxy that says HTTPS: HSTS, and every cookie Secure', async () => {
    const page = await proxied.app.inject({ url: '/anmelden', headers: HTTPS });
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(setCookie(page, 'mmn_csrf')).toMatch(/;\s*Secure/i);
    expect(setCookie(await proxied.app.inject({ url: '/sprache/en', headers: HTTPS }), 'mmn_lang')).toMatch(/;\s*Secure/i);

    await createUser(proxied, { email: 'sicher@example.org', password: 'sicheres Passwort 1' });
    const browser = new BrowserAt(proxied.app);
    await browser.get('/anmelden', HTTPS);
    const login = await browser.request({
      method: 'POST',
      url: '/anmelden',
      headers: { ...HTTPS, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: browser.lastCsrf, email: 'sicher@example.org', password: 'sicheres Passwort 1' }).toString(),
    });
    expect(login.statusCode).toBe(303);
    expect(setCookie(login, 'mmn_session')).toMatch(/;\s*Secure/i);
  });

  it('behind a proxy that says plain HTTP: no HSTS', async () => {
    const page = await proxied.app.inject({ url: '/anmelden', headers: { 'x-forwarded-proto': 'http' } });
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(setCookie(page, 'mmn_csrf')).not.toMatch(/;\s*Secure/i);
  });

  it('with an https PUBLIC_URL: cookies Secure even where the proxy does not say so', async () => {
    const page = await httpsSite.app.inject('/anmelden');
    expect(setCookie(page, 'mmn_csrf')).toMatch(/;\s*Secure/i);
    expect(setCookie(await httpsSite.app.inject('/sprache/en'), 'mmn_lang')).toMatch(/;\s*Secure/i);
  });
});

describe('framing and fonts', () => {
  it('forbids framing consistently and loads fonts from this site only', async () => {
    const page = await plain.app.inject('/');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    // X-Frame-Options for old browsers says the same as frame-ancestors, never SAMEORIGIN.
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(csp).toMatch(/font-src 'self'(;|$)/);
    expect(csp).not.toMatch(/font-src[^;]*https:/);
  });
});

describe('login throttling per account', () => {
  const email = 'gezielt@example.org';
  const password = 'das richtige Passwort 9';
  beforeAll(async () => {
    await createUser(plain, { email, password });
  });

  async function attempt(ip: string, pass: string, who = email) {
    const browser = new BrowserAt(plain.app, ip);
    return browser.submit('/anmelden', { email: who, password: pass }, '/anmelden');
  }

  it('stops guessing at one account from one address, while the owner elsewhere still gets in', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('192.0.2.10', `falsch ${i}`)).statusCode).toBe(422);
    const blocked = await attempt('192.0.2.10', password);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // The same address may still sign in to other accounts, and the owner from another address.
    expect((await attempt('192.0.2.10', 'egal egal egal', 'anderes@example.org')).statusCode).toBe(422);
    expect((await attempt('198.51.100.7', password)).statusCode).toBe(303);
  });

  it('caps guesses at one account from many addresses for a short while only, and answers alike for unknown addresses', async () => {
    const target = 'verteilt@example.org';
    await createUser(plain, { email: target, password });
    let n = 0;
    let status = 422;
    while (status === 422 && n < 100) {
      n += 1;
      status = (await attempt(`203.0.113.${n}`, `falsch ${n}`, target)).statusCode;
    }
    expect(status).toBe(429);
    expect(n).toBeGreaterThan(5);
    expect(n).toBeLessThanOrEqual(31);
    const fresh = await attempt('203.0.113.200', password, target);
    expect(fresh.statusCode).toBe(429);
    expect(Number(fresh.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // The owner can still get in by a login link in the meantime.
    expect(fresh.body).toContain('href="/anmeldelink"');

    // An address without an account is throttled after the same number of tries: nothing tells them apart.
    let m = 0;
    let other = 422;
    while (other === 422 && m < 100) {
      m += 1;
      other = (await attempt(`233.252.0.${m}`, `falsch ${m}`, 'niemand-hier@example.org')).statusCode;
    }
    expect(m).toBe(n);
  });
});

describe('unknown fields in API bodies', () => {
  it('are refused with 400 naming the field, as the OpenAPI document promises', async () => {
    const region = await demoRegion(plain);
    const creator = await createUser(plain, { email: 'api@example.org' });
    const organisation = await createOrganisation(plain, { networkId: region.gems.id });
    const token = await createApiToken(plain.deps.db, { organisationId: organisation.id, name: 'T', scopes: ['read', 'write'], createdBy: creator.id, now: plain.clock.now });
    if (!token.ok) throw new Error('no token');
    const body = {
      title: 'Vorlesen in der Kita Krostitz',
      summary: 'Einmal in der Woche vorlesen.',
      field: 'schule',
      commitment: 'regular',
      municipalityId: region.municipality('Krostitz').id,
      contactEmail: 'kita@example.org',
    };
    const send = (payload: object) =>
      plain.app.inject({ method: 'POST', url: '/api/v1/offers', headers: { authorization: `Bearer ${token.token}` }, payload });
    const refused = await send({ ...body, colour: 'red' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 400, errors: [{ field: 'colour' }] });
    expect((await send(body)).statusCode).toBe(201);
  });
});
