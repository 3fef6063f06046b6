import type { MessageKey, T } from '../../../platform/i18n/index.ts';
import type { Role } from '../schema.ts';

export function roleLabel(t: T, role: Role): string {
  return t(`roles.role.${role}` as MessageKey);
}

export function roleHint(t: T, role: Role): string {
  return t(`roles.roleHint.${role}` as MessageKey);
}

// The admin area's navigation is built from the registered modules' entries (see ../index.ts).
export { AdminNav, adminPath } from '../../../platform/navigation.tsx';
