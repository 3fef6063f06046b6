import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { demoRegion } from '../../../test/fixtures.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import type { AppModule } from '../../platform/module.ts';
import { accountScope, navigationLinks } from '../../platform/navigation.tsx';
import { registeredModules, registerModules } from '../../platform/registry.ts';
import { createAdmin, purgeExpiredLogins, registerAccount, requestEmailChange, requestMagicLink, requestPasswordReset } from './commands.ts';
import { sessions, tokens, users } from './schema.ts';
import { BrowserAt } from './test-client.ts';
import { runPrivacyDaily } from '../privacy/daily.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const browser = () => new BrowserAt(ctx.app);

async function userByEmail(email: string) {
  const [user] = await ctx.deps.db.select().from(users).where(eq(users.email, email));
  return user;
}

async function openTokens(userId: string) {
  const [row] = await ctx.deps.db
    .select({ n: count() })
    .from(tokens)
    .where(and(eq(tokens.userId, userId), isNull(tokens.usedAt), gt(tokens.expiresAt, ctx.clock.now)));
  return row?.n ?? 0;
}

describe('mailed links expire and work once', () => {
  it('refuses a confirmation link after 48 hours and offers a new mail', async () => {
    const registered = await registerAccount(
      ctx.deps.db,
      { name: 'Spät', email: 'spaet@example.org', password: 'lange genug 123', locale: 'de' },
      ctx.clock.now,
    );
    if (!registered.ok) throw new Error('not registered');
    const link = `/bestaetigen/${registered.token}`;
    ctx.clock.advance(47 * HOUR);
    expect((await browser().get(link)).statusCode).toBe(200);
    ctx.clock.advance(2 * HOUR);
    const late = browser();
    const page = await late.get(link);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Dieser Link gilt nicht mehr');
    expect(page.body).toContain('href="/registrieren/erneut-senden"');
    expect((await late.submit(link, {}, '/registrieren')).statusCode).toBe(410);
    expect((await userByEmail('spaet@example.org'))?.emailVerifiedAt).toBeNull();

    const again = await late.submit('/registrieren/erneut-senden', { email: 'spaet@example.org' }, '/registrieren/erneut-senden');
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/registrieren/erneut-senden?gesendet=1');
    expect(await openTokens(registered.userId)).toBe(1);
  });

  it('gives a reset link two hours, once', async () => {
    const user = await createUser(ctx, { email: 'reset@example.org', password: 'altes Passwort 1' });
    const first = await requestPasswordReset(ctx.deps.db, user.email, ctx.clock.now);
    const second = await requestPasswordReset(ctx.deps.db, user.email, ctx.clock.now);
    ctx.clock.advance(2 * HOUR - 60_000);
    const person = browser();
    const link = `/passwort-neu/${first!.token}`;
    expect((await person.get(link)).statusCode).toBe(200);
    const saved = await person.submit(link, { password: 'neues Passwort 22', password_confirm: 'neues Passwort 22' });
    expect(saved.statusCode).toBe(303);
    expect((await person.submit(link, { password: 'drittes Passwort 3', password_confirm: 'drittes Passwort 3' })).statusCode).toBe(410);
    // Using one link spends the others, so an old mail cannot set the password back.
    expect((await browser().get(`/passwort-neu/${second!.token}`)).statusCode).toBe(410);

    const late = await requestPasswordReset(ctx.deps.db, user.email, ctx.clock.now);
    ctx.clock.advance(2 * HOUR + 1000);
    const expired = await browser().get(`/passwort-neu/${late!.token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('href="/passwort-vergessen"');
  });

  it('gives a login link 30 minutes, once', async () => {
    const user = await createUser(ctx, { email: 'magic@example.org' });
    const fresh = await requestMagicLink(ctx.deps.db, user.email, ctx.clock.now);
    const person = browser();
    const link = `/anmeldelink/${fresh!.token}`;
    expect((await person.get(link)).body).toContain('Jetzt anmelden');
    expect((await person.submit(link, {})).statusCode).toBe(303);
    const reused = await browser().submit(link, {}, '/anmeldelink');
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('href="/anmeldelink"');

    const old = await requestMagicLink(ctx.deps.db, user.email, ctx.clock.now);
    ctx.clock.advance(31 * 60_000);
    expect((await browser().submit(`/anmeldelink/${old!.token}`, {}, '/anmeldelink')).statusCode).toBe(410);
  });

  it('treats made-up tokens like expired ones', async () => {
    for (const path of ['/bestaetigen/', '/passwort-neu/', '/anmeldelink/']) {
      expect((await browser().get(`${path}erfunden`)).statusCode).toBe(410);
      expect((await browser().submit(`${path}%27--`, {}, '/anmelden')).statusCode).toBe(410);
      // A NUL byte never reaches the database: the input gate refuses it for every route.
      expect((await browser().submit(`${path}%00%27--`, {}, '/anmelden')).statusCode).toBe(400);
    }
  });
});

describe('nobody learns which addresses have accounts', () => {
  const known = 'bekannt@example.org';
  beforeAll(async () => {
    await createUser(ctx, { email: known, password: 'bekanntes Passwort' });
  });

  async function both(path: string, fields: (email: string) => Record<string, string>) {
    const answers = [];
    for (const email of [known, 'unbekannt@example.org']) {
      const person = browser();
      const response = await person.submit(path, fields(email), path);
      const next = response.headers.location ? await person.get(String(response.headers.location)) : response;
      // The typed address is kept in the form; apart from it, the answers must not differ.
      const body = BrowserAt.comparable(next.body).replaceAll(email, 'ADDRESS');
      answers.push({ status: response.statusCode, location: response.headers.location, body });
    }
    expect(answers[0]).toEqual(answers[1]);
    return answers[0]!;
  }

  it('answers registration alike', async () => {
    const answer = await both('/registrieren', (email) => ({ name: 'Jemand', email, password: 'irgendein Passwort', consent: 'ja' }));
    expect(answer.location).toBe('/registrieren/danke');
  });

  it('answers a forgotten password, a login link and a new confirmation alike', async () => {
    await both('/passwort-vergessen', (email) => ({ email }));
    await both('/anmeldelink', (email) => ({ email }));
    await both('/registrieren/erneut-senden', (email) => ({ email }));
  });

  it('answers a wrong password and an unknown address alike', async () => {
    const answer = await both('/anmelden', (email) => ({ email: email, password: 'falsches Passwort' }));
    expect(answer.status).toBe(422);
    expect(answer.body).toContain('E-Mail-Adresse oder Passwort stimmen nicht');
  });

  it('answers an e-mail change to a taken address like one to a free address, without a link', async () => {
    const user = await createUser(ctx, { email: 'wechsel@example.org', password: 'wechsel Passwort 1' });
    const client = await signedInClient(ctx, user);
    const taken = await client.submit('/konto/email', { email: known, current_password: 'wechsel Passwort 1' }, '/konto');
    const free = await client.submit('/konto/email', { email: 'frei@example.org', current_password: 'wechsel Passwort 1' }, '/konto');
    expect(taken.statusCode).toBe(303);
    expect(taken.headers.location).toBe(free.headers.location);
    const links = await ctx.deps.db.select().from(tokens).where(eq(tokens.userId, user.id));
    expect(links.map((l) => l.email)).toEqual(['frei@example.org']);
  });
});

describe('forms', () => {
  it('rejects every form without a CSRF token', async () => {
    const user = await createUser(ctx, { email: 'csrf@example.org', password: 'csrf Passwort 12' });
    const client = await signedInClient(ctx, user);
    const forms: Array<[string, Record<string, string>]> = [
      ['/registrieren', { name: 'A', email: 'a@example.org', password: 'lange genug 123', consent: 'ja' }],
      ['/anmelden', { email: user.email, password: 'csrf Passwort 12' }],
      ['/abmelden', {}],
      ['/passwort-vergessen', { email: user.email }],
      ['/anmeldelink', { email: user.email }],
      ['/konto', { name: 'B', locale: 'de' }],
      ['/konto/passwort', { current_password: 'csrf Passwort 12', password: 'neues Passwort 12', password_confirm: 'neues Passwort 12' }],
      ['/konto/email', { email: 'neu@example.org', current_password: 'csrf Passwort 12' }],
      ['/konto/loeschen', { current_password: 'csrf Passwort 12' }],
    ];
    for (const [url, fields] of forms) {
      const response = await client.request({
        method: 'POST',
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode, url).toBe(403);
    }
    expect(await userByEmail('csrf@example.org')).toBeDefined();
    expect(await userByEmail('a@example.org')).toBeUndefined();
  });

  it('sends bad registration input back with every field marked and the input kept', async () => {
    const person = browser();
    const response = await person.submit(
      '/registrieren',
      { name: 'Karl <b>Krostitz</b>', email: 'kein-at-zeichen', password: 'kurz' },
      '/registrieren',
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('href="#f-email"');
    expect(response.body).toContain('href="#f-password"');
    expect(response.body).toContain('href="#f-consent"');
    expect(response.body).toContain('Bitte mindestens 10 Zeichen eingeben.');
    expect(response.body).toContain('Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.');
    expect(response.body).toContain('value="Karl &lt;b>Krostitz&lt;/b>"');
    expect(response.body).toContain('value="kein-at-zeichen"');
    expect(response.body).not.toContain('value="kurz"');
    expect(response.body.match(/aria-invalid="true"/g)).toHaveLength(3);
    expect(await userByEmail('kein-at-zeichen')).toBeUndefined();
  });

  it('marks a missing login field, and refuses a name of spaces', async () => {
    const login = await browser().submit('/anmelden', { email: 'jemand@example.org' }, '/anmelden');
    expect(login.statusCode).toBe(422);
    expect(login.body).toContain('href="#f-password"');
    expect(login.body).toContain('value="jemand@example.org"');
    const spaces = await browser().submit(
      '/registrieren',
      { name: '   ', email: 'leer@example.org', password: 'lange genug 123', consent: 'ja' },
      '/registrieren',
    );
    expect(spaces.statusCode).toBe(422);
    expect(spaces.body).toContain('href="#f-name"');
  });

  it('returns only to paths on this site after logging in', async () => {
    await createUser(ctx, { email: 'weiter@example.org', password: 'weiter Passwort 1' });
    for (const [weiter, expected] of [
      ['/netzwerk/gems', '/netzwerk/gems'],
      ['//evil.example/', '/konto'],
      ['https://evil.example/', '/konto'],
    ] as const) {
      const response = await browser().submit('/anmelden', { email: 'weiter@example.org', password: 'weiter Passwort 1', weiter }, '/anmelden');
      expect(response.headers.location).toBe(expected);
    }
    const page = await browser().get('/anmelden?weiter=/netzwerk/gems');
    expect(page.body).toContain('name="weiter" value="/netzwerk/gems"');
  });
});

describe('the account page', () => {
  it('sends anonymous visitors to the login and refuses their posts', async () => {
    const anonymous = browser();
    const page = await anonymous.get('/konto');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/anmelden?weiter=/konto');
    expect((await anonymous.get('/konto/loeschen')).headers.location).toBe('/anmelden?weiter=/konto/loeschen');
    expect((await anonymous.submit('/konto', { name: 'X', locale: 'de' }, '/anmelden')).statusCode).toBe(403);
    expect((await anonymous.submit('/konto/loeschen', { confirm_email: 'x@example.org' }, '/anmelden')).statusCode).toBe(403);
  });

  it('lists the roles per network', async () => {
    const region = await demoRegion(ctx);
    const user = await createUser(ctx, {
      email: 'rollen@example.org',
      roles: [
        { networkId: region.gems.id, role: 'network_office' },
        { networkId: region.weisswasser.id, role: 'volunteer' },
      ],
    });
    const page = await (await signedInClient(ctx, user)).get('/konto');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('>Ihre Rollen, nach Netzwerk</caption>');
    expect(page.body).toContain(region.gems.name);
    expect(page.body).toContain('Netzwerkstelle');
    expect(page.body).toContain('Engagierte:r');
  });

  /** The links of the page's panel of areas, in page order, with their text. */
  function panelLinks(body: string): Array<{ href: string; text: string }> {
    const panel = body.slice(body.indexOf('<nav aria-labelledby="engagement"'));
    return [...panel.slice(0, panel.indexOf('</nav>')).matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map(([, href, text]) => ({
      href: href!,
      text: text!,
    }));
  }

  it('lists the account links the modules declare, in German and by their order', async () => {
    const user = await createUser(ctx, { email: 'bereiche@example.org' });
    const page = await (await signedInClient(ctx, user)).get('/konto');
    expect(page.statusCode).toBe(200);
    const links = panelLinks(page.body);
    // Accounts' own (10–60), recognition's hours and card (40, 41) between them, privacy's (80, 81) last.
    const expected = [
      { href: '/konto/engagement', text: 'Engagement-Profil: Interessen, Zeiten, Umkreis' },
      { href: '/konto/vorschlaege', text: 'Passende Angebote für mich' },
      { href: '/konto/vermittlungen', text: 'Meine Anfragen und Vermittlungen' },
      { href: '/konto/stunden', text: 'Meine Stunden' },
      { href: '/konto/ehrenamtskarte', text: 'Ehrenamtskarte' },
      { href: '/konto/suchen', text: 'Gespeicherte Suchen und Benachrichtigungen' },
      { href: '/meine-organisationen', text: 'Meine Organisationen und ihre Angebote' },
      { href: '/konto/daten', text: 'Meine Daten herunterladen' },
      { href: '/konto/einwilligungen', text: 'Meine Einwilligungen' },
    ];
    // Other modules may add entries of their own; these appear, each once, in this order.
    expect(links.filter((link) => expected.some((e) => e.href === link.href))).toEqual(expected);
    // Every link the registry gives a signed-in person is on the page, and nothing else.
    expect(links.map((link) => link.href)).toEqual(navigationLinks('account', accountScope(false)).map((link) => link.href));
  });

  it('leaves out an account link whose condition the person does not meet', async () => {
    const saved = registeredModules();
    const probe: AppModule = {
      name: 'probe',
      navigation: [{ area: 'account', label: 'accounts.account.platformAdmin', href: () => '/konto/nur-betrieb', visible: (scope) => scope.isPlatformAdmin, order: 1 }],
    };
    registerModules([...saved, probe]);
    try {
      const person = await createUser(ctx, { email: 'konto.ohne.bedingung@example.org' });
      const operator = await createUser(ctx, { email: 'konto.mit.bedingung@example.org', platformAdmin: true });
      const personLinks = panelLinks((await (await signedInClient(ctx, person)).get('/konto')).body);
      const operatorLinks = panelLinks((await (await signedInClient(ctx, operator)).get('/konto')).body);
      expect(personLinks.map((link) => link.href)).not.toContain('/konto/nur-betrieb');
      expect(personLinks.map((link) => link.href)).toContain('/konto/daten');
      expect(operatorLinks[0]?.href).toBe('/konto/nur-betrieb');
    } finally {
      registerModules(saved);
    }
  });

  it('keeps the profile input when a field is wrong', async () => {
    const user = await createUser(ctx, { email: 'profil@example.org', name: 'Vorher' });
    const client = await signedInClient(ctx, user);
    const response = await client.submit('/konto', { name: 'x'.repeat(121), locale: 'fr' }, '/konto');
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#f-name"');
    expect(response.body).toContain('href="#f-locale"');
    expect(response.body).toContain(`value="${'x'.repeat(121)}"`);
    expect((await userByEmail('profil@example.org'))?.name).toBe('Vorher');
  });

  it('lets an account without a password set one, and delete itself by typing its address', async () => {
    const user = await createUser(ctx, { email: 'ohne.passwort@example.org' });
    const client = await signedInClient(ctx, user);
    const page = await client.get('/konto/loeschen');
    expect(page.body).toContain('name="confirm_email"');
    expect(page.body).not.toContain('name="current_password"');
    const wrong = await client.submit('/konto/loeschen', { confirm_email: 'jemand.anderes@example.org' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Die E-Mail-Adresse stimmt nicht mit der Ihres Kontos überein.');
    expect(wrong.body).toContain('value="jemand.anderes@example.org"');
    const deleted = await client.submit('/konto/loeschen', { confirm_email: 'Ohne.Passwort@example.org' });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toMatch(/^\/konto\/loeschung\/vorgemerkt\?am=/);
    // Erased by the privacy module's nightly job once the grace period has passed.
    expect(await userByEmail('ohne.passwort@example.org')).toBeDefined();
    ctx.clock.advance(15 * 86_400_000);
    await runPrivacyDaily(ctx.deps, ctx.clock.now);
    expect(await userByEmail('ohne.passwort@example.org')).toBeUndefined();
  });

  it('sets a first password without asking for an old one', async () => {
    const user = await createUser(ctx, { email: 'erstes.passwort@example.org' });
    const client = await signedInClient(ctx, user);
    const response = await client.submit('/konto/passwort', { password: 'mein erstes Passwort', password_confirm: 'mein erstes Passwort' }, '/konto');
    expect(response.statusCode).toBe(303);
    const login = await browser().submit('/anmelden', { email: user.email, password: 'mein erstes Passwort' }, '/anmelden');
    expect(login.statusCode).toBe(303);
  });

  it('does not switch to an address someone else took while the link was on its way', async () => {
    const user = await createUser(ctx, { email: 'langsam@example.org', password: 'langsam Passwort 1' });
    const change = await requestEmailChange(
      ctx.deps.db,
      { userId: user.id, newEmail: 'begehrt@example.org', currentPassword: 'langsam Passwort 1' },
      ctx.clock.now,
    );
    if (!change.ok || !change.token) throw new Error('no token');
    await createUser(ctx, { email: 'begehrt@example.org' });
    const response = await browser().submit(`/bestaetigen/${change.token}`, {}, '/anmelden');
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('gehört inzwischen zu einem anderen Konto');
    expect((await userByEmail('langsam@example.org'))?.id).toBe(user.id);
  });
});

describe('rate limits', () => {
  it('allows ten login attempts a minute per address, then answers 429', async () => {
    const attacker = browser();
    await attacker.get('/anmelden');
    for (let i = 0; i < 10; i++) {
      // Another address each time: the per-account limit (five per address) is not what this counts.
      expect((await attacker.submit('/anmelden', { email: `ziel${i}@example.org`, password: `Versuch ${i}` })).statusCode).toBe(422);
    }
    const limited = await attacker.submit('/anmelden', { email: 'ziel@example.org', password: 'Versuch 11' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Zu viele Versuche');
    // Someone else is not affected.
    expect((await browser().submit('/anmelden', { email: 'ziel@example.org', password: 'anders' }, '/anmelden')).statusCode).toBe(422);
  });

  it('allows five registrations, reset requests and login-link requests per ten minutes', async () => {
    for (const [path, fields] of [
      ['/registrieren', (i: number) => ({ name: 'Viele', email: `viele${i}@example.org`, password: 'lange genug 123', consent: 'ja' })],
      ['/passwort-vergessen', (i: number) => ({ email: `viele${i}@example.org` })],
      ['/anmeldelink', (i: number) => ({ email: `viele${i}@example.org` })],
    ] as const) {
      const person = browser();
      await person.get(path);
      for (let i = 0; i < 5; i++) expect((await person.submit(path, fields(i))).statusCode, path).toBe(303);
      expect((await person.submit(path, fields(5))).statusCode, path).toBe(429);
    }
    expect(await userByEmail('viele5@example.org')).toBeUndefined();
  });
});

describe('createAdmin', () => {
  it('creates a confirmed platform admin with a login link valid for 24 hours', async () => {
    const result = await createAdmin(ctx.deps.db, { email: ' Betrieb@Example.org ', name: 'Betrieb' }, ctx.clock.now);
    if (!result.ok) throw new Error(result.message);
    expect(result.email).toBe('betrieb@example.org');
    const user = await userByEmail('betrieb@example.org');
    expect(user).toMatchObject({ isPlatformAdmin: true, name: 'Betrieb' });
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);

    ctx.clock.advance(23 * HOUR);
    const admin = browser();
    const link = `/anmeldelink/${result.loginToken}`;
    expect((await admin.get(link)).body).toContain('Jetzt anmelden');
    const login = await admin.submit(link, {});
    expect(login.statusCode).toBe(303);
    expect(admin.cookies.has(SESSION_COOKIE)).toBe(true);
    expect((await admin.get('/konto')).body).toContain('Sie betreuen außerdem den Betrieb dieser Plattform.');

    const later = await createAdmin(ctx.deps.db, { email: 'betrieb@example.org', name: '' }, ctx.clock.now);
    if (!later.ok) throw new Error(later.message);
    ctx.clock.advance(24 * HOUR + 1000);
    expect((await browser().get(`/anmeldelink/${later.loginToken}`)).statusCode).toBe(410);
  });

  it('promotes an existing account and keeps its name and password', async () => {
    const user = await createUser(ctx, { email: 'befoerdert@example.org', name: 'Bleibt', password: 'mein Passwort 12' });
    const result = await createAdmin(ctx.deps.db, { email: user.email, name: 'Anders' }, ctx.clock.now);
    expect(result.ok).toBe(true);
    const after = await userByEmail(user.email);
    expect(after).toMatchObject({ id: user.id, isPlatformAdmin: true, name: 'Bleibt', passwordHash: user.passwordHash });
  });

  it('refuses an address that is not one', async () => {
    for (const email of ['', 'kein-at', 'zwei@@example.org', `${'x'.repeat(250)}@example.org`]) {
      const result = await createAdmin(ctx.deps.db, { email, name: '' }, ctx.clock.now);
      expect(result.ok).toBe(false);
    }
  });
});

describe('cleanup', () => {
  it('removes expired sessions and week-old links, and keeps what is still live', async () => {
    const user = await createUser(ctx, { email: 'aufraeumen@example.org' });
    const old = await signedInClient(ctx, user);
    const spent = await requestMagicLink(ctx.deps.db, user.email, ctx.clock.now);
    await old.submit(`/anmeldelink/${spent!.token}`, {}, '/anmeldelink');
    ctx.clock.advance(29 * 24 * HOUR);
    const live = await requestPasswordReset(ctx.deps.db, user.email, ctx.clock.now);
    const fresh = await signedInClient(ctx, user);
    ctx.clock.advance(2 * 24 * HOUR);
    await purgeExpiredLogins(ctx.deps.db, ctx.clock.now);

    const left = await ctx.deps.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(left).toHaveLength(1);
    expect((await fresh.get('/konto')).statusCode).toBe(200);
    const kept = await ctx.deps.db.select().from(tokens).where(eq(tokens.userId, user.id));
    expect(kept).toHaveLength(1);
    expect(live).not.toBeNull();
    expect(kept[0]?.purpose).toBe('reset');
  });
});

describe('registering from an invitation link', () => {
  it('brings the person back to where they came from after confirming, and only within this site', async () => {
    const registered = await registerAccount(
      ctx.deps.db,
      { name: 'Eingeladen', email: 'eingeladen@example.org', password: 'lange genug 123', locale: 'de' },
      ctx.clock.now,
    );
    if (!registered.ok) throw new Error('not registered');
    const form = await browser().get('/registrieren?weiter=/einladung/abc');
    expect(form.body).toContain('name="weiter" value="/einladung/abc"');

    const person = browser();
    const page = await person.get(`/bestaetigen/${registered.token}?weiter=${encodeURIComponent('/einladung/abc')}`);
    expect(page.body).toContain(`action="/bestaetigen/${registered.token}?weiter=%2Feinladung%2Fabc"`);
    const done = await person.submit(`/bestaetigen/${registered.token}?weiter=%2Feinladung%2Fabc`, {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/einladung/abc');

    const other = await registerAccount(
      ctx.deps.db,
      { name: 'Umleitung', email: 'umleitung@example.org', password: 'lange genug 123', locale: 'de' },
      ctx.clock.now,
    );
    if (!other.ok) throw new Error('not registered');
    const elsewhere = browser();
    await elsewhere.get(`/bestaetigen/${other.token}`);
    const away = await elsewhere.submit(`/bestaetigen/${other.token}?weiter=${encodeURIComponent('//evil.example')}`, {});
    expect(away.headers.location).toBe('/konto');
  });
});
