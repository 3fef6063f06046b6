import type { TestContext } from '../../../test/helpers.ts';
import { createUser } from '../../../test/helpers.ts';
import { createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import type { User } from '../../platform/auth/schema.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { organisationMembers, type Organisation } from '../organisations/schema.ts';

/** The people of the engagement database tests: two offices, two organisations with their admins, a volunteer. */
export interface Cast {
  gems: Network;
  weisswasser: Network;
  krostitz: string;
  delitzsch: string;
  office: User;
  otherOffice: User;
  volunteer: User;
  /** Admin of the Heimatverein Krostitz (verified). */
  memberA: User;
  /** Admin of the Tafel Delitzsch (verified), a different organisation in the same network. */
  memberB: User;
  orgA: Organisation;
  orgB: Organisation;
}

let counter = 0;

export async function castOf(ctx: TestContext): Promise<Cast> {
  const region = await demoRegion(ctx);
  const n = ++counter;
  const krostitz = region.municipality('Krostitz').id;
  const delitzsch = region.municipality('Delitzsch').id;
  const office = await createUser(ctx, { email: `office${n}@gems.example`, name: 'Netzwerkstelle GEMS', roles: [{ networkId: region.gems.id, role: 'network_office' }] });
  const otherOffice = await createUser(ctx, { email: `office${n}@weisswasser.example`, name: 'Netzwerkstelle Weißwasser', roles: [{ networkId: region.weisswasser.id, role: 'network_office' }] });
  const volunteer = await createUser(ctx, { email: `helga${n}@example.org`, name: 'Helga Helferin', roles: [{ networkId: region.gems.id, role: 'volunteer' }] });
  const memberA = await createUser(ctx, { email: `anna${n}@heimatverein.example`, name: 'Anna Vorstand', roles: [{ networkId: region.gems.id, role: 'organisation' }] });
  const memberB = await createUser(ctx, { email: `bernd${n}@tafel.example`, name: 'Bernd Tafel', roles: [{ networkId: region.gems.id, role: 'organisation' }] });
  const orgA = await createOrganisation(ctx, { networkId: region.gems.id, municipalityId: krostitz, name: `Heimatverein Krostitz ${n} e. V.`, email: 'info@heimatverein.example' });
  const orgB = await createOrganisation(ctx, { networkId: region.gems.id, municipalityId: delitzsch, name: `Tafel Delitzsch ${n}`, type: 'einrichtung' });
  await ctx.deps.db.insert(organisationMembers).values([
    { organisationId: orgA.id, userId: memberA.id, role: 'admin' },
    { organisationId: orgB.id, userId: memberB.id, role: 'admin' },
  ]);
  return { gems: region.gems, weisswasser: region.weisswasser, krostitz, delitzsch, office, otherOffice, volunteer, memberA, memberB, orgA, orgB };
}

/** A complete, valid offer form as a browser sends it. */
export function offerForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Vorlesepatin oder Vorlesepate in der Kita',
    summary: 'Einmal in der Woche Kindern in der Kita Sonnenschein vorlesen.',
    description: 'Wir suchen Menschen, die gern vorlesen.\n\n- Bilderbücher\n- Märchen',
    field: 'schule',
    targetGroups: ['kinder'],
    skills: 'Freude am Lesen, Geduld',
    tags: 'Lesen, Kita',
    commitment: 'regular',
    hoursPerWeek: '1,5',
    weekdays: ['2', '4'],
    timesOfDay: ['morning'],
    suitability: ['seniors', 'youth'],
    municipalityId: '',
    street: 'Schulstraße 3',
    postcode: '04509',
    place: 'Krostitz',
    district: '',
    lat: '',
    lng: '',
    startsOn: '',
    endsOn: '',
    peopleWanted: '2',
    contact: 'other',
    contactName: 'Anna Vorstand',
    contactEmail: 'kita@heimatverein.example',
    contactPhone: '034295 1234',
    ...overrides,
  };
}
