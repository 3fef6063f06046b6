import { isLocale, translator, type MessageKey } from '../../platform/i18n/index.ts';
import type { MailMessage } from '../../platform/mail/index.ts';
import { EMAIL_REVOKE_DAYS } from './commands.ts';

type MailKind = 'confirm' | 'exists' | 'reset' | 'magic' | 'change' | 'changed';

const TEXTS: Record<MailKind, { subject: MessageKey; text: MessageKey }> = {
  confirm: { subject: 'accounts.mail.confirmSubject', text: 'accounts.mail.confirmText' },
  exists: { subject: 'accounts.mail.existsSubject', text: 'accounts.mail.existsText' },
  reset: { subject: 'accounts.mail.resetSubject', text: 'accounts.mail.resetText' },
  magic: { subject: 'accounts.mail.magicSubject', text: 'accounts.mail.magicText' },
  change: { subject: 'accounts.mail.changeSubject', text: 'accounts.mail.changeText' },
  changed: { subject: 'accounts.mail.changedSubject', text: 'accounts.mail.changedText' },
};

/**
 * One of the account mails, in the recipient's language. Mails carry no names or other text a
 * stranger could type in, so a registration with someone else's address cannot put words in our mouth.
 */
export function accountMail(
  kind: MailKind,
  input: { to: string; locale: string; publicUrl: string; path?: string },
): MailMessage {
  const t = translator(isLocale(input.locale) ? input.locale : 'de');
  const link = input.path ? `${input.publicUrl.replace(/\/+$/, '')}${input.path}` : '';
  const { subject, text } = TEXTS[kind];
  return {
    to: input.to,
    subject: t(subject),
    text: `${t('accounts.mail.greeting')}\n\n${t(text, { link, days: String(EMAIL_REVOKE_DAYS) })}\n\n${t('accounts.mail.signature')}\n`,
  };
}
