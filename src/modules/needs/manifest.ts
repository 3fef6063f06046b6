import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';
import { needsPersonalData } from './personal-data.ts';

export const needsModule: AppModule = {
  name: 'needs',
  personalData: needsPersonalData,
  messages: { de, en },
  routes,
};
