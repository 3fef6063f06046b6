import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { apiTokens } from './schema.ts';

let ctx: TestContext;
let orgId = '';
let otherOrgId = '';
let admin: Client;
let member: Client;
let otherAdmin: Client;
let office: Client;

beforeAll(async () => {
  ctx = await createTestApp();
  const region = await demoRegion(ctx);
  const org = await createOrganisation(ctx, { networkId: region.gems.id });
  const other = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Sportverein Rackwitz' });
  orgId = org.id;
  otherOrgId = other.id;
  const adminUser = await createUser(ctx, { email: 'vorstand@heimatverein.de', name: 'Vera Vorstand' });
  const memberUser = await createUser(ctx, { email: 'mitglied@heimatverein.de' });
  const otherAdminUser = await createUser(ctx, { email: 'vorstand@sportverein.de' });
  const officeUser = await createUser(ctx, { email: 'buero@gems.de', roles: [{ networkId: region.gems.id, role: 'network_office' }] });
  await ctx.deps.db.insert(organisationMembers).values([
    { organisationId: org.id, userId: adminUser.id, role: 'admin' },
    { organisationId: org.id, userId: memberUser.id, role: 'member' },
    { organisationId: other.id, userId: otherAdminUser.id, role: 'admin' },
  ]);
  admin = await signedInClient(ctx, adminUser);
  member = await signedInClient(ctx, memberUser);
  otherAdmin = await signedInClient(ctx, otherAdminUser);
  office = await signedInClient(ctx, officeUser);
});
afterAll(async () => ctx?.close());

const page = () => `/organisationen/${orgId}/api-tokens`;

function tokenIn(html: string): string {
  const token = html.match(/value="(mmn_[A-Za-z0-9_-]{43})"/)?.[1];
  if (!token) throw new Error('no token shown');
  return token;
}

async function createToken(client: Client, name: string, scopes: string[] = ['read', 'write']) {
  await client.get(page());
  return client.submit(page(), { name, scopes, idempotencyKey: crypto.randomUUID() });
}

describe('who may manage tokens', () => {
  test('the organisation page links to the tokens for its admins only', async () => {
    const link = `href="/organisationen/${orgId}/api-tokens"`;
    expect((await admin.get(`/organisationen/${orgId}`)).body).toContain(link);
    for (const client of [member, office, new Client(ctx.app)]) expect((await client.get(`/organisationen/${orgId}`)).body).not.toContain(link);
  });

  test('only the organisation’s admins; guests are sent to the login, others get 403', async () => {
    expect((await admin.get(page())).statusCode).toBe(200);
    const guest = await new Client(ctx.app).get(page());
    expect(guest.statusCode).toBe(303);
    expect(guest.headers.location).toContain('/anmelden');
    for (const client of [member, otherAdmin, office]) expect((await client.get(page())).statusCode).toBe(403);
    expect((await admin.get('/organisationen/00000000-0000-4000-8000-000000000000/api-tokens')).statusCode).toBe(404);
    const post = await createToken(member, 'Nicht erlaubt');
    expect(post.statusCode).toBe(403);
  });

  test('a form without the CSRF token is refused', async () => {
    const response = await admin.request({
      method: 'POST',
      url: page(),
      payload: 'name=Ohne&scopes=read',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('creating, listing and revoking', () => {
  test('the token is shown once, stored only as its SHA-256, and listed by its prefix', async () => {
    const created = await createToken(admin, 'Vereinswebsite');
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const token = tokenIn(created.body);
    expect(created.body).toContain('nur dieses eine Mal');

    const [row] = await ctx.deps.db.select().from(apiTokens).where(eq(apiTokens.name, 'Vereinswebsite'));
    expect(row?.tokenHash).toBe(crypto.createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(12));
    expect(row?.scopes).toEqual(['read', 'write']);
    expect(token.startsWith(row?.prefix ?? 'x')).toBe(true);

    const again = await admin.get(page());
    expect(again.body).not.toContain(token);
    expect(again.body).toContain(`${row?.prefix}…`);
    expect(again.body).toContain('Vereinswebsite');
    expect(again.body).toContain('noch nie');
  });

  test('the same form sent twice creates one token', async () => {
    await admin.get(page());
    const key = crypto.randomUUID();
    const first = await admin.submit(page(), { name: 'Doppelt', scopes: ['read'], idempotencyKey: key });
    const second = await admin.submit(page(), { name: 'Doppelt', scopes: ['read'], idempotencyKey: key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(409);
    expect(second.body).not.toMatch(/value="mmn_/);
    const rows = await ctx.deps.db.select().from(apiTokens).where(eq(apiTokens.name, 'Doppelt'));
    expect(rows).toHaveLength(1);
  });

  test('a name and at least one right are required; the form comes back with its input', async () => {
    await admin.get(page());
    const noScope = await admin.submit(page(), { name: 'Ohne Rechte', idempotencyKey: crypto.randomUUID() });
    expect(noScope.statusCode).toBe(422);
    expect(noScope.body).toContain('mindestens ein Recht');
    expect(noScope.body).toContain('value="Ohne Rechte"');
    const noName = await admin.submit(page(), { name: '', scopes: ['read'], idempotencyKey: crypto.randomUUID() });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('class="error-summary"');
    const badScope = await admin.submit(page(), { name: 'Alles', scopes: ['admin'], idempotencyKey: crypto.randomUUID() });
    expect(badScope.statusCode).toBe(422);
  });

  test('use is recorded; a revoked token stops working at once; another organisation cannot revoke it', async () => {
    const token = tokenIn((await createToken(admin, 'Buchungssystem')).body);
    const [row] = await ctx.deps.db.select().from(apiTokens).where(eq(apiTokens.name, 'Buchungssystem'));
    if (!row) throw new Error('token missing');
    const use = () => ctx.app.inject({ method: 'GET', url: '/api/v1/networks', headers: { authorization: `Bearer ${token}` } });
    expect((await use()).statusCode).toBe(200);
    const [used] = await ctx.deps.db.select().from(apiTokens).where(eq(apiTokens.id, row.id));
    expect(used?.lastUsedAt).not.toBeNull();

    await otherAdmin.get(`/organisationen/${otherOrgId}/api-tokens`);
    const foreign = await otherAdmin.submit(`/organisationen/${orgId}/api-tokens/${row.id}/widerrufen`, {});
    expect(foreign.statusCode).toBe(403);
    const wrongOrg = await otherAdmin.submit(`/organisationen/${otherOrgId}/api-tokens/${row.id}/widerrufen`, {});
    expect(wrongOrg.statusCode).toBe(404);
    expect((await use()).statusCode).toBe(200);

    await admin.get(page());
    const revoked = await admin.submit(`/organisationen/${orgId}/api-tokens/${row.id}/widerrufen`, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe(`${page()}?hinweis=widerrufen`);
    expect((await use()).statusCode).toBe(401);
    const list = await admin.get(String(revoked.headers.location));
    expect(list.body).toContain('Der Schlüssel ist widerrufen');
    expect(list.body).toContain('widerrufen am');
    // Revoking twice is harmless.
    expect((await admin.submit(`/organisationen/${orgId}/api-tokens/${row.id}/widerrufen`, {})).statusCode).toBe(303);
  });
});
