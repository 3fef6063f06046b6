import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { networks } from '../../platform/networks/schema.ts';
import { offers } from '../offers/schema.ts';
import { createApiToken } from './commands.ts';

let ctx: TestContext;
let region: Awaited<ReturnType<typeof demoRegion>>;
const tokens = {} as Record<'write' | 'read' | 'pending' | 'rejected' | 'other' | 'weisswasser', string>;
let orgId = '';
let otherOfferId = '';

beforeAll(async () => {
  ctx = await createTestApp();
  region = await demoRegion(ctx);
  const creator = await createUser(ctx, { email: 'vorstand@heimatverein.de' });
  const org = await createOrganisation(ctx, { networkId: region.gems.id });
  const pending = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Neue Initiative', status: 'pending' });
  const rejected = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Abgelehnt', status: 'rejected' });
  const other = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Sportverein Rackwitz' });
  const ww = await createOrganisation(ctx, { networkId: region.weisswasser.id, name: 'Stadtverein Weißwasser' });
  orgId = org.id;
  otherOfferId = (await createOffer(ctx, { networkId: region.gems.id, organisationId: other.id, municipalityId: region.municipality('Rackwitz').id })).id;
  const make = async (organisationId: string, scopes: Array<'read' | 'write'>) => {
    const result = await createApiToken(ctx.deps.db, { organisationId, name: 'Test', scopes, createdBy: creator.id, now: ctx.clock.now });
    if (!result.ok) throw new Error('token not created');
    return result.token;
  };
  tokens.write = await make(org.id, ['read', 'write']);
  tokens.read = await make(org.id, ['read']);
  tokens.pending = await make(pending.id, ['write']);
  tokens.rejected = await make(rejected.id, ['write']);
  tokens.other = await make(other.id, ['read', 'write']);
  tokens.weisswasser = await make(ww.id, ['write']);
});
afterAll(async () => ctx?.close());

function offerBody(changes: Record<string, unknown> = {}) {
  return {
    title: 'Hausaufgabenhilfe in der Grundschule Krostitz',
    summary: 'Zweimal in der Woche Kinder beim Lernen begleiten.',
    description: 'Wir suchen Menschen mit Geduld.\n\nDie Schule stellt einen Raum.',
    field: 'schule',
    targetGroups: ['kinder'],
    skills: ['Geduld', 'Freude am Lernen'],
    commitment: 'regular',
    hoursPerWeek: 2.5,
    weekdays: [2, 4],
    timesOfDay: ['afternoon'],
    municipalityId: region.municipality('Krostitz').id,
    contactName: 'Vera Vorstand',
    contactEmail: 'Vorstand@Heimatverein.de',
    ...changes,
  };
}

function send(method: 'POST' | 'PUT' | 'DELETE', url: string, token: string | undefined, payload?: unknown, headers: Record<string, string> = {}) {
  return ctx.app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

describe('creating offers', () => {
  test('a verified organisation’s offer is published at once, with the form’s normalisation', async () => {
    const response = await send('POST', '/api/v1/offers', tokens.write, offerBody());
    expect(response.statusCode).toBe(201);
    const body = response.json() as { id: string; status: string; descriptionHtml: string; contact: { email: string }; lat: number | null; expiresAt: string };
    expect(body.status).toBe('published');
    expect(response.headers.location).toBe(`${ctx.deps.config.publicUrl}/api/v1/offers/${body.id}`);
    expect(body.descriptionHtml).toBe('<p>Wir suchen Menschen mit Geduld.</p><p>Die Schule stellt einen Raum.</p>');
    expect(body.contact.email).toBe('vorstand@heimatverein.de');
    // Without own coordinates the offer sits in its municipality's centre.
    expect(body.lat).toBe(region.municipality('Krostitz').lat);
    expect(body.expiresAt).toBeTruthy();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    const [row] = await ctx.deps.db.select().from(offers).where(eq(offers.id, body.id));
    expect(row).toMatchObject({ organisationId: orgId, networkId: region.gems.id, createdBy: null, skills: ['Geduld', 'Freude am Lernen'] });
    // It is public now: the search finds it.
    const search = await ctx.app.inject({ method: 'GET', url: '/api/v1/offers?q=Hausaufgabenhilfe' });
    expect((search.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).toContain(body.id);
  });

  test('where the network office reviews offers, and for unverified organisations, the offer waits in review', async () => {
    const pending = await send('POST', '/api/v1/offers', tokens.pending, offerBody({ title: 'Von einer neuen Initiative' }));
    expect(pending.statusCode).toBe(201);
    expect(pending.json()).toMatchObject({ status: 'in_review', publishedAt: null });

    await ctx.deps.db.update(networks).set({ moderation: 'offers' }).where(eq(networks.id, region.gems.id));
    try {
      const reviewed = await send('POST', '/api/v1/offers', tokens.write, offerBody({ title: 'Geprüft vor Veröffentlichung' }));
      expect(reviewed.statusCode).toBe(201);
      const body = reviewed.json() as { id: string; status: string };
      expect(body.status).toBe('in_review');
      // Not public: anonymous readers do not see it, the organisation's own token does.
      expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/offers/${body.id}` })).statusCode).toBe(404);
      const own = await ctx.app.inject({ method: 'GET', url: `/api/v1/offers/${body.id}`, headers: { authorization: `Bearer ${tokens.write}` } });
      expect(own.statusCode).toBe(200);
    } finally {
      await ctx.deps.db.update(networks).set({ moderation: 'organisations' }).where(eq(networks.id, region.gems.id));
    }
  });

  test('submit: false keeps a draft', async () => {
    const response = await send('POST', '/api/v1/offers', tokens.write, offerBody({ title: 'Noch ein Entwurf', submit: false }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ status: 'draft' });
  });

  test('the same Idempotency-Key creates one offer', async () => {
    const key = crypto.randomUUID();
    const first = await send('POST', '/api/v1/offers', tokens.write, offerBody({ title: 'Nur einmal' }), { 'idempotency-key': key });
    const second = await send('POST', '/api/v1/offers', tokens.write, offerBody({ title: 'Nur einmal' }), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ id: key, status: 'published' });
    const rows = await ctx.deps.db.select().from(offers).where(eq(offers.title, 'Nur einmal'));
    expect(rows).toHaveLength(1);
    // Another organisation cannot take the key over.
    const taken = await send('POST', '/api/v1/offers', tokens.other, offerBody({ title: 'Fremd' }), { 'idempotency-key': key });
    expect(taken.statusCode).toBe(409);
  });

  test('without a token 401, with a read-only token or a refused organisation 403', async () => {
    const none = await send('POST', '/api/v1/offers', undefined, offerBody());
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect(none.headers['content-type']).toContain('application/problem+json');
    for (const token of [tokens.read, tokens.rejected]) {
      const refused = await send('POST', '/api/v1/offers', token, offerBody());
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
  });

  test('a session cookie is no key: a signed-in browser cannot write through the API', async () => {
    const user = await createUser(ctx, { email: 'browser@heimatverein.de' });
    const client = await signedInClient(ctx, user);
    const response = await client.request({ method: 'POST', url: '/api/v1/offers', payload: offerBody(), headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('bad input', () => {
  test('schema errors answer 400 problem+json naming the fields', async () => {
    const response = await send('POST', '/api/v1/offers', tokens.write, { title: '', field: 'quidditch', commitment: 'regular', weekdays: [9] });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = (response.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'field', 'weekdays/0']));
    expect((await send('POST', '/api/v1/offers', tokens.write, 'kein json', { 'content-type': 'application/json' })).statusCode).toBe(400);
  });

  test('the offer form’s rules answer 422 with one message per field', async () => {
    const response = await send(
      'POST',
      '/api/v1/offers',
      tokens.write,
      offerBody({ municipalityId: null, startsOn: '2026-05-01', endsOn: '2026-04-01', contactEmail: 'keine-adresse', skills: ['Erste Hilfe, Führerschein'] }),
    );
    expect(response.statusCode).toBe(422);
    const body = response.json() as { errors: Array<{ field: string; message: string }> };
    expect(body.errors.map((e) => e.field).sort()).toEqual(['contactEmail', 'endsOn', 'municipalityId', 'skills']);
    expect(body.errors.every((e) => e.message.length > 5)).toBe(true);
    expect((await send('POST', '/api/v1/offers', tokens.write, offerBody({ startsOn: '2026-02-30' }))).statusCode).toBe(422);
  });

  test('a municipality of another network is refused', async () => {
    const response = await send('POST', '/api/v1/offers', tokens.weisswasser, offerBody());
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ errors: [{ field: 'municipalityId' }] });
  });

  test('remote offers need no municipality', async () => {
    const response = await send('POST', '/api/v1/offers', tokens.weisswasser, offerBody({ municipalityId: null, remote: true, title: 'Telefonpatenschaft' }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ remote: true, municipality: null, lat: null });
  });
});

describe('changing and archiving', () => {
  test('PUT replaces the content and keeps the status; DELETE archives; archived offers are gone for the public', async () => {
    const created = (await send('POST', '/api/v1/offers', tokens.write, offerBody({ title: 'Zum Ändern' }))).json() as { id: string };
    const url = `/api/v1/offers/${created.id}`;
    const changed = await send('PUT', url, tokens.write, offerBody({ title: 'Geändert', skills: [] }));
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ title: 'Geändert', status: 'published', skills: [] });

    expect((await send('PUT', url, tokens.read, offerBody())).statusCode).toBe(403);
    expect((await send('PUT', url, tokens.other, offerBody())).statusCode).toBe(403);
    expect((await send('PUT', url, tokens.write, offerBody({ endsOn: '2020-01-01', startsOn: '2021-01-01' }))).statusCode).toBe(422);
    expect((await send('PUT', '/api/v1/offers/00000000-0000-4000-8000-000000000000', tokens.write, offerBody())).statusCode).toBe(404);

    expect((await send('DELETE', url, tokens.other)).statusCode).toBe(403);
    expect((await send('DELETE', url, tokens.read)).statusCode).toBe(403);
    const archived = await send('DELETE', url, tokens.write);
    expect(archived.statusCode).toBe(204);
    expect(archived.body).toBe('');
    const [row] = await ctx.deps.db.select().from(offers).where(eq(offers.id, created.id));
    expect(row?.status).toBe('archived');
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    const search = await ctx.app.inject({ method: 'GET', url: '/api/v1/offers?q=Geändert' });
    expect((search.json() as { items: Array<{ id: string }> }).items.map((i) => i.id)).not.toContain(created.id);

    // Archived is final.
    const again = await send('DELETE', url, tokens.write);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await send('PUT', url, tokens.write, offerBody())).statusCode).toBe(409);
  });

  test('another organisation’s offer cannot be touched', async () => {
    expect((await send('DELETE', `/api/v1/offers/${otherOfferId}`, tokens.write)).statusCode).toBe(403);
    expect((await send('PUT', `/api/v1/offers/${otherOfferId}`, tokens.write, offerBody())).statusCode).toBe(403);
    const [row] = await ctx.deps.db.select().from(offers).where(eq(offers.id, otherOfferId));
    expect(row?.status).toBe('published');
  });
});
