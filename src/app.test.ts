import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../test/helpers.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('the HTTP edge', () => {
  it('refuses a state-changing form without a CSRF token with a page in German', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/anmelden',
      payload: 'email=a%40b.de&password=irgendwas',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Formular abgelaufen');
  });

  it('answers a body over the limit with 413, not 500', async () => {
    const client = new Client(ctx.app);
    const response = await client.submit('/anmelden', { email: 'a@b.de', password: 'x'.repeat(1_100_000) }, '/anmelden');
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('Zu große Eingabe');
  });

  it('removes NUL and control characters from form fields instead of failing in the database', async () => {
    const client = new Client(ctx.app);
    const response = await client.submit(
      '/registrieren',
      { name: 'Nu\u0000ll\u0007', email: 'nul\u0000@example.org', password: 'lange genug 123', consent: 'ja' },
      '/registrieren',
    );
    expect(response.statusCode).toBeLessThan(500);
  });

  it('answers unknown API routes with problem+json and unknown pages with a German 404 page', async () => {
    const api = await ctx.app.inject({ url: '/api/v1/nichts' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 404, title: 'Seite nicht gefunden' });
    const page = await ctx.app.inject({ url: '/gibt-es-nicht' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('sends security headers on every page', async () => {
    const response = await ctx.app.inject({ url: '/' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBeDefined();
    expect(String(response.headers['content-security-policy'])).toContain("object-src 'none'");
  });
});
