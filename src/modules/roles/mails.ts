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
  const roleKey = `roles.role.${input.role}` as MessageKey;
  const lines = [
    de('roles.mail.greeting'),
    '',
    de('roles.mail.invited', { network: input.networkName, role: de(roleKey) }),
    ...(input.municipalityNames.length > 0
      ? [de('roles.mail.municipalities', { list: input.municipalityNames.join(', ') })]
      : []),
    '',
    de('roles.mail.open'),
    input.link,
    '',
    de('roles.mail.validity', { days: INVITATION_DAYS }),
    '',
    de('roles.mail.ignore'),
    '',
    '---',
    en('roles.mail.invited', { network: input.networkName, role: en(roleKey) }),
    en('roles.mail.open'),
    input.link,
    en('roles.mail.validity', { days: INVITATION_DAYS }),
  ];
  return {
    to: input.to,
    subject: de('roles.mail.subject', { network: input.networkName }),
    text: lines.join('\n'),
  };
}
