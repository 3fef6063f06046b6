import type { Role } from './roles/schema.ts';

/** Who is asking: the signed-in person with their roles per network, or nobody. */
export interface Actor {
  userId: string | null;
  isPlatformAdmin: boolean;
  roles: ReadonlyArray<{ networkId: string; role: Role; municipalityIds: readonly string[] }>;
}

export const ANONYMOUS: Actor = Object.freeze({ userId: null, isPlatformAdmin: false, roles: [] });

export function hasRole(actor: Actor, networkId: string, ...roles: Role[]): boolean {
  return actor.roles.some((r) => r.networkId === networkId && roles.includes(r.role));
}

/** Municipalities a person looks after in a network (guides and municipality contacts). */
export function municipalitiesOf(actor: Actor, networkId: string, role: Role): string[] {
  return actor.roles
    .filter((r) => r.networkId === networkId && r.role === role)
    .flatMap((r) => r.municipalityIds);
}

/** The network office administers its network; a platform admin may act in every network. */
export function isNetworkAdmin(actor: Actor, networkId: string): boolean {
  return actor.isPlatformAdmin || hasRole(actor, networkId, 'network_office');
}
