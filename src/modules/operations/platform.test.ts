import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, signedInClient, type Client, type TestContext } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import type { User } from '../../platform/auth/schema.ts';
import { seedDemoNetworks } from '../networks/demo.ts';
import { networks } from '../../platform/networks/schema.ts';

let ctx: TestContext;
let admin: Client;
let adminUser: User;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoNetworks(ctx.deps.db);
  adminUser = await createUser(ctx, { email: 'betrieb@example.org', name: 'Betrieb', platformAdmin: true });
  admin = await signedInClient(ctx, adminUser);
});
afterAll(() => ctx?.close());

describe('platform overview and new networks', () => {
  it('lists the networks with links to their admin areas', async () => {
    const page = await admin.get('/verwaltung');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/netzwerk/gems/verwaltung"');
    expect(page.body).toContain('href="/netzwerk/weisswasser/verwaltung"');
    expect(page.body).toContain('href="/verwaltung/postausgang"');
    expect(page.body).toContain('href="/verwaltung/auftraege"');
  });

  it('creates a network that its creator can run at once, and logs it', async () => {
    const response = await admin.submit('/verwaltung/netzwerke', { name: 'Engagiert in Taucha', slug: 'engagiert-in-taucha' }, '/verwaltung');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/netzwerk/engagiert-in-taucha/verwaltung');
    const [network] = await ctx.deps.db.select().from(networks).where(eq(networks.slug, 'engagiert-in-taucha'));
    expect(network?.name).toBe('Engagiert in Taucha');
    expect((await admin.get('/netzwerk/engagiert-in-taucha/verwaltung')).statusCode).toBe(200);
    expect((await ctx.app.inject('/netzwerk/engagiert-in-taucha')).statusCode).toBe(200);
    const [entry] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'network.created'));
    expect(entry).toMatchObject({ actorId: adminUser.id, networkId: network?.id, subjectId: network?.id });
  });

  for (const [slug, message] of [
    ['Großes Netz', 'nur Kleinbuchstaben'],
    ['netz--doppelt', 'nur Kleinbuchstaben'],
    ['-vorne', 'nur Kleinbuchstaben'],
    ['gems', 'Diesen Kurznamen hat schon ein anderes Netzwerk.'],
  ] as const) {
    it(`refuses the short name "${slug}" with the input kept`, async () => {
      const response = await admin.submit('/verwaltung/netzwerke', { name: 'Noch ein Netz', slug });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain(message);
      expect(response.body).toMatch(/id="f-slug"[^>]*aria-invalid="true"/);
      expect(response.body).toContain('value="Noch ein Netz"');
    });
  }
});

describe('outbox', () => {
  it('lists stored mails with date, recipient and subject, and shows one', async () => {
    await ctx.deps.mailer.deliver({ to: 'ines@example.org', subject: 'Einladung zu Übungsnetz', text: 'Grüß Gott!\n\nZweiter Absatz' });
    const list = await admin.get('/verwaltung/postausgang');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('ines@example.org');
    expect(list.body).toContain('Einladung zu Übungsnetz');
    const href = list.body.match(/href="(\/verwaltung\/postausgang\/[^"]+\.eml)"/)?.[1];
    expect(href).toBeDefined();
    const message = await admin.get(href!);
    expect(message.statusCode).toBe(200);
    expect(message.body).toContain('<h1>Einladung zu Übungsnetz</h1>');
    expect(message.body).toContain('Grüß Gott!');
    expect(message.body).toContain('Zweiter Absatz');
  });

  it('sorts by recipient when asked, newest first otherwise', async () => {
    await ctx.deps.mailer.deliver({ to: 'anna@example.org', subject: 'Für Anna', text: 'Hallo' });
    const recipients = (body: string) => [...body.matchAll(/data-label="An">([^<]+)</g)].map((m) => m[1]);
    const byRecipient = await admin.get('/verwaltung/postausgang?sortierung=an');
    expect(byRecipient.body).toContain('aria-sort="ascending"');
    const up = recipients(byRecipient.body);
    expect(up.indexOf('anna@example.org')).toBeGreaterThanOrEqual(0);
    expect(up).toEqual([...up].sort((a, b) => a!.localeCompare(b!)));
    const down = recipients((await admin.get('/verwaltung/postausgang?sortierung=-an')).body);
    expect(down).toEqual([...up].reverse());
    // Without a sort (or with a stray one) the newest mail comes first.
    expect(recipients((await admin.get('/verwaltung/postausgang?sortierung=x')).body)[0]).toBe('anna@example.org');
  });

  it('opens only files of its own listing: no path traversal, no other files', async () => {
    const outbox = ctx.deps.mailer.outboxDir!;
    fs.writeFileSync(path.join(outbox, 'notiz.txt'), 'geheim');
    fs.writeFileSync(path.join(ctx.dataDir, 'secret.eml'), 'Subject: geheim\n\ngeheim');
    for (const attempt of [
      '..%2Fsecret.eml',
      '%2E%2E%2Fsecret.eml',
      '..%5Csecret.eml',
      'notiz.txt',
      '%2Fetc%2Fpasswd',
      'gibt-es-nicht.eml',
    ]) {
      const response = await admin.get(`/verwaltung/postausgang/${attempt}`);
      expect(response.statusCode, attempt).toBe(404);
      expect(response.body).not.toContain('geheim');
    }
    const raw = await ctx.app.inject({ url: '/verwaltung/postausgang/../../secret.eml', headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(raw.body).not.toContain('geheim');
  });

  it('says that mail goes out by SMTP when a server is configured', async () => {
    const smtp = await createTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    try {
      const client = await signedInClient(smtp, await createUser(smtp, { email: 'betrieb@example.org', platformAdmin: true }));
      const page = await client.get('/verwaltung/postausgang');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('SMTP-Server');
      expect((await client.get('/verwaltung/postausgang/irgendwas.eml')).statusCode).toBe(404);
    } finally {
      await smtp.close();
    }
    // A second app with its own database: slower than one test's default time on a busy machine.
  }, 120_000);
});

describe('failed jobs', () => {
  it('shows nothing failed at first, then a failed job with queue, retries and error message', async () => {
    expect((await admin.get('/verwaltung/auftraege')).body).toContain('Keine fehlgeschlagenen Aufträge');
    const queue = 'members.test-failure';
    await ctx.deps.jobs.createQueue(queue);
    const id = await ctx.deps.jobs.send(queue, { to: 'privat@example.org' }, { retryLimit: 0 });
    expect(id).toBeTruthy();
    const [job] = await ctx.deps.jobs.fetch(queue);
    expect(job?.id).toBe(id);
    await ctx.deps.jobs.fail(queue, id!, new Error('SMTP-Server antwortet nicht'));

    const page = await admin.get('/verwaltung/auftraege');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(queue);
    expect(page.body).toContain('SMTP-Server antwortet nicht');
    // The job's data may be personal; it is not shown.
    expect(page.body).not.toContain('privat@example.org');
  });
});
