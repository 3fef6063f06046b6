import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, linkIn, mailbox, readOutbox, waitForMail, type OutboxMail, type TestContext } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { runPrivacyDaily } from '../privacy/daily.ts';
import { sessions, users } from './schema.ts';
import { BrowserAt } from './test-client.ts';

let ctx: TestContext;
let nextMail: (to: string, subject: string) => Promise<OutboxMail>;
beforeAll(async () => {
  ctx = await createTestApp({ workers: true });
  nextMail = mailbox(ctx.dataDir);
});
afterAll(() => ctx.close());

async function userByEmail(email: string) {
  const [user] = await ctx.deps.db.select().from(users).where(eq(users.email, email));
  return user;
}

describe('an account from registration to deletion, through the pages and the mail', () => {
  const email = 'frieda.engagiert@example.org';
  const browser = () => new BrowserAt(ctx.app);
  let me: BrowserAt;
  let otherDevice: BrowserAt;
  beforeAll(() => {
    me = browser();
    otherDevice = browser();
  });
  let password = 'Krostitzer Herbstfest 2025';

  it('registers with the German form and sends a confirmation link', async () => {
    const form = await me.get('/registrieren');
    expect(form.statusCode).toBe(200);
    for (const text of ['Name', 'E-Mail-Adresse', 'Passwort', 'Datenschutzhinweise', 'href="/datenschutz"', 'Registrieren']) {
      expect(form.body).toContain(text);
    }
    const response = await me.submit('/registrieren', {
      name: 'Frieda Engagiert',
      email: '  Frieda.Engagiert@Example.org ',
      password,
      consent: 'ja',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/registrieren/danke');
    const thanks = await me.get('/registrieren/danke');
    expect(thanks.body).toContain('Bitte prüfen Sie Ihr Postfach');

    const user = await userByEmail(email);
    expect(user?.name).toBe('Frieda Engagiert');
    expect(user?.emailVerifiedAt).toBeNull();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const consent = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'account.consent'));
    expect(consent).toEqual([expect.objectContaining({ actorId: user?.id, details: { version: 'privacy-1' } })]);
  });

  it('cannot sign in before confirming, and is offered the mail again', async () => {
    const response = await me.submit('/anmelden', { email, password }, '/anmelden');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse');
    expect(response.body).toContain('action="/registrieren/erneut-senden"');
    expect(me.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('confirms the address with a button, so a mail scanner opening the link spends nothing', async () => {
    const mail = await nextMail(email, 'Bitte bestätigen Sie Ihre E-Mail-Adresse');
    expect(mail.text).toContain(`${ctx.deps.config.publicUrl}/bestaetigen/`);
    const link = linkIn(mail, '/bestaetigen/');
    const scanner = await new BrowserAt(ctx.app).get(link);
    expect(scanner.statusCode).toBe(200);
    const page = await me.get(link);
    expect(page.body).toContain('E-Mail-Adresse bestätigen');
    expect(page.body).toContain(`action="${link}"`);

    const confirmed = await me.submit(link, {});
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/konto');
    expect((await userByEmail(email))?.emailVerifiedAt).toBeInstanceOf(Date);

    const account = await me.get('/konto');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Frieda Engagiert');
    expect(account.body).toContain(email);
    expect(account.body).toContain('Bevorzugte Sprache');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await otherDevice.submit('/anmelden', { email, password }, '/anmelden');
    expect(response.statusCode).toBe(303);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/mmn_session=[^;]+;.*HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
  });

  it('logs out and back in, with a new session every time', async () => {
    const before = me.cookies.get(SESSION_COOKIE);
    const out = await me.submit('/abmelden', {}, '/konto');
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/');
    expect(me.cookies.has(SESSION_COOKIE)).toBe(false);
    const anonymous = await me.get('/konto');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/anmelden?weiter=/konto');
    // The old cookie is worthless even if someone kept a copy.
    const replay = await ctx.app.inject({ url: '/konto', headers: { cookie: `${SESSION_COOKIE}=${before}` } });
    expect(replay.statusCode).toBe(303);

    const wrong = await me.submit('/anmelden', { email, password: 'nicht das richtige', weiter: '/konto' }, '/anmelden?weiter=/konto');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('E-Mail-Adresse oder Passwort stimmen nicht');
    expect(wrong.body).toContain(`value="${email}"`);
    expect(wrong.body).not.toContain('nicht das richtige');

    const login = await me.submit('/anmelden', { email, password, weiter: '/konto?hinweis=gespeichert' }, '/anmelden');
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/konto?hinweis=gespeichert');
    const after = me.cookies.get(SESSION_COOKIE);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('replaces the session the browser came with instead of keeping it', async () => {
    const before = me.cookies.get(SESSION_COOKIE);
    const again = await me.submit('/anmelden', { email, password }, '/anmelden');
    expect(again.statusCode).toBe(303);
    const after = me.cookies.get(SESSION_COOKIE);
    expect(after).not.toBe(before);
    const replay = await ctx.app.inject({ url: '/konto', headers: { cookie: `${SESSION_COOKIE}=${before}` } });
    expect(replay.statusCode).toBe(303);
  });

  it('resets a forgotten password, which ends every session', async () => {
    const request = await me.submit('/passwort-vergessen', { email }, '/passwort-vergessen');
    expect(request.statusCode).toBe(303);
    expect(request.headers.location).toBe('/passwort-vergessen?gesendet=1');
    const mail = await nextMail(email, 'Passwort zurücksetzen');
    const link = linkIn(mail, '/passwort-neu/');
    const form = await me.get(link);
    expect(form.body).toContain('Neues Passwort wiederholen');
    expect(form.body).toContain('Passwort speichern');

    const mismatch = await me.submit(link, { password: 'Ein ganz neues Passwort', password_confirm: 'Ein anderes Passwort' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Die beiden Passwörter stimmen nicht überein.');
    expect(mismatch.body).not.toContain('Ein ganz neues Passwort');

    password = 'Ein ganz neues Passwort';
    const saved = await me.submit(link, { password, password_confirm: password });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/konto');
    expect((await me.get('/konto')).statusCode).toBe(200);
    expect((await otherDevice.get('/konto')).statusCode).toBe(303);

    const old = await new BrowserAt(ctx.app).submit('/anmelden', { email, password: 'Krostitzer Herbstfest 2025' }, '/anmelden');
    expect(old.statusCode).toBe(422);
    expect((await otherDevice.submit('/anmelden', { email, password }, '/anmelden')).statusCode).toBe(303);
    // The link worked once.
    expect((await me.submit(link, { password: 'Noch ein Passwort!', password_confirm: 'Noch ein Passwort!' })).statusCode).toBe(410);
  });

  it('signs in with a login link', async () => {
    const stranger = browser();
    const request = await stranger.submit('/anmeldelink', { email }, '/anmeldelink');
    expect(request.statusCode).toBe(303);
    const mail = await nextMail(email, 'Ihr Anmeldelink');
    const link = linkIn(mail, '/anmeldelink/');
    const page = await stranger.get(link);
    expect(page.body).toContain('Jetzt anmelden');
    const login = await stranger.submit(link, {});
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/konto');
    expect((await stranger.get('/konto')).body).toContain(email);
  });

  it('changes the password, keeping this session and ending the others', async () => {
    const wrong = await me.submit('/konto/passwort', {
      current_password: 'falsch falsch falsch',
      password: 'Das dritte Passwort',
      password_confirm: 'Das dritte Passwort',
    }, '/konto');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Das Passwort stimmt nicht.');
    expect(wrong.body).toContain('aria-invalid="true"');

    const changed = await me.submit('/konto/passwort', {
      current_password: password,
      password: 'Das dritte Passwort',
      password_confirm: 'Das dritte Passwort',
    }, '/konto');
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe('/konto?hinweis=passwort');
    password = 'Das dritte Passwort';
    expect((await me.get('/konto?hinweis=passwort')).body).toContain('Ihr Passwort wurde geändert.');
    expect((await otherDevice.get('/konto')).statusCode).toBe(303);
    const user = await userByEmail(email);
    const left = await ctx.deps.db.select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(left).toHaveLength(1);
  });

  it('saves name and language, and the pages follow the language', async () => {
    const saved = await me.submit('/konto', { name: 'Frieda E.', locale: 'en' }, '/konto');
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/konto?hinweis=gespeichert');
    const page = await me.get('/konto?hinweis=gespeichert');
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Saved.');
    expect(page.body).toContain('Frieda E.');
    // Another browser without a language cookie follows the account's choice too.
    const fresh = await otherDevice.submit('/anmelden', { email, password }, '/anmelden');
    expect(fresh.statusCode).toBe(303);
    otherDevice.cookies.delete('mmn_lang');
    expect((await otherDevice.get('/konto')).body).toContain('<html lang="en"');
    await me.submit('/konto', { name: 'Frieda E.', locale: 'de' }, '/konto');
    expect((await me.get('/konto?hinweis=gespeichert')).body).toContain('Gespeichert.');
  });

  it('changes the e-mail address only after the new one is confirmed', async () => {
    const newEmail = 'frieda@krostitz.example';
    const requested = await me.submit('/konto/email', { email: newEmail, current_password: password }, '/konto');
    expect(requested.statusCode).toBe(303);
    expect(requested.headers.location).toBe('/konto?hinweis=email');
    expect((await userByEmail(email))?.email).toBe(email);
    const mail = await nextMail(newEmail, 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse');
    const link = linkIn(mail, '/bestaetigen/');
    const confirmed = await me.submit(link, {}, link);
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/konto?hinweis=adresse');
    expect((await me.get('/konto?hinweis=adresse')).body).toContain('Ihre E-Mail-Adresse wurde geändert.');
    expect(await userByEmail(email)).toBeUndefined();
    expect((await userByEmail(newEmail))?.emailVerifiedAt).toBeInstanceOf(Date);
    await nextMail(email, 'Ihre E-Mail-Adresse wurde geändert');
    // Back, for the rest of the story.
    await me.submit('/konto/email', { email, current_password: password }, '/konto');
    await me.submit(linkIn(await nextMail(email, 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse'), '/bestaetigen/'), {}, '/konto');
    expect((await userByEmail(email))?.email).toBe(email);
  });

  it('deletes the account after the password is given again, once the grace period has passed', async () => {
    const page = await me.get('/konto/loeschen');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Konto endgültig löschen');
    const wrong = await me.submit('/konto/loeschen', { current_password: 'falsch falsch' });
    expect(wrong.statusCode).toBe(422);
    const user = await userByEmail(email);
    expect(user).toBeDefined();

    const deleted = await me.submit('/konto/loeschen', { current_password: password });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toMatch(/^\/konto\/loeschung\/vorgemerkt\?am=/);
    expect(me.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await ctx.deps.db.select().from(sessions).where(eq(sessions.userId, user!.id))).toEqual([]);
    await waitForMail(ctx.dataDir, (m) => m.to.includes(email) && m.subject.startsWith('Ihr Konto wird am'));
    // The privacy module's nightly job carries it out after the grace period (ERASURE_GRACE_DAYS, 14 by default).
    ctx.clock.advance(15 * 86_400_000);
    await runPrivacyDaily(ctx.deps, ctx.clock.now);
    expect(await userByEmail(email)).toBeUndefined();
    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'privacy.erasure.done'));
    expect(entry).toMatchObject({ actorId: null, details: {} });
    expect(JSON.stringify(entry)).not.toContain(email);

    const login = await me.submit('/anmelden', { email, password }, '/anmelden');
    expect(login.statusCode).toBe(422);
  });

  it('tells an address that already has an account so in a mail, and the page says nothing', async () => {
    const taken = 'schon.da@example.org';
    const first = browser();
    await first.submit('/registrieren', { name: 'Erste', email: taken, password: 'Erstes Passwort 1', consent: 'ja' }, '/registrieren');
    await nextMail(taken, 'Bitte bestätigen Sie Ihre E-Mail-Adresse');
    const second = browser();
    const again = await second.submit(
      '/registrieren',
      { name: 'Zweite', email: taken, password: 'Zweites Passwort 2', consent: 'ja' },
      '/registrieren',
    );
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/registrieren/danke');
    const mail = await nextMail(taken, 'Sie haben bereits ein Konto');
    expect(linkIn(mail, '/passwort-vergessen')).toBe('/passwort-vergessen');
    expect((await userByEmail(taken))?.name).toBe('Erste');
    expect(readOutbox(ctx.dataDir).every((m) => !m.text.includes('Zweites Passwort'))).toBe(true);
  });
});
