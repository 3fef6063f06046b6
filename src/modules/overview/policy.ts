import { isNetworkAdmin, municipalitiesOf, type Actor } from '../../platform/policy.ts';

/*
 * Everyone may see the overview. The public view shows aggregates only and counts of people
 * below 5 as "< 5", so nobody can be recognised in a small village. The internal view shows exact
 * numbers, needs and the per-placement list: to the platform admin everywhere, to the network office
 * in its network, and to a municipality contact for the municipalities they look after (when the
 * overview is narrowed to one of them).
 */

export type OverviewView = 'public' | 'internal';

export interface OverviewTarget {
  /** The network the overview is about; null for the overview across all networks. */
  networkId: string | null;
  municipalityId: string | null;
}

export function overviewView(actor: Actor, target: OverviewTarget): OverviewView {
  if (actor.isPlatformAdmin) return 'internal';
  if (!target.networkId) return 'public';
  if (isNetworkAdmin(actor, target.networkId)) return 'internal';
  if (target.municipalityId && municipalitiesOf(actor, target.networkId, 'municipality_contact').includes(target.municipalityId)) {
    return 'internal';
  }
  return 'public';
}

/** Lists of single placements and the needs figures are for the internal view only. */
export function canExportInternalTables(actor: Actor, target: OverviewTarget): boolean {
  return overviewView(actor, target) === 'internal';
}

/** Municipalities whose internal view a municipality contact may open in a network (for a hint on the page). */
export function contactMunicipalities(actor: Actor, networkId: string): string[] {
  return municipalitiesOf(actor, networkId, 'municipality_contact');
}
