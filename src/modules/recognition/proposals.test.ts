import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { berlinDay } from '../../platform/berlin-time.ts';
import { listMunicipalities } from '../../platform/networks/queries.ts';
import { eventRegistrations, events } from '../events/schema.ts';
import { organisationMembers } from '../organisations/schema.ts';
import { placements } from '../placements/schema.ts';
import { logHours } from './commands.ts';
import { recognitionPersonalData } from './personal-data.ts';
import { findProposal } from './proposals.ts';
import { addYears } from './rules/engine.ts';
import { hoursEntries, hoursProposalDismissals } from './schema.ts';

/*
 * Issue 16, points 1 and 3: hours proposed from event attendance and placements (taken over, edited,
 * dismissed, never twice, confirmed by the organiser: organisation or office), and the totals per person
 * that name only those who agreed. Each right is tried with the role that has it and the roles that do not.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let ctx: TestContext;
let gemsId: string;
let club: { id: string; name: string };
let otherClub: { id: string };
let erika: Client;
let erikaId: string;
let otto: Client;
let ottoId: string;
let clubMember: Client;
let otherClubMember: Client;
let office: Client;
let otherOffice: Client;
const ev: Record<'club' | 'office' | 'absent' | 'old', string> = { club: '', office: '', absent: '', old: '' };
let placedId: string;
let declinedId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const region = await demoRegion(ctx);
  gemsId = region.gems.id;
  const db = ctx.deps.db;
  club = await createOrganisation(ctx, { networkId: gemsId, name: 'Heimatverein Krostitz e. V.' });
  otherClub = await createOrganisation(ctx, { networkId: gemsId, name: 'Tafel Delitzsch e. V.' });
  const member = async (email: string, organisationId: string) => {
    const user = await createUser(ctx, { email });
    await db.insert(organisationMembers).values({ organisationId, userId: user.id, role: 'member' });
    return signedInClient(ctx, user);
  };
  clubMember = await member('kasse@heimatverein.example', club.id);
  otherClubMember = await member('vorstand@tafel.example', otherClub.id);
  office = await signedInClient(ctx, await createUser(ctx, { email: 'office@gems.example', roles: [{ networkId: gemsId, role: 'network_office' }] }));
  otherOffice = await signedInClient(ctx, await createUser(ctx, { email: 'office@weisswasser.example', roles: [{ networkId: region.weisswasser.id, role: 'network_office' }] }));
  const erikaUser = await createUser(ctx, { email: 'erika@example.org', name: 'Erika Engagiert' });
  erikaId = erikaUser.id;
  erika = await signedInClient(ctx, erikaUser);
  const ottoUser = await createUser(ctx, { email: 'otto@example.org', name: 'Otto Ohnefreigabe' });
  ottoId = ottoUser.id;
  otto = await signedInClient(ctx, ottoUser);

  // Events: one of the club (2 h 30), one of the office, one Erika missed, one more than three years ago.
  const event = async (title: string, organisationId: string | null, startsAt: Date, hours: number, attended: boolean) => {
    const [row] = await db
      .insert(events)
      .values({ networkId: gemsId, organisationId, kind: 'workshop', status: 'published', title, startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR) })
      .returning();
    await db.insert(eventRegistrations).values({ eventId: row!.id, userId: erikaId, name: 'Erika Engagiert', email: 'erika@example.org', status: 'confirmed', tokenHash: randomBytes(32).toString('hex'), attended });
    return row!.id;
  };
  const base = ctx.clock.now.getTime();
  ev.club = await event('Werkstatt: Vereinsfest planen', club.id, new Date(base - 10 * DAY), 2.5, true);
  ev.office = await event('Netzwerktreffen Herbst', null, new Date(base - 20 * DAY), 3, true);
  ev.absent = await event('Schulung Kassenführung', club.id, new Date(base - 30 * DAY), 2, false);
  ev.old = await event('Altes Treffen', club.id, new Date(base - 4 * 365 * DAY), 2, true);

  // Placements: one that came about, one declined (no engagement).
  const offer = await createOffer(ctx, { networkId: gemsId, organisationId: club.id, title: 'Helfende Hände beim Dorffest' });
  const [placed, declined] = await db
    .insert(placements)
    .values([
      { networkId: gemsId, offerId: offer.id, volunteerId: erikaId, status: 'placed' },
      { networkId: gemsId, offerId: offer.id, volunteerId: erikaId, status: 'declined' },
    ])
    .returning();
  placedId = placed!.id;
  declinedId = declined!.id;
});

afterAll(async () => ctx?.close());

const today = () => berlinDay(ctx.clock.now);
const ids = (html: string) => [...html.matchAll(/name="entryIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
const proposalsSection = (html: string) => html.split('id="vorschlaege"')[1]?.split('</section>')[0] ?? '';

describe('hours proposals', () => {
  it('lists attended events and a placement that came about, with name, date, organiser and duration; nothing missed, declined or too old', async () => {
    const page = await erika.get('/konto/stunden');
    expect(page.statusCode).toBe(200);
    const section = proposalsSection(page.body);
    expect(section).toContain('Vorschläge');
    expect(section).toContain('Werkstatt: Vereinsfest planen');
    expect(section).toContain('Heimatverein Krostitz e. V.');
    expect(section).toContain('2,5');
    expect(section).toContain('Netzwerktreffen Herbst');
    // The office's event is confirmed by the network office (named by the network).
    expect(section).toContain(`vorschlag?v=event%3A${ev.office}`);
    expect(section).toContain('Helfende Hände beim Dorffest');
    expect(section).toContain(`placement%3A${placedId}`);
    expect(section).not.toContain('Schulung Kassenführung');
    expect(section).not.toContain('Altes Treffen');
    expect(section).not.toContain(declinedId);
    // Another volunteer sees none of Erika's proposals, and cannot take one over by its key.
    expect(proposalsSection((await otto.get('/konto/stunden')).body)).toBe('');
    expect((await otto.get(`/konto/stunden/vorschlag?v=event:${ev.club}`)).statusCode).toBe(409);
    const taken = await otto.submit('/konto/stunden/vorschlag', { proposal: `event:${ev.club}`, day: today(), hours: '2', activity: 'x' }, '/konto/stunden');
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Diesen Vorschlag gibt es nicht mehr');
  });

  it('is taken over prefilled, edited before sending, becomes one pending entry and never appears again', async () => {
    const form = await erika.get(`/konto/stunden/vorschlag?v=event:${ev.club}`);
    expect(form.statusCode).toBe(200);
    const eventDay = berlinDay(new Date(ctx.clock.now.getTime() - 10 * DAY));
    expect(form.body).toContain(`value="${eventDay}"`);
    expect(form.body).toContain('value="2,5"');
    expect(form.body).toContain('value="Werkstatt: Vereinsfest planen"');

    // Bad input comes back at its field with the input kept.
    const bad = await erika.submit('/konto/stunden/vorschlag', { proposal: `event:${ev.club}`, day: eventDay, hours: '30', activity: 'Vorbereitung und Werkstatt' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Vorbereitung und Werkstatt"');
    expect(bad.body).toMatch(/aria-invalid="true"[^>]*name="hours"|name="hours"[^>]*aria-invalid="true"/);

    const sent = await erika.submit('/konto/stunden/vorschlag', { proposal: `event:${ev.club}`, day: eventDay, hours: '3,5', activity: 'Vorbereitung und Werkstatt' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/konto/stunden?vorschlag=1');
    const [entry] = await ctx.deps.db.select().from(hoursEntries).where(and(eq(hoursEntries.userId, erikaId), eq(hoursEntries.eventId, ev.club)));
    expect(entry).toMatchObject({ organisationId: club.id, hours: 3.5, status: 'pending', source: 'event', activity: 'Vorbereitung und Werkstatt', day: eventDay });

    const after = await erika.get('/konto/stunden?vorschlag=1');
    expect(after.body).toContain('warten auf die Bestätigung');
    expect(proposalsSection(after.body)).not.toContain('Werkstatt: Vereinsfest planen');
    // The same proposal sent again (a second tab, a reload) is refused.
    const again = await erika.submit('/konto/stunden/vorschlag', { proposal: `event:${ev.club}`, day: eventDay, hours: '2', activity: 'noch einmal' });
    expect(again.statusCode).toBe(409);
    expect(await ctx.deps.db.select().from(hoursEntries).where(eq(hoursEntries.eventId, ev.club))).toHaveLength(1);

    // The organiser confirms it like other hours; another organisation cannot.
    const orgPage = await clubMember.get(`/organisationen/${club.id}/stunden`);
    expect(orgPage.body).toContain('Vorbereitung und Werkstatt');
    expect((await otherClubMember.get(`/organisationen/${club.id}/stunden`)).statusCode).toBe(403);
    const forged = await otherClubMember.submit(`/organisationen/${otherClub.id}/stunden/entscheiden`, { entryIds: [entry!.id], decision: 'confirm' }, `/organisationen/${otherClub.id}/stunden`);
    expect(forged.statusCode).toBe(303);
    expect((await ctx.deps.db.select().from(hoursEntries).where(eq(hoursEntries.id, entry!.id)))[0]?.status).toBe('pending');
    const confirmed = await clubMember.submit(`/organisationen/${club.id}/stunden/entscheiden`, { entryIds: ids(orgPage.body), decision: 'confirm' });
    expect(confirmed.headers.location).toContain('entschieden=1');
    expect((await ctx.deps.db.select().from(hoursEntries).where(eq(hoursEntries.id, entry!.id)))[0]?.status).toBe('confirmed');
  });

  it('lets two tabs take over the same proposal at once and makes one entry', async () => {
    const proposal = await findProposal(ctx.deps.db, erikaId, `placement:${placedId}`, ctx.clock.now);
    expect(proposal?.organisationId).toBe(club.id);
    const day = addYears(today(), 0, -2);
    const results = await Promise.all(
      [2, 3].map((hours) => logHours(ctx.deps.db, erikaId, { organisationId: club.id, day, hours, activity: 'Dorffest', proposal: proposal! }, ctx.clock.now)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'recognition.proposal.gone' });
    expect(await ctx.deps.db.select().from(hoursEntries).where(eq(hoursEntries.placementId, placedId))).toHaveLength(1);
    expect(proposalsSection((await erika.get('/konto/stunden')).body)).not.toContain('Helfende Hände beim Dorffest');

    // Withdrawing the pending entry does not bring the proposal back.
    const [entry] = await ctx.deps.db.select().from(hoursEntries).where(eq(hoursEntries.placementId, placedId));
    const withdrawn = await erika.submit(`/konto/stunden/${entry!.id}/loeschen`, { confirm: '1' }, '/konto/stunden');
    expect(withdrawn.statusCode).toBe(303);
    expect(await ctx.deps.db.select().from(hoursEntries).where(eq(hoursEntries.placementId, placedId))).toHaveLength(0);
    expect(proposalsSection((await erika.get('/konto/stunden')).body)).not.toContain('Helfende Hände beim Dorffest');
  });

  it('of an office event is confirmed by the office only, on its network page', async () => {
    const day = berlinDay(new Date(ctx.clock.now.getTime() - 20 * DAY));
    const form = await erika.get(`/konto/stunden/vorschlag?v=event:${ev.office}`);
    expect(form.body).toContain('value="3"');
    const sent = await erika.submit('/konto/stunden/vorschlag', { proposal: `event:${ev.office}`, day, hours: '3', activity: 'Netzwerktreffen Herbst' });
    expect(sent.statusCode).toBe(303);
    const [entry] = await ctx.deps.db.select().from(hoursEntries).where(eq(hoursEntries.eventId, ev.office));
    expect(entry).toMatchObject({ organisationId: null, networkId: gemsId, status: 'pending' });

    // Erika's own log names the network as the one who confirms.
    expect((await erika.get('/konto/stunden')).body).toContain('Netzwerktreffen Herbst');
    // The organisation does not see it; the office does.
    expect((await clubMember.get(`/organisationen/${club.id}/stunden`)).body).not.toContain('Netzwerktreffen Herbst');
    const OFFICE = '/netzwerk/gems/verwaltung/stunden';
    for (const [client, status] of [
      [clubMember, 403],
      [erika, 403],
      [otherOffice, 403],
    ] as const) {
      expect((await client.get(OFFICE)).statusCode).toBe(status);
    }
    const refused = await clubMember.submit(`${OFFICE}/entscheiden`, { entryIds: [entry!.id], decision: 'confirm' }, `/organisationen/${club.id}/stunden`);
    expect(refused.statusCode).toBe(403);
    const page = await office.get(OFFICE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Netzwerktreffen Herbst');
    const noReason = await office.submit(`${OFFICE}/entscheiden`, { entryIds: ids(page.body), decision: 'reject', reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    const confirmed = await office.submit(`${OFFICE}/entscheiden`, { entryIds: ids(page.body), decision: 'confirm' });
    expect(confirmed.headers.location).toBe(`${OFFICE}?entschieden=1`);
    expect((await ctx.deps.db.select().from(hoursEntries).where(eq(hoursEntries.id, entry!.id)))[0]?.status).toBe('confirmed');
  });

  it('is dismissed for good, and dismissing twice is refused', async () => {
    // A new placement that came about: proposed, then dismissed.
    const [offer] = await ctx.deps.db.select({ offerId: placements.offerId }).from(placements).where(eq(placements.id, placedId));
    const [again] = await ctx.deps.db.insert(placements).values({ networkId: gemsId, offerId: offer!.offerId, volunteerId: erikaId, status: 'ended' }).returning();
    expect(proposalsSection((await erika.get('/konto/stunden')).body)).toContain(`placement%3A${again!.id}`);
    const dismissed = await erika.submit('/konto/stunden/vorschlag/verwerfen', { proposal: `placement:${again!.id}` }, '/konto/stunden');
    expect(dismissed.headers.location).toBe('/konto/stunden?verworfen=1');
    const page = await erika.get('/konto/stunden?verworfen=1');
    expect(page.body).toContain('erscheint nicht wieder');
    expect(proposalsSection(page.body)).not.toContain(again!.id);
    expect((await erika.submit('/konto/stunden/vorschlag/verwerfen', { proposal: `placement:${again!.id}` })).statusCode).toBe(409);
    expect((await erika.get(`/konto/stunden/vorschlag?v=placement:${again!.id}`)).statusCode).toBe(409);
    expect((await erika.submit('/konto/stunden/vorschlag/verwerfen', { proposal: 'anything' })).statusCode).toBe(409);
    // Strangers are sent to the login.
    expect((await new Client(ctx.app).get('/konto/stunden/vorschlag?v=x')).statusCode).toBe(303);
  });
});

describe('totals per person', () => {
  const ORG = () => `/organisationen/${club.id}/stunden`;

  beforeAll(async () => {
    // Otto gave 4 hours last month at the club, confirmed; he never agrees to be named.
    await ctx.deps.db.insert(hoursEntries).values({ userId: ottoId, networkId: gemsId, organisationId: club.id, day: addYears(today(), 0, -1), hours: 4, activity: 'Kuchen', status: 'confirmed' });
  });

  it('names nobody without consent and sums the rest; names the person once they agree, until they withdraw', async () => {
    const year = today().slice(0, 4);
    const before = await clubMember.get(`${ORG()}?jahr=${year}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('weitere 2 Personen ohne Freigabe');
    expect(before.body).not.toMatch(/summen-personen-tabelle/);

    const page = await erika.get('/konto/stunden');
    expect(page.body).toContain('Sie haben keine Freigabe erteilt.');
    expect((await erika.submit('/konto/stunden/freigabe', { give: 'vielleicht' })).statusCode).toBe(422);
    const given = await erika.submit('/konto/stunden/freigabe', { give: '1' });
    expect(given.headers.location).toContain('freigabe=erteilt');
    expect((await erika.get('/konto/stunden')).body).toContain('Sie haben die Freigabe erteilt.');
    // The consents page lists it, with the purpose's words.
    expect((await erika.get('/konto/einwilligungen')).body).toContain('dürfen meine bestätigten Stunden mit meinem Namen sehen');

    const named = await clubMember.get(`${ORG()}?jahr=${year}`);
    const table = named.body.split('<table id="summen-personen-tabelle"')[1]?.split('</table>')[0] ?? '';
    expect(table).toContain('Erika Engagiert');
    expect(table).not.toContain('Otto');
    expect(named.body).toContain('eine weitere Person ohne Freigabe: 4 Stunden');

    // CSV for the organisation: the named person and the anonymous line; nobody else may fetch it.
    const csv = await clubMember.get(`${ORG()}/summen.csv?jahr=${year}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Erika Engagiert;');
    expect(csv.body).toContain('Personen ohne Freigabe (1);4;');
    expect(csv.body).not.toContain('Otto');
    for (const client of [otherClubMember, otto, erika]) expect((await client.get(`${ORG()}/summen.csv?jahr=${year}`)).statusCode).toBe(403);
    expect((await otherOffice.get(ORG())).statusCode).toBe(403);

    // The office sees the network: Erika's hours at the club and at its own event.
    const network = await office.get(`/netzwerk/gems/verwaltung/stunden?jahr=${year}`);
    const networkTable = network.body.split('<table id="summen-personen-tabelle"')[1]?.split('</table>')[0] ?? '';
    expect(networkTable).toContain('Erika Engagiert');
    expect(networkTable).toContain('6,5');
    expect(network.body).toContain('eine weitere Person ohne Freigabe: 4 Stunden');

    // A month without hours: nothing to show.
    const empty = await clubMember.get(`${ORG()}?jahr=${Number(year) - 5}&monat=1`);
    expect(empty.body).toContain('In diesem Zeitraum sind keine Stunden bestätigt.');

    const withdrawn = await erika.submit('/konto/stunden/freigabe', { give: '0' }, '/konto/stunden');
    expect(withdrawn.headers.location).toContain('freigabe=widerrufen');
    const after = await clubMember.get(`${ORG()}?jahr=${year}`);
    expect(after.body).not.toContain('Erika Engagiert</th>');
    expect(after.body).toContain('weitere 2 Personen ohne Freigabe');
  });
});

describe('personal data', () => {
  it('downloads and erases the dismissals', async () => {
    const part = recognitionPersonalData.find((p) => p.name === 'stundenvorschlaege-verworfen')!;
    const subject = { userId: erikaId, email: 'erika@example.org' };
    const rows = await part.export(ctx.deps.db, subject);
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'placement' })]));
    await part.erase(ctx.deps.db, subject, ctx.deps);
    expect(await ctx.deps.db.select().from(hoursProposalDismissals).where(eq(hoursProposalDismissals.userId, erikaId))).toHaveLength(0);
  });
});

/*
 * The office's hours page belongs to the network office alone (policy.ts, canSeeNetworkHours). The other
 * roles of the network that look after municipalities — a guide (Engagementlotse) and a municipality
 * contact — neither see it nor confirm or reject what waits there; the office then confirms the same entry.
 */
describe('the office hours page, for the other roles of the network', () => {
  const OFFICE = '/netzwerk/gems/verwaltung/stunden';

  for (const [role, who] of [
    ['guide', 'a guide (Lotse)'],
    ['municipality_contact', 'a municipality contact'],
  ] as const) {
    it(`is closed to ${who}: no page, no confirming, no rejecting`, async () => {
      const db = ctx.deps.db;
      const krostitz = (await listMunicipalities(db, gemsId)).find((m) => m.name === 'Krostitz')!;
      const person = await createUser(ctx, { email: `${role}@gems.example`, roles: [{ networkId: gemsId, role, municipalityIds: [krostitz.id] }] });
      const client = await signedInClient(ctx, person);
      // Otto's hours at an event of the office, waiting for the office.
      const startsAt = new Date(ctx.clock.now.getTime() - 5 * DAY);
      const [event] = await db
        .insert(events)
        .values({ networkId: gemsId, organisationId: null, kind: 'workshop', status: 'published', title: `Treffen der Kommunen (${role})`, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) })
        .returning();
      const activity = `Protokoll geschrieben (${role})`;
      const [entry] = await db
        .insert(hoursEntries)
        .values({ userId: ottoId, networkId: gemsId, organisationId: null, eventId: event!.id, day: berlinDay(startsAt), hours: 2, activity, source: 'event', status: 'pending' })
        .returning();
      const statusOf = async () => (await db.select().from(hoursEntries).where(eq(hoursEntries.id, entry!.id)))[0]?.status;

      const page = await client.get(OFFICE);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('Kein Zugriff');
      expect(page.body).not.toContain(activity);
      expect((await client.get(`${OFFICE}?jahr=${today().slice(0, 4)}`)).statusCode).toBe(403);

      // The confirming POST with a valid form token (from the person's own hours page) is refused, and so is a rejection.
      const confirm = await client.submit(`${OFFICE}/entscheiden`, { entryIds: [entry!.id], decision: 'confirm' }, '/konto/stunden');
      expect(confirm.statusCode).toBe(403);
      // Refused for the role, not for the form (an expired form token is a 403 too).
      expect(confirm.body).toContain('Kein Zugriff');
      expect(confirm.body).not.toContain('Formular abgelaufen');
      expect(await statusOf()).toBe('pending');
      const reject = await client.submit(`${OFFICE}/entscheiden`, { entryIds: [entry!.id], decision: 'reject', reason: 'Nicht dabei gewesen' }, '/konto/stunden');
      expect(reject.statusCode).toBe(403);
      expect(reject.body).toContain('Kein Zugriff');
      expect(await statusOf()).toBe('pending');

      // The office sees the same entry and confirms it: the refusals above were the role's.
      const officePage = await office.get(OFFICE);
      expect(officePage.body).toContain(activity);
      const confirmed = await office.submit(`${OFFICE}/entscheiden`, { entryIds: [entry!.id], decision: 'confirm' });
      expect(confirmed.headers.location).toBe(`${OFFICE}?entschieden=1`);
      expect(await statusOf()).toBe('confirmed');
    });
  }
});
