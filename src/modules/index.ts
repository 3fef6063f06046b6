import type { AppModule } from '../platform/module.ts';
import { accountsModule } from './accounts/index.ts';
import { membersModule } from './members/index.ts';
import { networksModule } from './networks/index.ts';

/** Every module of the platform, in the order their routes are mounted. */
export const modules: AppModule[] = [networksModule, accountsModule, membersModule];
