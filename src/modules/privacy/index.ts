import type { AppModule } from '../../platform/module.ts';
import { setMailConsentGate } from '../../platform/mail/index.ts';
import { hasConsent } from './consents.ts';
import { de, en } from './messages.ts';
import { routes } from './routes.tsx';

export {
  consentHistory,
  currentConsents,
  hasConsent,
  onConsentWithdrawn,
  recordConsent,
  withdrawConsent,
  type ConsentInput,
  type ConsentScope,
  type ConsentSubject,
} from './consents.ts';
export { CONTACT_PURPOSE, registerConsentPurpose } from './purposes.ts';
export { CONSENT_METHODS, type Consent, type ConsentMethod } from './schema.ts';

export const privacyModule: AppModule = {
  name: 'privacy',
  messages: { de, en },
  routes,
  navigation: [
    { area: 'account', label: 'privacy.nav.consents', href: () => '/konto/einwilligungen', order: 80 },
  ],
  async workers(deps) {
    // Mails that depend on a consent are checked again when they leave the queue.
    setMailConsentGate((consent) => hasConsent(deps.db, consent));
  },
};
