/*
 * The public entry of the privacy module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** Consent records: give, withdraw, read, and react to a withdrawal. */
export {
  consentHistory,
  currentConsents,
  hasConsent,
  onConsentWithdrawn,
  recordConsent,
  usersWithConsent,
  withdrawConsent,
  type ConsentInput,
  type ConsentScope,
  type ConsentSubject,
} from './consents.ts';
/** Consent purposes: the contact purpose, and how a module adds its own. */
export { CONTACT_PURPOSE, registerConsentPurpose } from './purposes.ts';
export { CONSENT_METHODS, type Consent, type ConsentMethod } from './schema.ts';
