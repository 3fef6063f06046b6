import type { TestContext } from '../../../test/helpers.ts';
import { createNeed, createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { createUser } from '../../../test/helpers.ts';
import { placements, type PlacementStatus } from '../placements/schema.ts';
import { volunteerProfiles } from '../volunteers/schema.ts';

/*
 * The hand-counted world of the overview tests. Every expected number in the tests is counted from
 * the lists below; the comments there say how. The clock stands at 2025-06-15 and the period chosen
 * in most tests is 2025-01 to 2025-06.
 */

export const NOW = new Date('2025-06-15T10:00:00Z');
export const PERIOD = { from: '2025-01', to: '2025-06' };

const HOUR = 3_600_000;

export async function overviewWorld(ctx: TestContext) {
  ctx.clock.now = NOW;
  const region = await demoRegion(ctx);
  const { gems, weisswasser } = region;
  const m = (name: string) => region.municipality(name);
  const krostitz = m('Krostitz');
  const delitzsch = m('Delitzsch');
  const taucha = m('Taucha');

  // Organisations: verified O1 (Krostitz), O2 (Delitzsch), O4 (Weißwasser); O3 (Taucha) still pending.
  const o1 = await createOrganisation(ctx, { networkId: gems.id, municipalityId: krostitz.id, name: 'Heimatverein Krostitz e. V.' });
  const o2 = await createOrganisation(ctx, { networkId: gems.id, municipalityId: delitzsch.id, name: 'Tafel Delitzsch e. V.' });
  await createOrganisation(ctx, { networkId: gems.id, municipalityId: taucha.id, name: 'Naturfreunde Taucha', status: 'pending' });
  const o4 = await createOrganisation(ctx, { networkId: weisswasser.id, municipalityId: m('Weißwasser/O.L.').id, name: 'Glasmacher Weißwasser' });

  const offer = (values: Parameters<typeof createOffer>[1]) => createOffer(ctx, values);
  // Offers: A1, A2 (Krostitz), A3, A6 (Delitzsch) published; A4 draft; A5 archived; A7 in Weißwasser.
  const a1 = await offer({ networkId: gems.id, organisationId: o1.id, municipalityId: krostitz.id, field: 'sozial', title: 'Besuchsdienst', publishedAt: new Date('2025-02-10T09:00:00Z') });
  const a2 = await offer({ networkId: gems.id, organisationId: o1.id, municipalityId: krostitz.id, field: 'sport', title: 'Kinderturnen', publishedAt: new Date('2025-03-05T09:00:00Z') });
  const a3 = await offer({ networkId: gems.id, organisationId: o2.id, municipalityId: delitzsch.id, field: 'sozial', title: 'Lebensmittelausgabe', publishedAt: new Date('2025-03-20T09:00:00Z') });
  await offer({ networkId: gems.id, organisationId: o2.id, municipalityId: delitzsch.id, field: 'kultur', title: 'Chor', status: 'draft', publishedAt: null });
  await offer({ networkId: gems.id, organisationId: o2.id, municipalityId: taucha.id, field: 'umwelt', title: 'Baumpflanzung', status: 'archived', publishedAt: new Date('2024-12-01T09:00:00Z') });
  // 23:30 UTC on 31 May is 01:30 on 1 June in Germany: the offer counts for June 2024.
  const a6 = await offer({ networkId: gems.id, organisationId: o2.id, municipalityId: delitzsch.id, field: 'schule', title: 'Lesepatenschaft', publishedAt: new Date('2024-05-31T23:30:00Z') });
  const a7 = await offer({ networkId: weisswasser.id, organisationId: o4.id, municipalityId: m('Weißwasser/O.L.').id, field: 'sozial', title: 'Nachbarschaftshilfe', publishedAt: new Date('2025-04-01T09:00:00Z') });

  const need = async (name: string, field: Parameters<typeof createNeed>[1]['field'], options: { coordinates?: boolean; status?: 'open' | 'closed'; networkId?: string } = {}) => {
    const place = m(name);
    return createNeed(ctx, {
      networkId: options.networkId ?? gems.id,
      municipalityId: place.id,
      field,
      status: options.status ?? 'open',
      lat: options.coordinates === false ? null : place.lat,
      lng: options.coordinates === false ? null : place.lng,
    });
  };
  // N1 sozial Krostitz: met by A1 in the same municipality.
  await need('Krostitz', 'sozial');
  // N2 sport Jesewitz: met by A2 in Krostitz, about 9 km away.
  await need('Jesewitz', 'sport');
  // N3 kultur Taucha: unmet, the only kultur offer (A4) is a draft.
  const n3 = await need('Taucha', 'kultur');
  // N4 umwelt Delitzsch: unmet, the only umwelt offer (A5) is archived.
  await need('Delitzsch', 'umwelt');
  // N5 sozial Krostitz: closed, not counted at all.
  await need('Krostitz', 'sozial', { status: 'closed' });
  // N6 sozial Wiedemar without coordinates: unmet, no sozial offer in Wiedemar itself.
  await need('Wiedemar', 'sozial', { coordinates: false });
  // N7 sozial Löbnitz: met by A3 in Delitzsch, about 11 km away.
  await need('Löbnitz', 'sozial');
  // N8 schule Zschepplin: unmet, A6 in Delitzsch is about 19 km away (more than 15).
  await need('Zschepplin', 'schule');
  // N9 sozial in Weißwasser: another network.
  await need('Weißwasser/O.L.', 'sozial', { networkId: weisswasser.id });

  // Volunteers: 3 at home in Krostitz, 3 in Delitzsch, 1 in Weißwasser, 1 without a home municipality.
  const homes = [krostitz.id, krostitz.id, krostitz.id, delitzsch.id, delitzsch.id, delitzsch.id, m('Weißwasser/O.L.').id, null];
  for (const [i, home] of homes.entries()) {
    const user = await createUser(ctx, { email: `engagiert${i}@example.org` });
    await ctx.deps.db.insert(volunteerProfiles).values({ userId: user.id, homeMunicipalityId: home });
  }

  const placement = async (networkId: string, target: { offerId?: string; needId?: string }, createdAt: string, status: PlacementStatus, responseHours: number | null) => {
    const created = new Date(createdAt);
    await ctx.deps.db.insert(placements).values({
      networkId,
      ...target,
      volunteerName: 'Anna Beispiel',
      volunteerEmail: 'anna@example.org',
      status,
      createdAt: created,
      lastActivityAt: created,
      firstResponseAt: responseHours === null ? null : new Date(created.getTime() + responseHours * HOUR),
    });
  };
  await placement(gems.id, { offerId: a1.id }, '2025-01-10T10:00:00Z', 'placed', 2); // P1 Krostitz
  await placement(gems.id, { offerId: a1.id }, '2025-02-01T10:00:00Z', 'ended', 10); // P2 Krostitz
  await placement(gems.id, { offerId: a2.id }, '2025-03-03T08:00:00Z', 'in_contact', 24); // P3 Krostitz
  await placement(gems.id, { offerId: a3.id }, '2025-03-15T08:00:00Z', 'declined', 4); // P4 Delitzsch
  await placement(gems.id, { offerId: a3.id }, '2025-04-20T08:00:00Z', 'requested', null); // P5 Delitzsch
  await placement(gems.id, { offerId: a3.id }, '2025-05-05T08:00:00Z', 'placed', 48); // P6 Delitzsch
  await placement(gems.id, { needId: n3.id }, '2025-06-01T10:00:00Z', 'first_meeting', 1); // P7 Taucha (a need)
  // P8: 23:30 UTC on New Year's Eve is already January in Germany: inside the period.
  await placement(gems.id, { offerId: a6.id }, '2024-12-31T23:30:00Z', 'no_answer', null); // P8 Delitzsch
  await placement(gems.id, { offerId: a1.id }, '2024-11-15T10:00:00Z', 'placed', 3); // P9 before the period
  await placement(gems.id, { offerId: a6.id }, '2024-06-30T22:30:00Z', 'declined', null); // P10 July 2024 in Germany
  await placement(weisswasser.id, { offerId: a7.id }, '2025-03-01T10:00:00Z', 'placed', 5); // P11 other network

  return { gems, weisswasser, krostitz, delitzsch, taucha, m };
}
