import type { AppModule } from '../../platform/module.ts';
import { CONTACT_PURPOSE, onConsentWithdrawn } from '../privacy/index.ts';
import { stopContact } from './commands.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { volunteersPersonalData } from './personal-data.ts';

// A withdrawal on the consents page also clears the profile's "may contact me" tick.
onConsentWithdrawn(CONTACT_PURPOSE, async (db, scope, now) => {
  if (scope.userId) await stopContact(db, scope.userId, now);
});

export const volunteersModule: AppModule = {
  name: 'volunteers',
  personalData: volunteersPersonalData,
  messages: { de, en },
  routes,
};
