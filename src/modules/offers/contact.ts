import type { MessageKey } from '../../platform/i18n/index.ts';

/*
 * Who an offer names as its contact person is chosen, never assumed (issue 12, finding 9): one of the
 * organisation's members, another person typed in, or nobody (enquiries then go to the e-mail address
 * and phone given below the choice). Only the name is stored; the choice is read back from it.
 */

/** The form's value: a member's user id, 'other' or 'none'. */
export const CONTACT_CHOICE_PATTERN = '^(none|other|[0-9a-fA-F-]{36})$';

export interface ContactCandidate {
  userId: string;
  name: string;
}

export type ContactChoice = { ok: true; contactName: string } | { ok: false; field: 'contact' | 'contactName'; message: MessageKey };

/** The name to publish for the choice made in the form. */
export function contactNameOf(choice: string | undefined, typedName: string, members: readonly ContactCandidate[]): ContactChoice {
  if (choice === undefined || choice === '') return { ok: false, field: 'contact', message: 'offers.error.contactChoice' };
  if (choice === 'none') return { ok: true, contactName: '' };
  if (choice === 'other') {
    const name = typedName.replace(/\s+/g, ' ').trim();
    return name ? { ok: true, contactName: name } : { ok: false, field: 'contactName', message: 'offers.error.contactName' };
  }
  const member = members.find((m) => m.userId === choice.toLowerCase());
  return member ? { ok: true, contactName: member.name } : { ok: false, field: 'contact', message: 'offers.error.contactChoice' };
}

/** The choice a stored name stands for, so that the edit form shows it again. */
export function contactChoiceOf(contactName: string, members: readonly ContactCandidate[]): { contact: string; contactName: string } {
  if (contactName === '') return { contact: 'none', contactName: '' };
  const member = members.find((m) => m.name === contactName);
  return member ? { contact: member.userId, contactName: '' } : { contact: 'other', contactName };
}
