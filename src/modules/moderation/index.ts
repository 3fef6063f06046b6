/*
 * The public entry of the moderation module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** For the network dashboard: what waits for the office. */
export { waitingCounts } from './office-notices.ts';
export { WaitingBox } from './views/notices.tsx';
/** Whether an office person wants mails about what waits (placements' escalations read it). */
export { officeNoticeSettings } from './schema.ts';
