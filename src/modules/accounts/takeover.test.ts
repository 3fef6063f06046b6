import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, linkIn, mailbox, type OutboxMail, type TestContext } from '../../../test/helpers.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { sessions, users } from './schema.ts';
import { BrowserAt } from './test-client.ts';

/*
 * Issue 12, finding 4: someone who once knew the password asks for the account's address to be changed
 * to their own. Whatever the owner does to take the account back — a password reset, a password change —
 * must end that pending change; and a change that went through must be reversible from the old address.
 */

let ctx: TestContext;
let nextMail: (to: string, subject: string) => Promise<OutboxMail>;
beforeAll(async () => {
  ctx = await createTestApp({ workers: true });
  nextMail = mailbox(ctx.dataDir);
});
afterAll(() => ctx.close());

async function emailOf(id: string) {
  const [user] = await ctx.deps.db.select().from(users).where(eq(users.id, id));
  return user?.email;
}

async function signIn(email: string, password: string): Promise<BrowserAt> {
  const browser = new BrowserAt(ctx.app);
  const response = await browser.submit('/anmelden', { email, password }, '/anmelden');
  expect(response.statusCode).toBe(303);
  return browser;
}

/** The attacker, signed in with the password they once learnt, asks to move the account to their address. */
async function pendingChange(ownerEmail: string, password: string, attackerEmail: string): Promise<{ attacker: BrowserAt; link: string }> {
  const attacker = await signIn(ownerEmail, password);
  const change = await attacker.submit('/konto/email', { email: attackerEmail, current_password: password }, '/konto');
  expect(change.statusCode).toBe(303);
  const mail = await nextMail(attackerEmail, 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse');
  return { attacker, link: linkIn(mail, '/bestaetigen/') };
}

describe('a pending change of address after the owner takes the account back', () => {
  it('dies with a password reset: the old confirmation link neither switches the address nor signs anyone in', async () => {
    const password = 'Das alte Passwort 1';
    const owner = await createUser(ctx, { email: 'owner1@example.org', password });
    const { attacker, link } = await pendingChange(owner.email, password, 'attacker1@evil.example');

    // The owner notices and resets the password: every session ends.
    const me = new BrowserAt(ctx.app);
    await me.submit('/passwort-vergessen', { email: owner.email }, '/passwort-vergessen');
    const reset = linkIn(await nextMail(owner.email, 'Passwort zurücksetzen'), '/passwort-neu/');
    const saved = await me.submit(reset, { password: 'Ein neues Passwort 2', password_confirm: 'Ein neues Passwort 2' });
    expect(saved.statusCode).toBe(303);
    expect((await attacker.get('/konto')).statusCode).toBe(303);

    // The attacker's link from before the reset.
    const page = await attacker.get(link);
    expect(page.statusCode).toBe(410);
    const used = await attacker.submit(link, {}, '/anmelden');
    expect(used.statusCode).toBe(410);
    expect(used.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect(await emailOf(owner.id)).toBe('owner1@example.org');
    expect((await attacker.get('/konto')).statusCode).toBe(303);
  });

  it('dies with a password change on the account page, as do login and reset links', async () => {
    const password = 'Das alte Passwort 3';
    const owner = await createUser(ctx, { email: 'owner2@example.org', password });
    const { attacker, link } = await pendingChange(owner.email, password, 'attacker2@evil.example');
    // Links the attacker could also have asked for while the mailbox was theirs to read.
    await attacker.submit('/anmeldelink', { email: owner.email }, '/anmeldelink');
    const magic = linkIn(await nextMail(owner.email, 'Ihr Anmeldelink'), '/anmeldelink/');
    await attacker.submit('/passwort-vergessen', { email: owner.email }, '/passwort-vergessen');
    const reset = linkIn(await nextMail(owner.email, 'Passwort zurücksetzen'), '/passwort-neu/');

    const me = await signIn(owner.email, password);
    const changed = await me.submit('/konto/passwort', { current_password: password, password: 'Ganz anders 44', password_confirm: 'Ganz anders 44' }, '/konto');
    expect(changed.statusCode).toBe(303);

    const stranger = new BrowserAt(ctx.app);
    expect((await stranger.submit(link, {}, '/anmelden')).statusCode).toBe(410);
    expect((await stranger.submit(magic, {}, '/anmelden')).statusCode).toBe(410);
    expect((await stranger.submit(reset, { password: 'Gekapert 123456', password_confirm: 'Gekapert 123456' }, '/anmelden')).statusCode).toBe(410);
    expect(await emailOf(owner.id)).toBe('owner2@example.org');
    expect((await me.get('/konto')).statusCode).toBe(200);
  });
});

describe('a change of address that went through', () => {
  it('tells the old address, whose link restores it, ends every session and every link, and asks for a new password', async () => {
    const password = 'Das alte Passwort 5';
    const owner = await createUser(ctx, { email: 'owner3@example.org', password });
    const { attacker, link } = await pendingChange(owner.email, password, 'attacker3@evil.example');
    const confirmed = await attacker.submit(link, {}, '/anmelden');
    expect(confirmed.statusCode).toBe(303);
    expect(await emailOf(owner.id)).toBe('attacker3@evil.example');
    // The new holder asks for a reset link to their own address: it must die with the revocation too.
    await new BrowserAt(ctx.app).submit('/passwort-vergessen', { email: 'attacker3@evil.example' }, '/passwort-vergessen');
    const attackerReset = linkIn(await nextMail('attacker3@evil.example', 'Passwort zurücksetzen'), '/passwort-neu/');

    const notice = await nextMail('owner3@example.org', 'Ihre E-Mail-Adresse wurde geändert');
    expect(notice.text).toContain('7 Tage');
    const revoke = linkIn(notice, '/email-zuruecksetzen/');

    const me = new BrowserAt(ctx.app);
    // Opening the link only looks (mail scanners open links); the button does it.
    const page = await me.get(revoke);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('owner3@example.org');
    expect(await emailOf(owner.id)).toBe('attacker3@evil.example');

    const undone = await me.submit(revoke, {});
    expect(undone.statusCode).toBe(303);
    expect(undone.headers.location).toMatch(/^\/passwort-neu\/[A-Za-z0-9_-]+$/);
    expect(await emailOf(owner.id)).toBe('owner3@example.org');
    expect(await ctx.deps.db.select().from(sessions).where(eq(sessions.userId, owner.id))).toEqual([]);
    expect((await attacker.get('/konto')).statusCode).toBe(303);
    // The password the attacker knows no longer opens the account; the reset link mailed to them is dead.
    expect((await new BrowserAt(ctx.app).submit('/anmelden', { email: owner.email, password }, '/anmelden')).statusCode).toBe(422);
    expect((await new BrowserAt(ctx.app).submit(attackerReset, { password: 'Gekapert 123456', password_confirm: 'Gekapert 123456' }, '/anmelden')).statusCode).toBe(410);

    // The owner sets a new password on the page the revocation led to, and is signed in.
    const fresh = await me.submit(String(undone.headers.location), { password: 'Wieder meins 789', password_confirm: 'Wieder meins 789' });
    expect(fresh.statusCode).toBe(303);
    expect((await me.get('/konto')).body).toContain('owner3@example.org');
    // The revocation link works once.
    expect((await new BrowserAt(ctx.app).submit(revoke, {}, '/anmelden')).statusCode).toBe(410);
  });

  it('cannot be revoked after the days the mail names', async () => {
    const password = 'Das alte Passwort 6';
    const owner = await createUser(ctx, { email: 'owner4@example.org', password });
    const { attacker, link } = await pendingChange(owner.email, password, 'new4@example.org');
    expect((await attacker.submit(link, {}, '/anmelden')).statusCode).toBe(303);
    const revoke = linkIn(await nextMail('owner4@example.org', 'Ihre E-Mail-Adresse wurde geändert'), '/email-zuruecksetzen/');
    ctx.clock.advance(7 * 86_400_000 + 60_000);
    try {
      expect((await new BrowserAt(ctx.app).get(revoke)).statusCode).toBe(410);
      expect((await new BrowserAt(ctx.app).submit(revoke, {}, '/anmelden')).statusCode).toBe(410);
      expect(await emailOf(owner.id)).toBe('new4@example.org');
    } finally {
      ctx.clock.advance(-(7 * 86_400_000 + 60_000));
    }
  });
});
