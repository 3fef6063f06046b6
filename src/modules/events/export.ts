import type { T } from '../../platform/i18n/index.ts';
import type { ExportSheet } from '../../platform/http/export.ts';
import type { EventDetail } from './queries.ts';
import type { EventRegistration } from './schema.ts';
import { registrationStatusLabel } from './views/format.tsx';

/** The registration list as a sheet for the platform's CSV/XLSX writers (formula injection is handled there). */
export function registrationSheet(t: T, event: EventDetail, registrations: EventRegistration[]): ExportSheet {
  const live = registrations.filter((r) => r.status !== 'cancelled');
  const attendance = (r: EventRegistration) => (r.attended === null ? '' : r.attended ? t('events.attendance.present') : t('events.attendance.absent'));
  return {
    title: t('events.registrations.caption'),
    columns: [
      { label: t('events.registrations.col.position'), numeric: true },
      { label: t('events.register.name') },
      { label: t('events.register.email') },
      { label: t('events.registrations.col.status') },
      ...event.questions.map((q) => ({ label: q.label })),
      { label: t('events.registrations.col.registered') },
      { label: t('events.registrations.col.attended') },
    ],
    batches: [
      live.map((r, i) => [
        i + 1,
        r.name,
        r.email,
        registrationStatusLabel(t, r.status),
        ...event.questions.map((q) => r.answers[q.id] ?? ''),
        r.createdAt,
        attendance(r),
      ]),
    ],
  };
}
