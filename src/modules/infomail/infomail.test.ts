import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { Client, createTestApp, createUser, signedInClient, smtpInbox, type SmtpInbox, type TestContext } from '../../../test/helpers.ts';
import { demoRegion } from '../../../test/fixtures.ts';
import type { User } from '../accounts/schema.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { consents } from '../privacy/schema.ts';
import { addressHash } from './address.ts';
import { parseBounce, recordBounce } from './bounces.ts';
import { infomailLists, infomailMailings, infomailRecipients, infomailSubscribers, infomailSubscriptions, infomailSuppressions, type InfomailList } from './schema.ts';
import { pause, resume } from './mailings.ts';
import { runBatch } from './send.ts';
import { unsubscribeUrl } from './subscriptions.ts';

/**
 * The SMTP server in the test process refuses addresses with "refuse" in them (550), and those with "later" in
 * them for now (451) at their first attempt.
 */
const refusedForNow = new Set<string>();
function refuse(address: string): number | undefined {
  if (address.includes('refuse')) return 550;
  if (address.includes('later') && !refusedForNow.has(address)) {
    refusedForNow.add(address);
    return 451;
  }
  return undefined;
}

let ctx: TestContext;
let sink: SmtpInbox;
let gems: Network;
let office: User;
let secondOffice: User;
let volunteer: User;
let news: InfomailList;

beforeAll(async () => {
  sink = await smtpInbox({ refuse });
  ctx = await createTestApp({ env: { SMTP_URL: sink.url, INFOMAIL_RATE_PER_MINUTE: '60000', INFOMAIL_BOUNCE_TOKEN: 'bounce-secret' }, workers: true });
  gems = (await demoRegion(ctx)).gems;
  office = await createUser(ctx, { email: 'office@gems.example', name: 'Nora Netzwerkstelle', roles: [{ networkId: gems.id, role: 'network_office' }] });
  secondOffice = await createUser(ctx, { email: 'office2@gems.example', name: 'Olaf Zweiter', roles: [{ networkId: gems.id, role: 'network_office' }] });
  volunteer = await createUser(ctx, { email: 'volunteer@example.org', roles: [{ networkId: gems.id, role: 'volunteer' }] });
  news = (await ctx.deps.db.insert(infomailLists).values({ networkId: gems.id, name: 'Neuigkeiten aus dem Netzwerk', isPublic: true }).returning())[0]!;
}, 240_000);

afterAll(async () => {
  await ctx.close();
  await sink.close();
});

function confirmLink(mail: ParsedMail): string {
  const link = mail.text?.match(/https?:\/\/\S+\/bestaetigen\/\S+/)?.[0];
  if (!link) throw new Error('no confirmation link');
  return new URL(link).pathname;
}

/** A list of `count` confirmed subscribers and a mailing to it, due now but not queued (the test runs its batches). */
async function mailingTo(name: string, count: number) {
  const db = ctx.deps.db;
  const [list] = await db.insert(infomailLists).values({ networkId: gems.id, name }).returning();
  const emails = Array.from({ length: count }, (_, i) => `${name}-${i}@example.org`);
  const subscribers = await db
    .insert(infomailSubscribers)
    .values(emails.map((email) => ({ networkId: gems.id, email, confirmedAt: new Date() })))
    .returning();
  await db.insert(infomailSubscriptions).values(subscribers.map((s) => ({ subscriberId: s.id, listId: list!.id })));
  const [mailing] = await db.insert(infomailMailings).values({ networkId: gems.id, listId: list!.id, subject: name, body: 'Text', status: 'scheduled', scheduledAt: new Date(0) }).returning();
  return { list: list!, mailing: mailing!, emails };
}

const withRate = (ratePerMinute: number, clock?: () => Date) => ({ ...ctx.deps, config: { ...ctx.deps.config, infomailRatePerMinute: ratePerMinute }, ...(clock ? { clock } : {}) });

async function states(mailingId: string): Promise<Record<string, number>> {
  const rows = await ctx.deps.db.select().from(infomailRecipients).where(eq(infomailRecipients.mailingId, mailingId));
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}

async function subscribe(email: string): Promise<void> {
  const client = new Client(ctx.app);
  const page = await client.get(`/netzwerk/gems/infomail`);
  expect(page.statusCode).toBe(200);
  const response = await client.submit('/netzwerk/gems/infomail', { email, lists: news.id, consent: '1' });
  expect(response.statusCode).toBe(303);
}

describe('info mails', () => {
  it('subscribes by double opt-in with a consent record, one confirmation mail per hour', async () => {
    await subscribe('Anna@Example.org');
    await subscribe('anna@example.org');
    const [mail] = await sink.waitFor('anna@example.org');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sink.to('anna@example.org')).toHaveLength(1);
    const [pending] = await ctx.deps.db.select().from(infomailSubscribers).where(eq(infomailSubscribers.email, 'anna@example.org'));
    expect(pending?.confirmedAt).toBeNull();

    const client = new Client(ctx.app);
    const path = confirmLink(mail!);
    expect((await client.get(path)).statusCode).toBe(200); // a GET (link scanner) confirms nothing
    expect((await client.submit(path, {}, path)).statusCode).toBe(200);
    const [confirmed] = await ctx.deps.db.select().from(infomailSubscribers).where(eq(infomailSubscribers.email, 'anna@example.org'));
    expect(confirmed?.confirmedAt).not.toBeNull();
    const records = await ctx.deps.db.select().from(consents).where(and(eq(consents.email, 'anna@example.org'), eq(consents.purpose, 'infomail')));
    expect(records).toHaveLength(1);
    expect(records[0]?.method).toBe('double_opt_in');
    // The link is single-use.
    expect((await client.submit(path, {}, path)).statusCode).toBe(410);
  });

  it('keeps the form and marks the field for bad addresses, too long ones and a missing consent', async () => {
    const client = new Client(ctx.app);
    const long = `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}.de`;
    const tooLong = await client.submit('/netzwerk/gems/infomail', { email: long, lists: news.id, consent: '1' });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('zu lang');
    const invalid = await client.submit('/netzwerk/gems/infomail', { email: 'kein-at-zeichen', lists: news.id, consent: '1' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('value="kein-at-zeichen"');
    const noConsent = await client.submit('/netzwerk/gems/infomail', { email: 'b@example.org', lists: news.id });
    expect(noConsent.statusCode).toBe(422);
  });

  it('stores umlaut domains in one form, so both spellings are one subscriber', async () => {
    await subscribe('jörg@bücher.example');
    await subscribe('JÖRG@xn--bcher-kva.example');
    const rows = await ctx.deps.db.select().from(infomailSubscribers).where(eq(infomailSubscribers.networkId, gems.id));
    expect(rows.filter((r) => r.email === 'jörg@bücher.example')).toHaveLength(1);
  });

  it('sends through the queue with one-click unsubscribe headers; one POST to the header URL ends the mails', async () => {
    const db = ctx.deps.db;
    // A second confirmed subscriber and one whose server refuses the mail.
    for (const email of ['bert@example.org', 'refuse-me@example.org']) {
      const [s] = await db.insert(infomailSubscribers).values({ networkId: gems.id, email, confirmedAt: new Date() }).returning();
      await db.insert(infomailSubscriptions).values({ subscriberId: s!.id, listId: news.id });
    }
    const client = await signedInClient(ctx, office);
    const compose = await client.submit('/netzwerk/gems/verwaltung/infomail/neu', { listId: news.id, subject: 'Erste Infomail', body: '# Hallo\n\nNeu: **Vorlesen**. <script>alert(1)</script>', action: 'send' }, '/netzwerk/gems/verwaltung/infomail/neu');
    expect(compose.statusCode).toBe(303);
    const [anna] = await sink.waitFor('anna@example.org', 2);
    const mail = sink.to('anna@example.org')[1]!;
    await sink.waitFor('bert@example.org');
    expect(anna).toBeDefined();
    expect(mail.subject).toBe('Erste Infomail');
    expect(mail.html).toContain('<strong>Vorlesen</strong>');
    expect(mail.html).not.toContain('<script');
    expect(mail.text).toContain('Vorlesen');
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const header = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    const url = header.match(/<(https?:\/\/[^>]+)>/)?.[1];
    expect(url).toBeDefined();

    // States: sent for both, failed for the refused address only.
    const [mailing] = await db.select().from(infomailMailings).where(eq(infomailMailings.subject, 'Erste Infomail'));
    const until = Date.now() + 10_000;
    while ((await db.select().from(infomailMailings).where(eq(infomailMailings.id, mailing!.id)))[0]?.status !== 'sent' && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const states = Object.fromEntries((await db.select().from(infomailRecipients).where(eq(infomailRecipients.mailingId, mailing!.id))).map((r) => [r.email, r.state]));
    expect(states).toEqual({ 'anna@example.org': 'sent', 'bert@example.org': 'sent', 'refuse-me@example.org': 'failed' });
    const page = await client.get(`/netzwerk/gems/verwaltung/infomail/${mailing!.id}`);
    expect(page.body).toContain('Fehlgeschlagen');

    // One POST, no cookie, no CSRF token: unsubscribed.
    const post = await ctx.app.inject({ method: 'POST', url: new URL(url!).pathname + new URL(url!).search, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.statusCode).toBe(200);
    const left = await db.select().from(infomailSubscribers).where(eq(infomailSubscribers.email, 'anna@example.org'));
    expect(left).toHaveLength(0); // only list: the address is gone, a hash stays
    const hashes = await db.select().from(infomailSuppressions).where(eq(infomailSuppressions.emailHash, addressHash('anna@example.org')));
    expect(hashes.length).toBeGreaterThan(0);

    // The next info mail does not reach her.
    await client.submit('/netzwerk/gems/verwaltung/infomail/neu', { listId: news.id, subject: 'Zweite Infomail', body: 'Noch mehr', action: 'send' }, '/netzwerk/gems/verwaltung/infomail/neu');
    await sink.waitFor('bert@example.org', 2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.to('anna@example.org').filter((m) => m.subject === 'Zweite Infomail')).toHaveLength(0);

    // The archive shows sent mails of public lists, with RSS.
    const archive = await new Client(ctx.app).get('/netzwerk/gems/infomail/archiv');
    expect(archive.body).toContain('Erste Infomail');
    const rss = await ctx.app.inject({ url: '/netzwerk/gems/infomail/archiv.rss' });
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain('<title><![CDATA[Erste Infomail]]></title>');
  }, 60_000);

  it('resumes after a restart mid-send and delivers each mail exactly once', async () => {
    const db = ctx.deps.db;
    const [list] = await db.insert(infomailLists).values({ networkId: gems.id, name: 'Großer Verteiler' }).returning();
    const emails = Array.from({ length: 25 }, (_, i) => `viele${i}@example.org`);
    for (const email of emails) {
      const [s] = await db.insert(infomailSubscribers).values({ networkId: gems.id, email, confirmedAt: new Date() }).returning();
      await db.insert(infomailSubscriptions).values({ subscriberId: s!.id, listId: list!.id });
    }
    const [mailing] = await db.insert(infomailMailings).values({ networkId: gems.id, listId: list!.id, subject: 'Neustart', body: 'Text', status: 'scheduled', scheduledAt: new Date(0) }).returning();
    // One batch of five, then the process "dies" and a new one takes over.
    const deps = { ...ctx.deps, config: { ...ctx.deps.config, infomailRatePerMinute: 60000 } };
    const first = await runBatch(deps, mailing!.id, 5);
    expect(first.next).toBe('now');
    // A row claimed by a process that died before it could say whether the mail went out.
    const [lost] = await db.select().from(infomailRecipients).where(and(eq(infomailRecipients.mailingId, mailing!.id), eq(infomailRecipients.state, 'queued'))).limit(1);
    await db.update(infomailRecipients).set({ state: 'sending', claimedAt: new Date(Date.now() - 3600_000) }).where(eq(infomailRecipients.id, lost!.id));
    // Two workers after the restart at once: rows are claimed atomically, nobody is sent twice.
    for (;;) {
      const [a, b] = await Promise.all([runBatch(deps, mailing!.id, 4), runBatch(deps, mailing!.id, 4)]);
      if (a.next === 'none' && b.next === 'none') break;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const email of emails.filter((e) => e !== lost!.email)) expect(sink.to(email).filter((m) => m.subject === 'Neustart')).toHaveLength(1);
    expect(sink.to(lost!.email)).toHaveLength(0);
    const rows = await db.select().from(infomailRecipients).where(eq(infomailRecipients.mailingId, mailing!.id));
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(24);
    expect(rows.find((r) => r.email === lost!.email)?.state).toBe('failed');
  }, 60_000);

  it('keeps to the rate per minute although several mails may be in flight at once', async () => {
    const { mailing, emails } = await mailingTo('takt', 12);
    const started = Date.now();
    // 1,200 a minute: one mail every 50 ms.
    expect((await runBatch(withRate(1200), mailing.id)).next).toBe('none');
    expect(Date.now() - started).toBeGreaterThanOrEqual(11 * 50);
    for (const email of emails) expect(sink.to(email)).toHaveLength(1);
    expect(await states(mailing.id)).toEqual({ sent: 12 });
  });

  it('retries a temporary refusal after a wait, and sends it then', async () => {
    const { mailing, emails } = await mailingTo('later', 3);
    const deps = withRate(60000);
    const first = await runBatch(deps, mailing.id);
    expect(first.next).toBe('later');
    const rows = await ctx.deps.db.select().from(infomailRecipients).where(eq(infomailRecipients.mailingId, mailing.id));
    expect(rows.map((r) => r.state)).toEqual(['queued', 'queued', 'queued']);
    for (const row of rows) {
      expect(row.attempts).toBe(1);
      expect(row.lastError).toContain('451');
      expect(row.nextAttemptAt!.getTime() - ctx.deps.clock().getTime()).toBe(30_000);
    }
    // Not before its time,
    expect((await runBatch(deps, mailing.id)).next).toBe('later');
    expect(sink.to(emails[0]!)).toHaveLength(0);
    // but after it.
    const later = new Date(ctx.deps.clock().getTime() + 30_000);
    expect((await runBatch(withRate(60000, () => later), mailing.id)).next).toBe('none');
    for (const email of emails) expect(sink.to(email)).toHaveLength(1);
    expect(await states(mailing.id)).toEqual({ sent: 3 });
  });

  it('sends nothing more to someone who unsubscribes while the mailing is being sent', async () => {
    const { list, mailing, emails } = await mailingTo('unterwegs', 8);
    const deps = withRate(60000);
    await runBatch(deps, mailing.id, 3);
    const [waiting] = await ctx.deps.db.select().from(infomailRecipients).where(and(eq(infomailRecipients.mailingId, mailing.id), eq(infomailRecipients.state, 'queued'))).limit(1);
    const leaving = waiting!.email;
    const url = new URL(unsubscribeUrl(ctx.deps, list.id, leaving));
    const post = await ctx.app.inject({ method: 'POST', url: url.pathname + url.search, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.statusCode).toBe(200);
    while ((await runBatch(deps, mailing.id, 3)).next !== 'none');
    expect(sink.to(leaving)).toHaveLength(0);
    for (const email of emails.filter((e) => e !== leaving)) expect(sink.to(email)).toHaveLength(1);
    expect(await states(mailing.id)).toEqual({ sent: 7, unsubscribed: 1 });
  });

  it('stops at a pause and sends the rest after resuming, each once', async () => {
    const { mailing, emails } = await mailingTo('pause', 6);
    await runBatch(withRate(60000), mailing.id, 2);
    expect(await pause(ctx.deps, mailing)).toBe(true);
    expect((await runBatch(withRate(60000), mailing.id)).next).toBe('none');
    expect(emails.filter((e) => sink.to(e).length > 0)).toHaveLength(2);
    expect(await states(mailing.id)).toEqual({ sent: 2, queued: 4 });
    // Resuming hands the mailing back to the queue's worker.
    expect(await resume(ctx.deps, mailing)).toBe(true);
    for (const email of emails) await sink.waitFor(email);
    const until = Date.now() + 10_000;
    while ((await states(mailing.id)).sent !== 6 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await states(mailing.id)).toEqual({ sent: 6 });
    for (const email of emails) expect(sink.to(email)).toHaveLength(1);
  });

  it('blocks an address after repeated hard bounces, not after a soft one', async () => {
    const db = ctx.deps.db;
    const [recipient] = await db.select().from(infomailRecipients).where(eq(infomailRecipients.email, 'bert@example.org')).limit(1);
    const dsn = (status: string) =>
      [
        'From: MAILER-DAEMON@example.net',
        'To: bounces@mitmachnetz.example',
        'Subject: Undelivered Mail',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Delivery failed.',
        '--b',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.net',
        '',
        'Final-Recipient: rfc822; bert@example.org',
        `Action: ${status.startsWith('5') ? 'failed' : 'delayed'}`,
        `Status: ${status}`,
        'Diagnostic-Code: smtp; 550 user unknown',
        '',
        '--b',
        'Content-Type: text/rfc822-headers',
        '',
        `X-Infomail-Recipient: ${recipient!.id}`,
        '--b--',
        '',
      ].join('\r\n');
    const unauthorised = await ctx.app.inject({ method: 'POST', url: '/api/infomail/bounces', payload: dsn('5.1.1'), headers: { 'content-type': 'message/rfc822' } });
    expect(unauthorised.statusCode).toBe(401);
    const post = (status: string) => ctx.app.inject({ method: 'POST', url: '/api/infomail/bounces', payload: dsn(status), headers: { 'content-type': 'message/rfc822', 'x-bounce-token': 'bounce-secret' } });
    const soft = await post('4.2.2');
    if (soft.statusCode !== 202) console.error('bounce route answered', soft.statusCode, soft.body);
    expect(soft.json()).toEqual({ reports: [{ email: 'bert@example.org', hard: false, blocked: false }] });
    expect((await post('5.1.1')).json().reports[0].blocked).toBe(false);
    expect((await post('5.1.1')).json().reports[0].blocked).toBe(true);
    const [bert] = await db.select().from(infomailSubscribers).where(eq(infomailSubscribers.email, 'bert@example.org'));
    expect(bert?.bouncedAt).not.toBeNull();
    const client = await signedInClient(ctx, office);
    const page = await client.get('/netzwerk/gems/verwaltung/infomail/unzustellbar');
    expect(page.body).toContain('550 user unknown');
    expect((await parseBounce(dsn('5.1.1')))[0]?.hard).toBe(true);
    expect(recordBounce).toBeTypeOf('function');
  });

  it('lets only the network office manage info mails, and the two-person rule needs a second person', async () => {
    const anonymous = new Client(ctx.app);
    expect((await anonymous.get('/netzwerk/gems/verwaltung/infomail')).statusCode).toBe(303);
    const asVolunteer = await signedInClient(ctx, volunteer);
    expect((await asVolunteer.get('/netzwerk/gems/verwaltung/infomail')).statusCode).toBe(403);
    expect((await asVolunteer.submit('/netzwerk/gems/verwaltung/infomail/neu', { listId: news.id, subject: 'x', body: 'y', action: 'send' }, '/netzwerk/gems/infomail')).statusCode).toBe(403);

    const client = await signedInClient(ctx, office);
    expect((await client.submit('/netzwerk/gems/verwaltung/infomail/einstellungen', { fromName: 'GEMS', replyTo: 'post@gems.example', requireApproval: '1' }, '/netzwerk/gems/verwaltung/infomail/einstellungen')).statusCode).toBe(303);
    const created = await client.submit('/netzwerk/gems/verwaltung/infomail/neu', { listId: news.id, subject: 'Mit Freigabe', body: 'Text', action: 'send' }, '/netzwerk/gems/verwaltung/infomail/neu');
    expect(created.headers.location).toContain('eingereicht=1');
    const id = created.headers.location!.split('/').pop()!.split('?')[0]!;
    const own = await client.submit(`/netzwerk/gems/verwaltung/infomail/${id}/status`, { action: 'approve' }, `/netzwerk/gems/verwaltung/infomail/${id}`);
    expect(own.statusCode).toBe(409);
    const second = await signedInClient(ctx, secondOffice);
    expect((await second.submit(`/netzwerk/gems/verwaltung/infomail/${id}/status`, { action: 'approve' }, `/netzwerk/gems/verwaltung/infomail/${id}`)).statusCode).toBe(303);
    const [mailing] = await ctx.deps.db.select().from(infomailMailings).where(eq(infomailMailings.id, id));
    expect(['scheduled', 'sending', 'sent']).toContain(mailing?.status);
    expect(mailing?.approvedBy).toBe(secondOffice.id);
  });

  it('shows a preview (web and text) and sends a test mail to the writer', async () => {
    const client = await signedInClient(ctx, office);
    const preview = await client.submit('/netzwerk/gems/verwaltung/infomail/neu', { listId: news.id, subject: 'Vorschau', body: 'Hallo **Welt** ![x](https://tracker.example/p.gif)', action: 'preview' }, '/netzwerk/gems/verwaltung/infomail/neu');
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('srcdoc=');
    // The typed Markdown stays in the textarea; the rendered mail has no image from that host.
    expect(preview.body).not.toMatch(/img src=(&quot;|&amp;quot;)https:\/\/tracker/);
    expect(preview.body).toContain('Hallo Welt');
    await client.submit('/netzwerk/gems/verwaltung/infomail/neu', { listId: news.id, subject: 'Probe', body: 'Text', action: 'test' }, '/netzwerk/gems/verwaltung/infomail/neu');
    const [test] = await sink.waitFor('office@gems.example');
    expect(test?.subject).toBe('[Test] Probe');
  });

  it('says a draft is saved, and how many addresses the chosen list reaches', async () => {
    const { list, emails } = await mailingTo('entwurf', 4);
    // One of them has left this list: the count is of those the send would reach.
    await ctx.deps.db.insert(infomailSuppressions).values({ networkId: gems.id, listId: list.id, emailHash: addressHash(emails[0]!), reason: 'unsubscribed' });
    const client = await signedInClient(ctx, office);
    const saved = await client.submit('/netzwerk/gems/verwaltung/infomail/neu', { listId: list.id, subject: 'Entwurf', body: 'Text', action: 'save' }, '/netzwerk/gems/verwaltung/infomail/neu');
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(/\/bearbeiten\?gespeichert=1$/);
    const page = await client.get(saved.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('role="status">Der Entwurf ist gespeichert.');
    expect(page.body).toContain('<p class="hint" id="f-listId-hint">Adressen, die diese Liste zurzeit erreicht: 3</p>');
    expect(page.body).toMatch(/<select id="f-listId" name="listId" required(="")? aria-describedby="f-listId-hint"/);
    // Without the redirect's mark, no notice.
    expect((await client.get(saved.headers.location!.replace('?gespeichert=1', ''))).body).not.toContain('Der Entwurf ist gespeichert.');
  });
});
