import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, signedInClient, type Client, type TestContext } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import type { User } from '../../platform/auth/schema.ts';
import { seedDemoNetworks } from '../networks/demo.ts';
import { findNetworkBySlug, listMunicipalities } from '../../platform/networks/queries.ts';
import type { Municipality, Network } from '../../platform/networks/schema.ts';
import { membershipMunicipalities, memberships } from './schema.ts';

let ctx: TestContext;
let gems: Network;
let weisswasser: Network;
let places: Municipality[];
let office: Client;
let officeUser: User;

const MEMBERS = '/netzwerk/gems/verwaltung/mitglieder';

function place(name: string): Municipality {
  const found = places.find((m) => m.name === name);
  if (!found) throw new Error(`no municipality ${name}`);
  return found;
}

async function membershipOf(user: User, network: Network) {
  const [row] = await ctx.deps.db.select().from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.networkId, network.id)));
  return row;
}

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoNetworks(ctx.deps.db);
  gems = (await findNetworkBySlug(ctx.deps.db, 'gems'))!;
  weisswasser = (await findNetworkBySlug(ctx.deps.db, 'weisswasser'))!;
  places = await listMunicipalities(ctx.deps.db, gems.id);
  officeUser = await createUser(ctx, { email: 'stelle@gems.example', name: 'Erste Netzwerkstelle', roles: [{ networkId: gems.id, role: 'network_office' }] });
  office = await signedInClient(ctx, officeUser);
});
afterAll(() => ctx?.close());

describe('member list', () => {
  it('shows people with name, e-mail, German role name and their municipalities', async () => {
    await createUser(ctx, {
      email: 'lotse@example.org',
      name: 'Lars Lotse',
      roles: [{ networkId: gems.id, role: 'guide', municipalityIds: [place('Taucha').id, place('Delitzsch').id] }],
    });
    await createUser(ctx, { email: 'ww@example.org', name: 'Nur Weißwasser', roles: [{ networkId: weisswasser.id, role: 'volunteer' }] });
    const page = await office.get(MEMBERS);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lars Lotse');
    expect(page.body).toContain('lotse@example.org');
    expect(page.body).toContain('Engagementlotse/Engagementlotsin');
    expect(page.body).toContain('Delitzsch, Taucha');
    expect(page.body).toContain('Erste Netzwerkstelle');
    expect(page.body).not.toContain('Nur Weißwasser');
    expect(page.body).toContain('<caption id="mitglieder-caption">');

    const overview = await office.get('/netzwerk/gems/verwaltung');
    expect(overview.body).toMatch(/Engagementlotse\/Engagementlotsin<\/th><td class="num" data-label="Anzahl">1<\/td>/);
    expect(overview.body).toMatch(/Netzwerkstelle<\/th><td class="num" data-label="Anzahl">1<\/td>/);
  });

  it('sorts by the column the reader picks, and ignores an unknown sort', async () => {
    const rowOrder = (body: string) => [...body.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    const byName = rowOrder((await office.get(MEMBERS)).body);
    expect(byName.indexOf('Erste Netzwerkstelle')).toBeLessThan(byName.indexOf('Lars Lotse'));

    const byNameDown = await office.get(`${MEMBERS}?sortierung=-name`);
    const down = rowOrder(byNameDown.body);
    expect(down.indexOf('Lars Lotse')).toBeLessThan(down.indexOf('Erste Netzwerkstelle'));
    expect(byNameDown.body).toContain('aria-sort="descending"');
    // The current column's link turns the order round again.
    expect(byNameDown.body).toContain(`href="${MEMBERS}?sortierung=name"`);

    // "Engagementlotse/…" comes before "Netzwerkstelle" in the alphabet of the role names.
    const byRole = rowOrder((await office.get(`${MEMBERS}?sortierung=rolle`)).body);
    expect(byRole.indexOf('Lars Lotse')).toBeLessThan(byRole.indexOf('Erste Netzwerkstelle'));

    const unknown = await office.get(`${MEMBERS}?sortierung=passwort`);
    expect(unknown.statusCode).toBe(200);
    expect(rowOrder(unknown.body)).toEqual(byName);
  });
});

describe('removing a role', () => {
  it('asks first, then removes on POST and writes the audit log', async () => {
    const person = await createUser(ctx, { email: 'geht@example.org', name: 'Gerd Geht', roles: [{ networkId: gems.id, role: 'volunteer' }] });
    const membership = (await membershipOf(person, gems))!;
    const confirm = await office.get(`${MEMBERS}/${membership.id}/entfernen`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Soll Gerd Geht die Rolle „Engagierte:r“');
    expect(confirm.body).toContain('method="post"');
    expect(await membershipOf(person, gems)).toBeDefined();

    const response = await office.submit(`${MEMBERS}/${membership.id}/entfernen`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${MEMBERS}?hinweis=entfernt`);
    expect(await membershipOf(person, gems)).toBeUndefined();
    expect((await office.get(response.headers.location as string)).body).toContain('Die Rolle wurde entfernt.');

    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, membership.id));
    expect(entry).toMatchObject({ action: 'member.role_removed', actorId: officeUser.id, networkId: gems.id, details: { role: 'volunteer', userId: person.id } });
    expect(JSON.stringify(entry?.details)).not.toContain('geht@');
  });

  it('never removes the last network office, and says why', async () => {
    const own = (await membershipOf(officeUser, gems))!;
    const response = await office.submit(`${MEMBERS}/${own.id}/entfernen`, {}, `${MEMBERS}/${own.id}/entfernen`);
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('letzte Netzwerkstelle');
    expect(await membershipOf(officeUser, gems)).toBeDefined();

    // With a second office, one of them may go; then the other is the last again.
    const second = await createUser(ctx, { email: 'zweite@gems.example', name: 'Zweite Stelle', roles: [{ networkId: gems.id, role: 'network_office' }] });
    const admin = await signedInClient(ctx, await createUser(ctx, { email: 'betrieb@example.org', platformAdmin: true }));
    const secondMembership = (await membershipOf(second, gems))!;
    expect((await admin.submit(`${MEMBERS}/${secondMembership.id}/entfernen`, {}, MEMBERS)).statusCode).toBe(303);
    expect((await admin.submit(`${MEMBERS}/${own.id}/entfernen`, {})).statusCode).toBe(409);
  });

  it('keeps one office when two admins remove the last two at the same moment', async () => {
    const fresh = await signedInClient(ctx, await createUser(ctx, { email: 'betrieb2@example.org', platformAdmin: true }));
    const other = await signedInClient(ctx, await createUser(ctx, { email: 'betrieb3@example.org', platformAdmin: true }));
    const a = await createUser(ctx, { email: 'ww-a@example.org', roles: [{ networkId: weisswasser.id, role: 'network_office' }] });
    const b = await createUser(ctx, { email: 'ww-b@example.org', roles: [{ networkId: weisswasser.id, role: 'network_office' }] });
    const list = '/netzwerk/weisswasser/verwaltung/mitglieder';
    await fresh.get(list);
    await other.get(list);
    const [ma, mb] = [(await membershipOf(a, weisswasser))!, (await membershipOf(b, weisswasser))!];
    const results = await Promise.all([fresh.submit(`${list}/${ma.id}/entfernen`, {}), other.submit(`${list}/${mb.id}/entfernen`, {})]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    const left = await ctx.deps.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.networkId, weisswasser.id), eq(memberships.role, 'network_office')));
    expect(left).toHaveLength(1);
  });

  it('does not touch a membership of another network through this network’s address', async () => {
    const person = await createUser(ctx, { email: 'drueben@example.org', roles: [{ networkId: weisswasser.id, role: 'volunteer' }] });
    const membership = (await membershipOf(person, weisswasser))!;
    expect((await office.get(`${MEMBERS}/${membership.id}/entfernen`)).statusCode).toBe(404);
    expect((await office.submit(`${MEMBERS}/${membership.id}/entfernen`, {}, MEMBERS)).statusCode).toBe(404);
    expect(await membershipOf(person, weisswasser)).toBeDefined();
    expect((await office.get(`${MEMBERS}/kein-uuid/entfernen`)).statusCode).toBe(404);
  });
});

describe('changing the municipalities of a guide or contact', () => {
  it('replaces the municipalities, requires at least one of this network, and logs it', async () => {
    const contact = await createUser(ctx, {
      email: 'kontakt@example.org',
      name: 'Kim Kontakt',
      roles: [{ networkId: gems.id, role: 'municipality_contact', municipalityIds: [place('Krostitz').id] }],
    });
    const membership = (await membershipOf(contact, gems))!;
    const url = `${MEMBERS}/${membership.id}/kommunen`;
    const form = await office.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(new RegExp(`value="${place('Krostitz').id}"[^>]*checked`));

    const empty = await office.submit(url, {});
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('mindestens eine Kommune');
    expect(empty.body).toContain('aria-invalid="true"');

    const [foreign] = await listMunicipalities(ctx.deps.db, weisswasser.id);
    const wrong = await office.submit(url, { municipalityIds: [place('Taucha').id, foreign!.id] });
    expect(wrong.statusCode).toBe(422);
    // The choice is kept for correcting.
    expect(wrong.body).toMatch(new RegExp(`value="${place('Taucha').id}"[^>]*checked`));

    const saved = await office.submit(url, { municipalityIds: [place('Löbnitz').id, place('Rackwitz').id] });
    expect(saved.statusCode).toBe(303);
    const rows = await ctx.deps.db.select().from(membershipMunicipalities).where(eq(membershipMunicipalities.membershipId, membership.id));
    expect(new Set(rows.map((r) => r.municipalityId))).toEqual(new Set([place('Löbnitz').id, place('Rackwitz').id]));
    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'member.municipalities_changed'));
    expect(entry).toMatchObject({ subjectId: membership.id, details: { role: 'municipality_contact' } });
  });

  it('has no municipalities page for roles without municipalities', async () => {
    const volunteer = await createUser(ctx, { email: 'ohne@example.org', roles: [{ networkId: gems.id, role: 'volunteer' }] });
    const membership = (await membershipOf(volunteer, gems))!;
    expect((await office.get(`${MEMBERS}/${membership.id}/kommunen`)).statusCode).toBe(404);
    expect((await office.submit(`${MEMBERS}/${membership.id}/kommunen`, { municipalityIds: [place('Taucha').id] }, MEMBERS)).statusCode).toBe(404);
  });
});
