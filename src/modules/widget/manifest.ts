import type { AppModule } from '../../platform/module.ts';
import { routes } from './routes.tsx';
import { de, en } from './messages.ts';

/** The offers of a town on the town's own website: a script with a Shadow DOM, or a frame for sites without scripts. */
export const widgetModule: AppModule = {
  name: 'widget',
  messages: { de, en },
  routes,
};
