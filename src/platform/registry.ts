import { registerMessages } from './i18n/index.ts';
import { de, en } from './messages.ts';
import type { AppModule } from './module.ts';

registerMessages({ de, en });

let registered: readonly AppModule[] = [];

/**
 * Makes the module list known to the platform: their texts join the dictionaries, and the runtime, the
 * layout, the admin areas and the privacy functions read the list from here. Called once, by the module
 * list itself (`src/modules/index.ts`), so the platform never imports a module (decision 006).
 */
export function registerModules(list: readonly AppModule[]): void {
  const names = new Set<string>();
  for (const module of list) {
    if (names.has(module.name)) throw new Error(`Module ${module.name} is registered twice`);
    names.add(module.name);
    if (module.messages) registerMessages(module.messages);
  }
  registered = list;
}

/** The registered modules in the order of the module list. */
export function registeredModules(): readonly AppModule[] {
  return registered;
}
