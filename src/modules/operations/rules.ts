import { berlinClock } from '../../platform/i18n/index.ts';

// ---- networks ------------------------------------------------------------------------------

/** The part of a network's address after /netzwerk/. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The audit-log action of a backup download. */
export const BACKUP_DOWNLOADED = 'backup.downloaded';

/** How many backups one person may download per hour: each one is a full copy of all personal data. */
export const BACKUP_DOWNLOADS_PER_HOUR = 5;

/** The downloaded backup's file name, with the German wall-clock time: mitmachnetz-sicherung-2026-11-24T0305.jsonl.gz. */
export function backupFileName(at: Date): string {
  const part = berlinClock(at);
  return `mitmachnetz-sicherung-${part.year}-${part.month}-${part.day}T${part.hour}${part.minute}.jsonl.gz`;
}
