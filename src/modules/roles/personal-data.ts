import { eq } from 'drizzle-orm';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { networks } from '../../platform/networks/schema.ts';
import { invitations, memberships } from './schema.ts';

export const rolesPersonalData: PersonalDataPart[] = [
  {
    name: 'rollen',
    label: 'privacy.kind.roles',
    tables: [{ table: 'memberships', columns: ['user_id'] }],
    async export(db, subject) {
      return db
        .select({ network: networks.name, role: memberships.role, since: memberships.createdAt })
        .from(memberships)
        .innerJoin(networks, eq(networks.id, memberships.networkId))
        .where(eq(memberships.userId, subject.userId));
    },
    async erase(db, subject) {
      await db.delete(memberships).where(eq(memberships.userId, subject.userId));
    },
  },
  {
    name: 'einladungen',
    label: 'privacy.kind.invitations',
    tables: [{ table: 'invitations', columns: ['email', 'invited_by'] }],
    async export(db, subject) {
      // Invitations addressed to the person; those they sent name other people and are not theirs.
      return db
        .select({ network: networks.name, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt })
        .from(invitations)
        .innerJoin(networks, eq(networks.id, invitations.networkId))
        .where(eq(invitations.email, subject.email));
    },
    async erase(db, subject) {
      await db.delete(invitations).where(eq(invitations.email, subject.email));
      await db.update(invitations).set({ invitedBy: null }).where(eq(invitations.invitedBy, subject.userId));
    },
  },
];
