import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { auditLog } from '../../platform/audit/schema.ts';
import { Client, createTestApp, createUser, linkIn, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { users } from '../../platform/auth/schema.ts';
import { requestMagicLink, requestPasswordReset } from '../accounts/commands.ts';
import { placementMessages, placements } from '../placements/schema.ts';
import { placementWorld, queuedMails } from '../placements/testing.ts';
import { personalDataParts } from './download.ts';
import { carryOutErasure, requestErasure } from './erasure.ts';
import { buildExport } from './exports.ts';
import { runPrivacyDaily } from './daily.ts';
import { retentionRules } from './retention.ts';
import { retentionField } from './views/office.tsx';
import { dataExports, erasureRequests, retentionRuns } from './schema.ts';
import { findEverywhere, volunteerWithData, type PlacementWorld } from './testing.ts';

let ctx: TestContext;
let shared: PlacementWorld;
const DAY = 86_400_000;

beforeAll(async () => {
  ctx = await createTestApp();
  shared = await placementWorld(ctx);
});
afterAll(async () => {
  await ctx.close();
});

function unzip(body: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(body))).map(([name, data]) => [name, strFromU8(data)]));
}

async function mailTo(address: string, subject: string) {
  const mail = (await queuedMails(ctx)).reverse().find((m) => m.to === address && m.subject.includes(subject));
  if (!mail) throw new Error(`no mail "${subject}" to ${address}`);
  return mail;
}

describe('the data download', () => {
  it('gives a ZIP with a JSON and a CSV file per kind and a German README, with the person\'s data and nobody else\'s', async () => {
    const world = await volunteerWithData(ctx, shared, 'dl@example.org');
    const client = await signedInClient(ctx, world.volunteer);
    const page = await client.get('/konto/daten');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gespeicherte Suchen');
    const response = await client.submit('/konto/daten', {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="mitmachnetz-meine-daten-\d{4}-\d{2}-\d{2}\.zip"/);
    const files = unzip(response.rawPayload);
    for (const part of personalDataParts()) {
      expect(files).toHaveProperty(`${part.name}.json`);
      expect(files).toHaveProperty(`${part.name}.csv`);
    }
    expect(files['README.md']).toContain('Ihre Daten bei Mitmachnetz');
    expect(JSON.parse(files['konto.json']!)[0]).toMatchObject({ email: 'dl@example.org', name: 'Vera Freiwillig' });
    expect(JSON.parse(files['anfragen.json']!)[0].message).toContain('dienstags');
    expect(files['nachrichten.json']).toContain('Viele Grüße');
    expect(files['gespeicherte-suchen.csv']).toContain('Vorlesen in Krostitz');
    expect(files['engagement-profil.json']).toContain('Ich lese gern vor');
    expect(files['einwilligungen.json']).toContain('volunteers.contact');
    const everything = Object.values(files).join('\n');
    expect(everything).not.toContain(world.otherMember.email);
    expect(everything).not.toContain('password');
  });

  it('builds a large account\'s download in a job once, however often it is asked for, and the mail link works once for its owner', async () => {
    const world = await volunteerWithData(ctx, shared, 'gross@example.org');
    ctx.deps.config.exportInlineRows = 0;
    try {
      const client = await signedInClient(ctx, world.volunteer);
      await client.get('/konto/daten');
      const [first, second] = await Promise.all([client.submit('/konto/daten', {}), client.submit('/konto/daten', {})]);
      expect([first.headers.location, second.headers.location].sort()).toEqual(['/konto/daten?angefordert=1', '/konto/daten?laeuft=1'].sort());
      const rows = await ctx.deps.db.select().from(dataExports).where(eq(dataExports.userId, world.volunteer.id));
      expect(rows).toHaveLength(1);
      const { rows: jobs } = await ctx.deps.database.query(`select id from pgboss.job where name = 'privacy.export' and data->>'exportId' = $1`, [rows[0]!.id]);
      expect(jobs).toHaveLength(1);
      expect(await buildExport(ctx.deps, rows[0]!.id)).toBe('ready');
      expect(await buildExport(ctx.deps, rows[0]!.id)).toBe('dropped');
      const link = linkIn(await mailTo('gross@example.org', 'Ihre Daten stehen zum Herunterladen bereit'), '/konto/daten/');
      const stranger = await signedInClient(ctx, world.otherMember);
      expect((await stranger.get(link)).statusCode).toBe(410);
      const download = await client.get(link);
      expect(download.statusCode).toBe(200);
      expect(unzip(download.rawPayload)['konto.json']).toContain('gross@example.org');
      const again = await client.get(link);
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain('Dieser Download-Link gilt nicht mehr');
    } finally {
      ctx.deps.config.exportInlineRows = 5000;
    }
  });

  it('is not built or sent when the account\'s erasure is requested while it waits', async () => {
    const world = await volunteerWithData(ctx, shared, 'beides@example.org');
    ctx.deps.config.exportInlineRows = 0;
    try {
      const client = await signedInClient(ctx, world.volunteer);
      expect((await client.submit('/konto/daten', {}, '/konto/daten')).headers.location).toBe('/konto/daten?angefordert=1');
      await requestErasure(ctx.deps, { userId: world.volunteer.id, requestedBy: null, networkId: null });
      const [row] = await ctx.deps.db.select().from(dataExports).where(eq(dataExports.userId, world.volunteer.id));
      expect(row!.status).toBe('failed');
      expect(await buildExport(ctx.deps, row!.id)).toBe('dropped');
      expect((await queuedMails(ctx)).some((m) => m.to === 'beides@example.org' && m.subject.includes('Herunterladen'))).toBe(false);
      const again = await signedInClient(ctx, world.volunteer);
      const page = await again.get('/konto/daten');
      expect(page.body).toContain('Ihr Konto wird gerade gelöscht');
      const refused = await again.submit('/konto/daten', {});
      expect(refused.statusCode).toBe(409);
    } finally {
      ctx.deps.config.exportInlineRows = 5000;
    }
  });

  it('is only for signed-in people', async () => {
    const stranger = new Client(ctx.app);
    const page = await stranger.get('/konto/daten');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/anmelden');
  });
});

describe('erasure', () => {
  it('deletes the account after the grace period, with undo by mail link or sign-in until then, and leaves no trace of the person', async () => {
    const password = 'Ein langes Passwort 1';
    const world = await volunteerWithData(ctx, shared, 'weg@example.org', { password, name: 'Wilma Wegmann' });
    const client = await signedInClient(ctx, world.volunteer);
    const asked = await client.submit('/konto/loeschen', { current_password: password }, '/konto/loeschen');
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toMatch(/^\/konto\/loeschung\/vorgemerkt\?am=\d{4}-\d{2}-\d{2}$/);
    const scheduled = await new Client(ctx.app).get(asked.headers.location as string);
    expect(scheduled.body).toContain('Ihr Konto wird gelöscht');
    expect((await client.get('/konto')).statusCode).toBe(303);

    // Undo by the mail's link: the page shows a button; the POST undoes.
    const undoLink = linkIn(await mailTo('weg@example.org', 'wird am'), '/konto/loeschung-abbrechen/');
    const browser = new Client(ctx.app);
    expect((await browser.get(undoLink)).body).toContain('Löschung abbrechen');
    expect((await browser.submit(undoLink, {}, undoLink)).body).toContain('Die Löschung ist abgebrochen');
    expect((await browser.submit(undoLink, {}, undoLink)).statusCode).toBe(410);

    // Asked again; signing in during the grace period leads to the undo page.
    await requestErasure(ctx.deps, { userId: world.volunteer.id, requestedBy: null, networkId: null });
    const login = await new Client(ctx.app).submit('/anmelden', { email: 'weg@example.org', password }, '/anmelden');
    expect(login.headers.location).toBe('/konto/loeschung');

    // Not yet due: the nightly job leaves it.
    ctx.clock.advance(13 * DAY);
    expect((await runPrivacyDaily(ctx.deps, ctx.clock.now)).erased).toBe(0);
    ctx.clock.advance(2 * DAY);
    const late = linkIn(await mailTo('weg@example.org', 'wird am'), '/konto/loeschung-abbrechen/');
    const tooLate = await browser.submit(late, {}, late);
    expect(tooLate.statusCode).toBe(410);
    expect(tooLate.body).toContain('lässt sich nicht mehr abbrechen');
    // Erasures asked for earlier in this file are due now too.
    expect((await runPrivacyDaily(ctx.deps, ctx.clock.now)).erased).toBeGreaterThanOrEqual(1);

    expect(await ctx.deps.db.select().from(users).where(eq(users.id, world.volunteer.id))).toEqual([]);
    expect(await findEverywhere(ctx, 'weg@example.org')).toEqual([]);
    expect(await findEverywhere(ctx, 'Wilma Wegmann')).toEqual([]);
    // The organisation keeps the placement, anonymised, with its own message.
    const [kept] = await ctx.deps.db.select().from(placements).where(eq(placements.id, world.placement.id));
    expect(kept).toMatchObject({ volunteerId: null, volunteerName: '', volunteerEmail: '', message: '', status: 'in_contact', offerId: world.offer.id });
    const messages = await ctx.deps.db.select().from(placementMessages).where(eq(placementMessages.placementId, world.placement.id));
    expect(messages.map((m) => m.side)).toEqual(['organisation']);
    const member = await signedInClient(ctx, world.member);
    const seen = await member.get(`/vermittlungen/${world.placement.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('Hausaufgabenhilfe');
    const [done] = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.action, 'privacy.erasure.done'));
    expect(done).toBeDefined();
    expect((await new Client(ctx.app).submit('/anmelden', { email: 'weg@example.org', password }, '/anmelden')).statusCode).toBe(422);
  });

  it('leads every way of signing in during the grace period to the undo page: login link and new-password link too', async () => {
    const user = await createUser(ctx, { email: 'linkweg@example.org' });
    await requestErasure(ctx.deps, { userId: user.id, requestedBy: null, networkId: null });
    const magic = await requestMagicLink(ctx.deps.db, user.email, ctx.clock.now);
    const viaLink = new Client(ctx.app);
    const signedIn = await viaLink.submit(`/anmeldelink/${magic!.token}`, {}, `/anmeldelink/${magic!.token}`);
    expect(signedIn.headers.location).toBe('/konto/loeschung');
    expect((await viaLink.get('/konto/loeschung')).body).toContain('Löschung abbrechen');
    const reset = await requestPasswordReset(ctx.deps.db, user.email, ctx.clock.now);
    const password = 'Ein neues langes Passwort';
    const viaReset = new Client(ctx.app);
    const renewed = await viaReset.submit(`/passwort-neu/${reset!.token}`, { password, password_confirm: password }, `/passwort-neu/${reset!.token}`);
    expect(renewed.headers.location).toBe('/konto/loeschung');
    // Once undone, the link's sign-in goes where it always went.
    expect((await viaReset.submit('/konto/loeschung/abbrechen', {}, '/konto/loeschung')).statusCode).toBe(200);
    const again = await requestMagicLink(ctx.deps.db, user.email, ctx.clock.now);
    expect((await new Client(ctx.app).submit(`/anmeldelink/${again!.token}`, {}, `/anmeldelink/${again!.token}`)).headers.location).toBe('/konto');
  });

  it('schedules one erasure when it is asked for twice at once', async () => {
    const user = await createUser(ctx, { email: 'doppelt@example.org' });
    const input = { userId: user.id, requestedBy: null, networkId: null };
    const results = await Promise.all([requestErasure(ctx.deps, input), requestErasure(ctx.deps, input)]);
    expect(results.map((r) => r.already).sort()).toEqual([false, true]);
    expect(await ctx.deps.db.select().from(erasureRequests).where(eq(erasureRequests.userId, user.id))).toHaveLength(1);
    const [request] = await ctx.deps.db.select().from(erasureRequests).where(eq(erasureRequests.userId, user.id));
    const due = new Date(request!.dueAt.getTime() + 1000);
    const twice = await Promise.all([carryOutErasure(ctx.deps, request!.id, due), carryOutErasure(ctx.deps, request!.id, due)]);
    expect(twice.sort()).toEqual([false, true]);
  });

  it('lets the network office erase a person of its network on request, recorded in the audit log, and nobody else', async () => {
    const world = await volunteerWithData(ctx, shared, 'bitte.loeschen@example.org');
    const path = `/netzwerk/${world.gems.slug}/verwaltung/datenschutz`;
    const office = await signedInClient(ctx, world.office);
    expect((await office.get(path)).statusCode).toBe(200);
    const unknown = await office.submit(`${path}/loeschen`, { email: 'niemand@example.org' }, path);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('kein Konto');
    // A person without any tie to the network is not this office's to erase.
    const outsider = await createUser(ctx, { email: 'fremd@example.org' });
    expect((await office.submit(`${path}/loeschen`, { email: outsider.email }, path)).statusCode).toBe(422);
    const confirm = await office.submit(`${path}/loeschen`, { email: 'Bitte.Loeschen@example.org' }, path);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('wirklich löschen');
    expect(await ctx.deps.db.select().from(erasureRequests).where(eq(erasureRequests.userId, world.volunteer.id))).toEqual([]);
    const done = await office.submit(`${path}/loeschen`, { email: 'bitte.loeschen@example.org', confirm: '1' }, path);
    expect(done.statusCode).toBe(303);
    const [request] = await ctx.deps.db.select().from(erasureRequests).where(eq(erasureRequests.userId, world.volunteer.id));
    expect(request).toMatchObject({ requestedBy: world.office.id, networkId: world.gems.id });
    const [entry] = await ctx.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'privacy.erasure.requested_by_office'), eq(auditLog.subjectId, request!.id)));
    expect(entry).toMatchObject({ actorId: world.office.id, networkId: world.gems.id });
    expect((await mailTo('bitte.loeschen@example.org', 'wird am')).text).toContain('Netzwerkstelle');

    for (const person of [world.otherOffice, world.guide, world.member, world.volunteer]) {
      const other = await signedInClient(ctx, person);
      expect((await other.get(path)).statusCode).toBe(403);
      expect((await other.submit(`${path}/loeschen`, { email: world.office.email, confirm: '1' }, '/konto/einwilligungen')).statusCode).toBe(403);
    }
    expect((await new Client(ctx.app).get(path)).statusCode).toBe(303);
    expect(await ctx.deps.db.select().from(erasureRequests).where(eq(erasureRequests.userId, world.office.id))).toEqual([]);
  });
});

describe('retention', () => {
  it('keeps each network\'s periods within the limits and the nightly job removes what is older, reporting it', async () => {
    const world = await volunteerWithData(ctx, shared, 'alt@example.org');
    const path = `/netzwerk/${world.gems.slug}/verwaltung/datenschutz`;
    const office = await signedInClient(ctx, world.office);
    // Every registered rule at its default (other modules add theirs), then the ones this test is about.
    const fields: Record<string, string> = Object.fromEntries(retentionRules().map((rule) => [retentionField(rule.key), String(rule.defaultMonths)]));
    Object.assign(fields, { r_placements_unconfirmed: '6', r_placements_closed: '36', r_audit: '24' });
    const wrong = await office.submit(`${path}/fristen`, { ...fields, r_placements_closed: '2' }, path);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('zwischen 12 und 120');
    expect((await office.submit(`${path}/fristen`, { ...fields, r_placements_closed: '24' }, path)).statusCode).toBe(303);

    const now = ctx.clock.now;
    const old = (months: number) => new Date(now.getTime() - months * 31 * DAY);
    const db = ctx.deps.db;
    const [unconfirmed] = await db
      .insert(placements)
      .values({ networkId: world.gems.id, offerId: world.offer.id, volunteerName: 'Otto Unbestätigt', volunteerEmail: 'otto@example.org', createdAt: old(7), lastActivityAt: old(7) })
      .returning();
    const [closed] = await db
      .insert(placements)
      .values({ networkId: world.gems.id, offerId: world.offer.id, volunteerName: 'Clara Beendet', volunteerEmail: 'clara@example.org', emailConfirmedAt: old(30), status: 'ended', createdAt: old(30), lastActivityAt: old(25) })
      .returning();
    const [recent] = await db
      .insert(placements)
      .values({ networkId: world.gems.id, offerId: world.offer.id, volunteerName: 'Rita Neu', volunteerEmail: 'rita@example.org', emailConfirmedAt: old(13), status: 'ended', createdAt: old(14), lastActivityAt: old(13) })
      .returning();
    await db.insert(auditLog).values({ at: old(25), networkId: world.gems.id, action: 'test.old', details: {} });

    const { removed } = await runPrivacyDaily(ctx.deps, now);
    const gems = removed.filter((line) => line.networkId === world.gems.id);
    expect(Object.fromEntries(gems.map((line) => [line.key, line.removed]))).toMatchObject({ 'placements.unconfirmed': 1, 'placements.closed': 1, audit: 1 });
    expect(await db.select().from(placements).where(eq(placements.id, unconfirmed!.id))).toEqual([]);
    const [anonymised] = await db.select().from(placements).where(eq(placements.id, closed!.id));
    expect(anonymised).toMatchObject({ volunteerName: '', volunteerEmail: '', status: 'ended' });
    const [kept] = await db.select().from(placements).where(eq(placements.id, recent!.id));
    expect(kept!.volunteerName).toBe('Rita Neu');
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'test.old'))).toEqual([]);
    expect((await db.select().from(retentionRuns).where(eq(retentionRuns.networkId, world.gems.id))).length).toBeGreaterThanOrEqual(3);
    const page = await office.get(path);
    expect(page.body).toContain('Abgeschlossene Vermittlungen (anonymisiert)');
    expect(page.body).toContain('Zuletzt automatisch gelöscht');
    // A second night finds nothing more.
    const second = await runPrivacyDaily(ctx.deps, now);
    expect(second.removed.filter((line) => line.networkId === world.gems.id)).toEqual([]);
  });
});
