import Fastify from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { seedDemoNetworks } from '../networks/demo.ts';
import { findNetworkBySlug, listMunicipalities } from '../../platform/networks/queries.ts';
import { routes as operationsRoutes } from '../operations/routes.tsx';
import { routes } from './routes.tsx';
import { invitations, memberships, type Role } from './schema.ts';

/*
 * Every admin route of the network office's area (roles) and the operator's (operations), once. The
 * test below checks this list against the routes both modules really register,
 * so a new admin route without an entry here fails the suite instead of going unguarded.
 */
interface AdminRoute {
  method: 'GET' | 'POST';
  path: string;
  scope: 'network' | 'platform';
  form?: Record<string, string | string[]>;
}

const ROUTES: AdminRoute[] = [
  { method: 'GET', path: '/netzwerk/:slug/verwaltung', scope: 'network' },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/mitglieder', scope: 'network' },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/mitglieder/:membershipId/entfernen', scope: 'network' },
  { method: 'POST', path: '/netzwerk/:slug/verwaltung/mitglieder/:membershipId/entfernen', scope: 'network' },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/mitglieder/:membershipId/kommunen', scope: 'network' },
  {
    method: 'POST',
    path: '/netzwerk/:slug/verwaltung/mitglieder/:membershipId/kommunen',
    scope: 'network',
    form: { municipalityIds: [':municipalityId'] },
  },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/einladungen', scope: 'network' },
  { method: 'POST', path: '/netzwerk/:slug/verwaltung/einladungen', scope: 'network', form: { email: 'neu@example.org', role: 'volunteer' } },
  { method: 'POST', path: '/netzwerk/:slug/verwaltung/einladungen/:invitationId/zurueckziehen', scope: 'network' },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/einstellungen', scope: 'network' },
  {
    method: 'POST',
    path: '/netzwerk/:slug/verwaltung/einstellungen',
    scope: 'network',
    form: { name: 'Übernommen', primaryColor: '#1d5c8c', accentColor: '#a4461a' },
  },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/kommunen', scope: 'network' },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/kommunen/neu', scope: 'network' },
  { method: 'POST', path: '/netzwerk/:slug/verwaltung/kommunen', scope: 'network', form: { name: 'Neudorf' } },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/kommunen/:municipalityId', scope: 'network' },
  { method: 'POST', path: '/netzwerk/:slug/verwaltung/kommunen/:municipalityId', scope: 'network', form: { name: 'Umbenannt' } },
  { method: 'GET', path: '/netzwerk/:slug/verwaltung/protokoll', scope: 'network' },
  { method: 'GET', path: '/verwaltung', scope: 'platform' },
  { method: 'POST', path: '/verwaltung/netzwerke', scope: 'platform', form: { name: 'Fremd', slug: 'fremd' } },
  { method: 'GET', path: '/verwaltung/postausgang', scope: 'platform' },
  { method: 'GET', path: '/verwaltung/postausgang/:file', scope: 'platform' },
  { method: 'GET', path: '/verwaltung/auftraege', scope: 'platform' },
  { method: 'GET', path: '/verwaltung/sicherung', scope: 'platform' },
  { method: 'POST', path: '/verwaltung/sicherung', scope: 'platform' },
];

let ctx: TestContext;
const values: Record<string, string> = {};
const clients = new Map<string, Client>();

/** Everyone who must be turned away from the GEMS admin area (and from the platform's). */
const REFUSED_IN_GEMS: Array<{ who: string; role?: Role; network?: 'gems' | 'weisswasser' }> = [
  { who: 'anonymous' },
  { who: 'volunteer', role: 'volunteer', network: 'gems' },
  { who: 'organisation', role: 'organisation', network: 'gems' },
  { who: 'municipality_contact', role: 'municipality_contact', network: 'gems' },
  { who: 'guide', role: 'guide', network: 'gems' },
  { who: 'programme_office', role: 'programme_office', network: 'gems' },
  { who: 'consultant', role: 'consultant', network: 'gems' },
  { who: 'network_office of weisswasser', role: 'network_office', network: 'weisswasser' },
];
/** A network office is no platform admin, even of the network it runs. */
const REFUSED_ON_PLATFORM = [...REFUSED_IN_GEMS, { who: 'network_office of gems', role: 'network_office' as Role, network: 'gems' as const }];

function url(route: AdminRoute): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? `:${name}`);
}

function form(route: AdminRoute): Record<string, string | string[]> {
  const filled: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(route.form ?? {})) {
    filled[key] = Array.isArray(value) ? value.map((v) => (v.startsWith(':') ? (values[v.slice(1)] ?? v) : v)) : value;
  }
  return filled;
}

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoNetworks(ctx.deps.db);
  const gems = await findNetworkBySlug(ctx.deps.db, 'gems');
  const weisswasser = await findNetworkBySlug(ctx.deps.db, 'weisswasser');
  if (!gems || !weisswasser) throw new Error('demo networks missing');
  const [place] = await listMunicipalities(ctx.deps.db, gems.id);
  if (!place) throw new Error('no municipality');
  const ids = { gems: gems.id, weisswasser: weisswasser.id };

  for (const person of REFUSED_ON_PLATFORM) {
    if (!person.role || !person.network) continue;
    const user = await createUser(ctx, {
      email: `${person.who.replace(/\W+/g, '-')}@example.org`,
      roles: [{ networkId: ids[person.network], role: person.role, municipalityIds: ['guide', 'municipality_contact'].includes(person.role) ? [place.id] : [] }],
    });
    const client = await signedInClient(ctx, user);
    await client.get('/');
    clients.set(person.who, client);
  }
  // Anonymous, but holding a valid CSRF token: so a refused POST is refused by the policy, not by the token check.
  const passer = await signedInClient(ctx, await createUser(ctx, { email: 'passer-by@example.org' }));
  await passer.get('/');
  passer.cookies.delete(SESSION_COOKIE);
  clients.set('anonymous', passer);

  const admin = await createUser(ctx, { email: 'betrieb@example.org', name: 'Betrieb', platformAdmin: true });
  clients.set('platform admin', await signedInClient(ctx, admin));
  const office = await createUser(ctx, { email: 'office@example.org', name: 'Netzwerkstelle GEMS', roles: [{ networkId: gems.id, role: 'network_office' }] });
  clients.set('allowed network_office of gems', await signedInClient(ctx, office));

  const guide = await createUser(ctx, { email: 'ziel@example.org', roles: [{ networkId: gems.id, role: 'guide', municipalityIds: [place.id] }] });
  const [membership] = await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, guide.id));
  const [invitation] = await ctx.deps.db
    .insert(invitations)
    .values({ networkId: gems.id, email: 'offen@example.org', role: 'volunteer', createdAt: ctx.clock.now })
    .returning();
  await ctx.deps.mailer.deliver({ to: 'someone@example.org', subject: 'Probe', text: 'Hallo' });
  const [file] = (await import('../../platform/mail/index.ts')).listOutbox(ctx.deps.mailer.outboxDir ?? '');
  Object.assign(values, {
    slug: 'gems',
    membershipId: membership?.id ?? '',
    municipalityId: place.id,
    invitationId: invitation?.id ?? '',
    file: file?.file ?? '',
  });
});
afterAll(() => ctx?.close());

describe('admin routes', () => {
  it('lists every admin route the roles and operations modules register, and only those', async () => {
    const registered: string[] = [];
    const probe = Fastify();
    probe.decorate('deps', ctx.deps);
    probe.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if ((method === 'GET' || method === 'POST') && /^\/(netzwerk\/:slug\/)?verwaltung/.test(route.url)) {
          registered.push(`${method} ${route.url}`);
        }
      }
    });
    await probe.register(routes);
    await probe.register(operationsRoutes);
    await probe.ready();
    await probe.close();
    expect(registered.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const value of Object.values(values)) expect(value).not.toBe('');
  });

  for (const route of ROUTES) {
    const refused = route.scope === 'network' ? REFUSED_IN_GEMS : REFUSED_ON_PLATFORM;
    describe(`${route.method} ${route.path}`, () => {
      for (const person of refused) {
        it(`refuses ${person.who}`, async () => {
          const client = clients.get(person.who);
          if (!client) throw new Error(`no client for ${person.who}`);
          const response = route.method === 'GET' ? await client.get(url(route)) : await client.submit(url(route), form(route));
          if (person.who === 'anonymous' && route.method === 'GET') {
            expect(response.statusCode).toBe(303);
            expect(response.headers.location).toBe(`/anmelden?weiter=${encodeURIComponent(url(route))}`);
          } else {
            expect(response.statusCode).toBe(403);
            expect(response.body).toContain('Kein Zugriff');
          }
        });
      }

      if (route.method === 'GET') {
        const allowed = route.scope === 'network' ? ['allowed network_office of gems', 'platform admin'] : ['platform admin'];
        for (const who of allowed) {
          it(`opens for ${who}`, async () => {
            const response = await clients.get(who)!.get(url(route));
            expect(response.statusCode).toBe(200);
            expect(response.body.match(/<h1[ >]/g)).toHaveLength(1);
          });
        }
      }
    });
  }

  it('changed nothing for the refused requests', async () => {
    const [row] = await ctx.deps.db.select({ count: sql<number>`count(*)::int` }).from(auditLog);
    expect(row?.count).toBe(0);
    const [membership] = await ctx.deps.db.select().from(memberships).where(eq(memberships.id, values.membershipId ?? ''));
    expect(membership).toBeDefined();
    const [invitation] = await ctx.deps.db.select().from(invitations).where(eq(invitations.id, values.invitationId ?? ''));
    expect(invitation?.revokedAt).toBeNull();
  });
});
