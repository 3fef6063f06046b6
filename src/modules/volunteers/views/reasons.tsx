import type { MessageKey, T } from '../../../platform/i18n/index.ts';
import type { Reason } from '../matching.ts';

/** One reason as a short phrase in the reader's language: "6 km entfernt", "dienstags nachmittags passt". */
export function reasonText(reason: Reason, t: T): string {
  switch (reason.code) {
    case 'same_field':
      return t('volunteers.reason.same_field');
    case 'distance':
      return reason.km < 1 ? t('volunteers.reason.near') : t('volunteers.reason.distance', { km: reason.km });
    case 'remote':
      return t('volunteers.reason.remote');
    case 'time_fits':
      if (reason.weekday !== undefined && reason.timeOfDay !== undefined) {
        return t('volunteers.reason.dayTime', {
          day: t(`volunteers.weekdayWithTime.${reason.weekday}` as MessageKey),
          time: t(`volunteers.timeOfDay.${reason.timeOfDay}`),
        });
      }
      return t('volunteers.reason.time', {
        when:
          reason.weekday !== undefined
            ? t(`volunteers.weekday.${reason.weekday}` as MessageKey)
            : t(`volunteers.timeOfDay.${reason.timeOfDay ?? 'morning'}`),
      });
    case 'skill':
      return reason.skill;
    case 'suitable':
      return t('volunteers.reason.suitable', { flag: t(`volunteers.suitability.${reason.flag}`) });
  }
}

export function ReasonList({ reasons, t }: { reasons: readonly Reason[]; t: T }) {
  if (reasons.length === 0) return null;
  return (
    <ul class="reasons">
      {reasons.map((reason, i) => (
        <li key={i}>{reasonText(reason, t)}</li>
      ))}
    </ul>
  );
}
