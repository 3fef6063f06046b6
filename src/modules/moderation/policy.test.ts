import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../platform/policy.ts';
import { ROLES, type Role } from '../../platform/roles/schema.ts';
import { canEditModerationSettings, canModerate, canReportContent } from './policy.ts';

const HERE = 'network-here';
const withRole = (role: Role, networkId = HERE): Actor => ({ userId: `user-${role}`, isPlatformAdmin: false, roles: [{ networkId, role, municipalityIds: [] }] });

describe('moderation policy, per role', () => {
  const people: Array<{ who: string; actor: Actor; office: boolean }> = [
    { who: 'anonymous', actor: ANONYMOUS, office: false },
    ...ROLES.map((role) => ({ who: role, actor: withRole(role), office: role === 'network_office' })),
    { who: 'network office of another network', actor: withRole('network_office', 'network-there'), office: false },
    { who: 'platform admin', actor: { userId: 'admin', isPlatformAdmin: true, roles: [] }, office: true },
  ];
  for (const { who, actor, office } of people) {
    it(`${who} ${office ? 'moderates' : 'does not moderate'} network HERE and may report content`, () => {
      expect(canModerate(actor, HERE)).toBe(office);
      expect(canEditModerationSettings(actor, HERE)).toBe(office);
      expect(canReportContent(actor)).toBe(true);
    });
  }
});
