import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail/index.ts';
import { INVITATION_DAYS } from './rules.ts';
import type { Role } from './schema.ts';

/**
 * The invitation mail. We do not know the invited person's language yet, so the mail is German
 * (the network's language) with a short English part below.
 */
export function invitationMail(input: {
  to: string;
  networkName: string;
  role: Role;
  municipalityNames: string[];
  link: string;
}): MailMessage {
  const de = translator('de');
  const en = translator('en');
  const roleKey = `members.role.${input.role}` as MessageKey;
  const lines = [
    de('members.mail.greeting'),
    '',
    de('members.mail.invited', { network: input.networkName, role: de(roleKey) }),
    ...(input.municipalityNames.length > 0
      ? [de('members.mail.municipalities', { list: input.municipalityNames.join(', ') })]
      : []),
    '',
    de('members.mail.open'),
    input.link,
    '',
    de('members.mail.validity', { days: INVITATION_DAYS }),
    '',
    de('members.mail.ignore'),
    '',
    '---',
    en('members.mail.invited', { network: input.networkName, role: en(roleKey) }),
    en('members.mail.open'),
    input.link,
    en('members.mail.validity', { days: INVITATION_DAYS }),
  ];
  return {
    to: input.to,
    subject: de('members.mail.subject', { network: input.networkName }),
    text: lines.join('\n'),
  };
}
