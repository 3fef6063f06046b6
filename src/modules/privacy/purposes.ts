import type { MessageKey } from '../../platform/i18n/index.ts';

/** The consent purpose of the volunteers' "organisations may contact me" choice. */
export const CONTACT_PURPOSE = 'volunteers.contact';

const labels = new Map<string, MessageKey>([
  [CONTACT_PURPOSE, 'privacy.purpose.volunteers.contact'],
  ['infomail', 'privacy.purpose.infomail'],
  ['public_profile', 'privacy.purpose.public_profile'],
]);

/** A module that asks for consent to a purpose of its own names it here, with a text from its own messages. */
export function registerConsentPurpose(purpose: string, label: MessageKey): void {
  labels.set(purpose, label);
}

/** The purpose's label, or undefined for one nobody registered (the page then shows the key). */
export function purposeLabel(purpose: string): MessageKey | undefined {
  return labels.get(purpose);
}
