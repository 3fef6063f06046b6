import type { Db } from './db.ts';
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

/** Runs every registered module's demo part, in ascending `order`, after the demo networks were created. */
export async function seedModuleDemos(db: Db, now: Date): Promise<void> {
  const parts = registered.flatMap((module) => (module.demo ? [module.demo] : [])).sort((a, b) => a.order - b.order);
  for (const part of parts) await part.seed(db, now);
}

/** The registered modules in the order of the module list. */
export function registeredModules(): readonly AppModule[] {
  return registered;
}
