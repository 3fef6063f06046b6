import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, linkIn, signedInClient, waitForMail, type TestContext } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { hashSecret } from '../../platform/auth/tokens.ts';
import type { User } from '../../platform/auth/schema.ts';
import { tokens } from '../accounts/schema.ts';
import { seedDemoNetworks } from '../networks/demo.ts';
import { findNetworkBySlug, listMunicipalities } from '../../platform/networks/queries.ts';
import type { Municipality, Network } from '../../platform/networks/schema.ts';
import { invitations, membershipMunicipalities, memberships } from './schema.ts';

let ctx: TestContext;
let gems: Network;
let places: Municipality[];
let office: Client;
let officeUser: User;

const INVITE = '/netzwerk/gems/verwaltung/einladungen';

function place(name: string): Municipality {
  const found = places.find((m) => m.name === name);
  if (!found) throw new Error(`no municipality ${name}`);
  return found;
}

async function invitationFor(email: string) {
  const [row] = await ctx.deps.db.select().from(invitations).where(eq(invitations.email, email));
  return row;
}

/** Invites through the form and returns the link path from the mail that arrives. */
async function inviteAndReceive(email: string, fields: Record<string, string | string[]>): Promise<string> {
  const response = await office.submit(INVITE, { email, ...fields }, INVITE);
  expect(response.statusCode).toBe(303);
  const mail = await waitForMail(ctx.dataDir, (m) => m.to.toLowerCase().includes(email.toLowerCase()));
  return linkIn(mail, '/einladung/');
}

beforeAll(async () => {
  ctx = await createTestApp({ workers: true });
  await seedDemoNetworks(ctx.deps.db);
  gems = (await findNetworkBySlug(ctx.deps.db, 'gems'))!;
  places = await listMunicipalities(ctx.deps.db, gems.id);
  officeUser = await createUser(ctx, { email: 'stelle@gems.example', name: 'Netzwerkstelle', roles: [{ networkId: gems.id, role: 'network_office' }] });
  office = await signedInClient(ctx, officeUser);
});
afterAll(() => ctx?.close());

describe('inviting into a role', () => {
  it('offers every role as a radio button with its German name and a one-line explanation', async () => {
    const page = await office.get(INVITE);
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/type="radio"/g)).toHaveLength(7);
    expect(page.body).toContain('Engagementlotse/Engagementlotsin');
    expect(page.body).toContain('Bearbeitet Anfragen und Vermittlungen');
    expect(page.body).toContain('Kommunale Ansprechperson');
    expect(page.body).toContain(`value="${place('Taucha').id}"`);
  });

  it('requires a municipality for guides and municipality contacts, keeping the input', async () => {
    for (const role of ['guide', 'municipality_contact']) {
      const response = await office.submit(INVITE, { email: 'lotsin@example.org', role });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('class="error-summary"');
      expect(response.body).toContain('href="#f-municipalityIds"');
      expect(response.body).toContain('Bitte wählen Sie für diese Rolle mindestens eine Kommune.');
      expect(response.body).toMatch(/id="f-municipalityIds"[^>]*aria-invalid="true"/);
      expect(response.body).toContain('value="lotsin@example.org"');
      expect(response.body).toMatch(new RegExp(`value="${role}"[^>]*checked`));
    }
    expect(await invitationFor('lotsin@example.org')).toBeUndefined();
  });

  it('refuses a municipality of another network', async () => {
    const weisswasser = (await findNetworkBySlug(ctx.deps.db, 'weisswasser'))!;
    const [foreign] = await listMunicipalities(ctx.deps.db, weisswasser.id);
    const response = await office.submit(INVITE, { email: 'lotsin@example.org', role: 'guide', municipalityIds: [foreign!.id] });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('nur Kommunen dieses Netzwerks');
    const garbage = await office.submit(INVITE, { email: 'lotsin@example.org', role: 'guide', municipalityIds: ['not-a-uuid'] });
    expect(garbage.statusCode).toBe(422);
  });

  it('marks a bad address and a missing role at once', async () => {
    const response = await office.submit(INVITE, { email: 'kein-at-zeichen' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#f-email"');
    expect(response.body).toContain('href="#f-role"');
    expect(response.body).toContain('Bitte wählen Sie eine Rolle.');
    expect(response.body).toContain('value="kein-at-zeichen"');
  });

  it('invites a guide: stores the invitation and a hashed token, writes the audit log, sends the mail', async () => {
    const link = await inviteAndReceive('Neue.Lotsin@Example.org', { role: 'guide', municipalityIds: [place('Taucha').id, place('Jesewitz').id] });
    const invitation = await invitationFor('neue.lotsin@example.org');
    expect(invitation?.role).toBe('guide');
    expect(new Set(invitation?.municipalityIds)).toEqual(new Set([place('Taucha').id, place('Jesewitz').id]));
    expect(invitation?.invitedBy).toBe(officeUser.id);

    const secret = link.split('/').pop()!;
    const [token] = await ctx.deps.db.select().from(tokens).where(eq(tokens.id, hashSecret(secret)));
    expect(token?.purpose).toBe('invite');
    expect(token?.data).toEqual({ invitationId: invitation?.id });
    expect(token?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(token!.expiresAt.getTime() - token!.createdAt.getTime()).toBe(14 * 86_400_000);

    const mail = await waitForMail(ctx.dataDir, (m) => m.to.includes('neue.lotsin@example.org'));
    expect(mail.subject).toBe(`Einladung zu ${gems.name}`);
    expect(mail.text).toContain('Engagementlotse/Engagementlotsin');
    expect(mail.text).toContain('Jesewitz, Taucha');
    expect(mail.text).toContain(`${ctx.deps.config.publicUrl}/einladung/${secret}`);

    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'member.invited'));
    expect(entry).toMatchObject({ actorId: officeUser.id, networkId: gems.id, subjectId: invitation?.id, details: { role: 'guide' } });
    expect(JSON.stringify(entry?.details)).not.toContain('lotsin');

    const list = await office.get(INVITE);
    expect(list.body).toContain('neue.lotsin@example.org');
    expect(list.body).toContain('Zurückziehen');
  });

  it('does not send a second open invitation for the same address and role', async () => {
    const response = await office.submit(INVITE, { email: 'NEUE.lotsin@example.org', role: 'guide', municipalityIds: [place('Taucha').id] });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('schon eine offene Einladung');
  });

  it('lets the invited person accept once, by an account with the same address in any case', async () => {
    const link = (await waitForMail(ctx.dataDir, (m) => m.to.includes('neue.lotsin@example.org'))).text.match(/\/einladung\/[\w-]+/)![0];

    // Not signed in: what it is for, and the ways to sign in or register that come back here.
    const anonymous = new Client(ctx.app);
    const page = await anonymous.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Engagementlotse/Engagementlotsin');
    expect(page.body).toContain(`href="/anmelden?weiter=${encodeURIComponent(link)}"`);
    expect(page.body).toContain('href="/registrieren');
    expect(page.body).not.toContain('Einladung annehmen');

    // Someone else's account may not take it.
    const stranger = await signedInClient(ctx, await createUser(ctx, { email: 'fremd@example.org' }));
    const wrong = await stranger.get(link);
    expect(wrong.body).toContain('andere E-Mail-Adresse');
    expect(wrong.body).not.toContain('Einladung annehmen');
    const stolen = await stranger.submit(link, {});
    expect(stolen.statusCode).toBe(403);

    const invitee = await createUser(ctx, { email: 'neue.lotsin@example.org', name: 'Neue Lotsin' });
    const client = await signedInClient(ctx, invitee);
    const ready = await client.get(link);
    expect(ready.body).toContain('Einladung annehmen');
    const accepted = await client.submit(link, {});
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(link);
    const welcome = await client.get(link);
    expect(welcome.statusCode).toBe(200);
    expect(welcome.body).toContain('Sie sind jetzt dabei');

    const again = await client.submit(link, {});
    expect(again.statusCode).toBe(303);
    const held = await ctx.deps.db.select().from(memberships).where(and(eq(memberships.userId, invitee.id), eq(memberships.networkId, gems.id)));
    expect(held).toHaveLength(1);
    expect(held[0]?.role).toBe('guide');
    const assigned = await ctx.deps.db.select().from(membershipMunicipalities).where(eq(membershipMunicipalities.membershipId, held[0]!.id));
    expect(new Set(assigned.map((a) => a.municipalityId))).toEqual(new Set([place('Taucha').id, place('Jesewitz').id]));

    const entries = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'member.invitation_accepted'));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: invitee.id, networkId: gems.id, details: { role: 'guide' } });

    // The new guide shows in the member list with the municipalities; the invitation is no longer open.
    const members = await office.get('/netzwerk/gems/verwaltung/mitglieder');
    expect(members.body).toContain('Neue Lotsin');
    expect(members.body).toContain('Jesewitz, Taucha');
    expect((await office.get(INVITE)).body).not.toContain('neue.lotsin@example.org');

    // A used link says so to anyone else.
    expect((await anonymous.get(link)).statusCode).toBe(410);
  });

  it('answers an anonymous accept with 403', async () => {
    const link = await inviteAndReceive('anonym@example.org', { role: 'volunteer' });
    const passer = await signedInClient(ctx, await createUser(ctx, { email: 'passant@example.org' }));
    await passer.get('/');
    passer.cookies.delete('mmn_session');
    const response = await passer.submit(link, {});
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Kein Zugriff');
  });

  it('refuses to invite someone into a role they already hold', async () => {
    const response = await office.submit(INVITE, { email: 'neue.lotsin@example.org', role: 'guide', municipalityIds: [place('Taucha').id] });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('hat diese Rolle in diesem Netzwerk schon');
  });

  it('shows a clear page for a revoked invitation, and revokes only once', async () => {
    const link = await inviteAndReceive('zurueck@example.org', { role: 'organisation' });
    const invitation = await invitationFor('zurueck@example.org');
    const revoke = `${INVITE}/${invitation!.id}/zurueckziehen`;
    const response = await office.submit(revoke, {}, INVITE);
    expect(response.statusCode).toBe(303);
    expect((await office.get(INVITE)).body).not.toContain('zurueck@example.org');
    expect((await office.submit(revoke, {})).statusCode).toBe(404);

    const invitee = await signedInClient(ctx, await createUser(ctx, { email: 'zurueck@example.org' }));
    const page = await invitee.get(link);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Einladung zurückgezogen');
    expect((await invitee.submit(link, {})).statusCode).toBe(410);
    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'member.invitation_revoked'));
    expect(entry).toMatchObject({ subjectId: invitation!.id, details: { role: 'organisation' } });
  });

  it('shows a clear page for an expired invitation and grants nothing', async () => {
    const link = await inviteAndReceive('spaet@example.org', { role: 'consultant' });
    const invitee = await createUser(ctx, { email: 'spaet@example.org' });
    const client = await signedInClient(ctx, invitee);
    await client.get('/');
    ctx.clock.advance(15 * 86_400_000);
    try {
      const page = await client.get(link);
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('Einladung abgelaufen');
      expect((await client.submit(link, {})).statusCode).toBe(410);
      expect(await ctx.deps.db.select().from(memberships).where(eq(memberships.userId, invitee.id))).toHaveLength(0);
      // Expired invitations no longer count as open.
      expect((await office.get(INVITE)).body).not.toContain('spaet@example.org');
    } finally {
      ctx.clock.advance(-15 * 86_400_000);
    }
  });

  it('answers an unknown or malformed link with 404', async () => {
    const client = new Client(ctx.app);
    expect((await client.get('/einladung/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    const odd = await client.get('/einladung/%27%3B%20drop');
    expect(odd.statusCode).toBe(404);
    expect(odd.body).toContain('Einladung nicht gefunden');
  });
});
