import type { AppModule } from '../../platform/module.ts';
import { runDueErasures } from './erasure.ts';
import { purgeExportFiles } from './exports.ts';
import { runRetention } from './retention.ts';

/** The nightly work, also callable from tests and the command line with another date. */
export async function runPrivacyDaily(deps: Parameters<NonNullable<AppModule['workers']>>[0], now: Date) {
  const erased = await runDueErasures(deps, now);
  const removed = await runRetention(deps.db, now);
  await purgeExportFiles(deps, now);
  // One line per network and kind, so the operator's log says what went (the office sees it on its page).
  for (const line of removed) console.info(`retention: network ${line.networkId} ${line.key}: ${line.removed} removed`);
  if (erased > 0) console.info(`erasure: ${erased} account(s) erased`);
  return { erased, removed };
}
