import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { Client, createTestApp, createUser, linkIn, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { networks } from '../../platform/networks/schema.ts';
import { placementWorld, queuedMails } from '../placements/testing.ts';
import { requestErasure } from './erasure.ts';
import { buildExport, EXPORT_LINK_HOURS } from './exports.ts';
import { exportFilePath } from './files.ts';
import { runPrivacyDaily } from './daily.ts';
import { retentionRules } from './retention.ts';
import { consents, dataExports, erasureRequests, retentionSettings } from './schema.ts';
import { retentionField } from './views/office.tsx';
import { volunteerWithData, type PlacementWorld } from './testing.ts';

/*
 * Who must not reach a person's data or erasure, and input that must change nothing: another person's
 * download link, forged and expired links, forged undo links, and forms sent without their CSRF token.
 */

let ctx: TestContext;
let shared: PlacementWorld;
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestApp();
  shared = await placementWorld(ctx);
  // Every download goes through the job and its mailed link.
  ctx.deps.config.exportInlineRows = 0;
});
afterAll(async () => {
  await ctx.close();
});

async function latestMail(address: string, subject: string) {
  const mail = (await queuedMails(ctx)).reverse().find((m) => m.to === address && m.subject.includes(subject));
  if (!mail) throw new Error(`no mail "${subject}" to ${address}`);
  return mail;
}

/** Asks for a download as `client`, builds it and returns the mailed link and the row. */
async function mailedDownload(client: Client, userId: string, email: string) {
  expect((await client.submit('/konto/daten', {}, '/konto/daten')).headers.location).toBe('/konto/daten?angefordert=1');
  const [row] = await ctx.deps.db
    .select()
    .from(dataExports)
    .where(and(eq(dataExports.userId, userId), eq(dataExports.status, 'queued')));
  expect(await buildExport(ctx.deps, row!.id)).toBe('ready');
  const link = linkIn(await latestMail(email, 'Ihre Daten stehen zum Herunterladen bereit'), '/konto/daten/');
  const file = exportFilePath(ctx.deps.config.dataDir, `${row!.id}.zip`);
  return { link, id: row!.id, file };
}

const isZip = (response: { headers: Record<string, unknown>; rawPayload: Buffer }) =>
  response.headers['content-type'] === 'application/zip' || response.rawPayload.subarray(0, 2).toString('latin1') === 'PK';

/** No token at all, and a made-up one. */
const WITHOUT_TOKEN: Array<Record<string, string>> = [{}, { _csrf: 'erfunden' }];

/** A POST as a browser would send it, but without the form's CSRF token (or with a made-up one). */
function postWithoutToken(client: Client, url: string, fields: Record<string, string>) {
  return client.request({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('the download link', () => {
  it('gives another person, the network office and anyone signed out nothing, and still works once for its owner', async () => {
    const world = await volunteerWithData(ctx, shared, 'eigen@example.org', { name: 'Erna Eigen' });
    const owner = await signedInClient(ctx, world.volunteer);
    const { link, file } = await mailedDownload(owner, world.volunteer.id, 'eigen@example.org');
    expect(fs.existsSync(file)).toBe(true);

    for (const person of [world.office, world.guide, world.member, world.otherMember]) {
      const response = await (await signedInClient(ctx, person)).get(link);
      expect(response.statusCode, person.email).toBe(410);
      expect(isZip(response), person.email).toBe(false);
      expect(response.body).not.toContain('Erna Eigen');
    }
    const signedOut = await new Client(ctx.app).get(link);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toContain('/anmelden');

    // The office's own download holds the office's data, not the person's it works with.
    const office = await signedInClient(ctx, world.office);
    const own = await mailedDownload(office, world.office.id, world.office.email);
    const officeZip = await office.get(own.link);
    expect(officeZip.statusCode).toBe(200);
    expect(officeZip.rawPayload.includes('eigen@example.org')).toBe(false);

    // The refused attempts neither spent the link nor removed the file.
    const [row] = await ctx.deps.db.select().from(dataExports).where(eq(dataExports.userId, world.volunteer.id));
    expect(row!.downloadedAt).toBeNull();
    const download = await owner.get(link);
    expect(download.statusCode).toBe(200);
    expect(isZip(download)).toBe(true);
  });

  it('refuses forged, altered and malformed links with a page, never a file or a server error', async () => {
    const world = await volunteerWithData(ctx, shared, 'gefaelscht@example.org');
    const owner = await signedInClient(ctx, world.volunteer);
    const { link } = await mailedDownload(owner, world.volunteer.id, 'gefaelscht@example.org');
    const secret = link.slice('/konto/daten/'.length);
    const altered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const forged = [altered, `${secret}x`, secret.slice(0, 10), 'A'.repeat(43), 'x'.repeat(100), 'ä%C3%B6', '..%2F..%2Fexports', '%00'];
    for (const token of forged) {
      const response = await owner.get(`/konto/daten/${token}`);
      expect([400, 404, 410], token).toContain(response.statusCode);
      expect(isZip(response), token).toBe(false);
    }
    // Longer than any route parameter may be: refused before the route.
    expect((await owner.get(`/konto/daten/${'x'.repeat(2000)}`)).statusCode).toBe(414);
    expect((await owner.get(`/konto/daten/${altered}`)).body).toContain('Dieser Download-Link gilt nicht mehr');
    // None of them spent the real link.
    expect((await owner.get(link)).statusCode).toBe(200);
  });

  it(`expires after ${EXPORT_LINK_HOURS} hours, and the nightly job then removes the file`, async () => {
    const world = await volunteerWithData(ctx, shared, 'abgelaufen@example.org');
    const owner = await signedInClient(ctx, world.volunteer);
    const { link, file } = await mailedDownload(owner, world.volunteer.id, 'abgelaufen@example.org');
    ctx.clock.advance((EXPORT_LINK_HOURS + 1) * HOUR);
    const late = await owner.get(link);
    expect(late.statusCode).toBe(410);
    expect(isZip(late)).toBe(false);
    expect(late.body).toContain('Dieser Download-Link gilt nicht mehr');
    expect(fs.existsSync(file)).toBe(true);
    await runPrivacyDaily(ctx.deps, ctx.clock.now);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('erasure', () => {
  const pending = async (userId: string) =>
    ctx.deps.db
      .select()
      .from(erasureRequests)
      .where(and(eq(erasureRequests.userId, userId), isNull(erasureRequests.cancelledAt), isNull(erasureRequests.doneAt)));

  it('is not undone by a forged undo link, nor by another person', async () => {
    const user = await createUser(ctx, { email: 'bleibt.vorgemerkt@example.org' });
    await requestErasure(ctx.deps, { userId: user.id, requestedBy: null, networkId: null });
    const undo = linkIn(await latestMail(user.email, 'wird am'), '/konto/loeschung-abbrechen/');
    const secret = undo.slice('/konto/loeschung-abbrechen/'.length);
    const browser = new Client(ctx.app);
    for (const token of [`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`, 'A'.repeat(43), 'x'.repeat(100)]) {
      const response = await browser.submit(`/konto/loeschung-abbrechen/${token}`, {}, undo);
      expect(response.statusCode).toBe(410);
      expect(response.body).toContain('lässt sich nicht mehr abbrechen');
    }
    // Someone else signed in "undoes" only their own (absent) erasure.
    const other = await signedInClient(ctx, shared.member);
    expect((await other.submit('/konto/loeschung/abbrechen', {}, '/konto/einwilligungen')).statusCode).toBe(410);
    expect(await pending(user.id)).toHaveLength(1);
  });

  it('is neither asked for nor undone by a form without its CSRF token, and no download is handed out', async () => {
    const world = await volunteerWithData(ctx, shared, 'ohne.token@example.org');
    // Each has loaded a form first, so it holds the CSRF cookie: only the token in the form is missing.
    const office = await signedInClient(ctx, world.office);
    const officePath = `/netzwerk/${world.gems.slug}/verwaltung/datenschutz`;
    await office.get(officePath);
    const volunteer = await signedInClient(ctx, world.volunteer);
    await volunteer.get('/konto/daten');
    const [consent] = await ctx.deps.db.select().from(consents).where(eq(consents.userId, world.volunteer.id));
    expect(consent).toBeDefined();
    const periods = Object.fromEntries(retentionRules().map((rule) => [retentionField(rule.key), String(rule.maxMonths)]));

    for (const token of WITHOUT_TOKEN) {
      const erase = await postWithoutToken(office, `${officePath}/loeschen`, { ...token, email: 'ohne.token@example.org', confirm: '1' });
      expect(erase.statusCode).toBe(403);
      expect((await postWithoutToken(office, `${officePath}/fristen`, { ...token, ...periods })).statusCode).toBe(403);
      const download = await postWithoutToken(volunteer, '/konto/daten', token);
      expect(download.statusCode).toBe(403);
      expect(isZip(download)).toBe(false);
      const withdraw = await postWithoutToken(volunteer, `/konto/einwilligungen/${consent!.id}/widerrufen`, token);
      expect(withdraw.statusCode).toBe(403);
    }
    expect(await pending(world.volunteer.id)).toEqual([]);
    expect(await ctx.deps.db.select().from(retentionSettings).where(eq(retentionSettings.networkId, world.gems.id))).toEqual([]);
    expect(await ctx.deps.db.select().from(dataExports).where(eq(dataExports.userId, world.volunteer.id))).toEqual([]);
    const [still] = await ctx.deps.db.select().from(consents).where(eq(consents.id, consent!.id));
    expect(still!.withdrawnAt).toBeNull();

    // Asked for properly, the undo forms without a token leave it pending too.
    await requestErasure(ctx.deps, { userId: world.volunteer.id, requestedBy: null, networkId: null });
    const undo = linkIn(await latestMail('ohne.token@example.org', 'wird am'), '/konto/loeschung-abbrechen/');
    const signedIn = await signedInClient(ctx, world.volunteer);
    await signedIn.get('/konto/loeschung');
    for (const token of WITHOUT_TOKEN) {
      expect((await postWithoutToken(new Client(ctx.app), undo, token)).statusCode).toBe(403);
      expect((await postWithoutToken(signedIn, '/konto/loeschung/abbrechen', token)).statusCode).toBe(403);
    }
    expect(await pending(world.volunteer.id)).toHaveLength(1);
  });

  it('cannot be asked for by the office for a platform administrator, even one with a role in the network', async () => {
    const admin = await createUser(ctx, {
      email: 'plattform@example.org',
      platformAdmin: true,
      roles: [{ networkId: shared.gems.id, role: 'guide', municipalityIds: [shared.krostitz.id] }],
    });
    const office = await signedInClient(ctx, shared.office);
    const officePath = `/netzwerk/${shared.gems.slug}/verwaltung/datenschutz`;
    const refused = await office.submit(`${officePath}/loeschen`, { email: admin.email, confirm: '1' }, officePath);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('value="plattform@example.org"');
    expect(await pending(admin.id)).toEqual([]);
  });

  it('leaves fellow office people and people with a role in another network to the platform administration, but erases a guide of its own', async () => {
    const [weisswasser] = await ctx.deps.db.select().from(networks).where(eq(networks.slug, 'weisswasser'));
    const colleague = await createUser(ctx, { email: 'kollegin@example.org', roles: [{ networkId: shared.gems.id, role: 'network_office' }] });
    const elsewhere = await createUser(ctx, {
      email: 'zwei.netze@example.org',
      roles: [
        { networkId: shared.gems.id, role: 'volunteer' },
        { networkId: weisswasser!.id, role: 'network_office' },
      ],
    });
    const guide = await createUser(ctx, { email: 'lotsin@example.org', roles: [{ networkId: shared.gems.id, role: 'guide', municipalityIds: [shared.krostitz.id] }] });
    const office = await signedInClient(ctx, shared.office);
    const officePath = `/netzwerk/${shared.gems.slug}/verwaltung/datenschutz`;
    for (const person of [colleague, elsewhere]) {
      const refused = await office.submit(`${officePath}/loeschen`, { email: person.email, confirm: '1' }, officePath);
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('nur die Plattform-Administration');
      expect(refused.body).toContain(`value="${person.email}"`);
      expect(await pending(person.id)).toEqual([]);
    }
    const accepted = await office.submit(`${officePath}/loeschen`, { email: guide.email, confirm: '1' }, officePath);
    expect(accepted.statusCode).toBe(303);
    expect(await pending(guide.id)).toHaveLength(1);
  });
});
