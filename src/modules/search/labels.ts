import type { Locale, MessageKey, T } from '../../platform/i18n/index.ts';
import { COMMITMENTS, FIELD_LABELS_DE, FIELD_LABELS_EN, FIELDS, SUITABILITY, TARGET_GROUPS, TIMES_OF_DAY, WEEKDAYS, type Field } from '../../platform/vocabulary.ts';
import type { FacetGroup } from './params.ts';

export function fieldLabel(locale: Locale, field: string): string {
  const labels = locale === 'de' ? FIELD_LABELS_DE : FIELD_LABELS_EN;
  return labels[field as Field] ?? field;
}

/** The fixed values of a filter group in their natural order (fields as in the survey, Monday first). */
export const GROUP_VALUES: Partial<Record<FacetGroup, readonly string[]>> = {
  feld: FIELDS,
  zielgruppe: TARGET_GROUPS,
  einsatz: COMMITMENTS,
  wochentag: WEEKDAYS.map(String),
  tageszeit: TIMES_OF_DAY,
  geeignet: SUITABILITY,
};

/** The label of one value of a filter group; municipalities and networks come from the database. */
export function valueLabel(
  t: T,
  locale: Locale,
  group: FacetGroup,
  value: string,
  names: { municipalities: Map<string, string>; networks: Array<{ id: string; slug: string; name: string }> },
): string {
  switch (group) {
    case 'feld':
      return fieldLabel(locale, value);
    case 'zielgruppe':
      return t(`search.targetGroup.${value}` as MessageKey);
    case 'einsatz':
      return t(`search.commitment.${value}` as MessageKey);
    case 'wochentag':
      return t(`search.weekday.${value}` as MessageKey);
    case 'tageszeit':
      return t(`search.timeOfDay.${value}` as MessageKey);
    case 'geeignet':
      return t(`search.suitability.${value}` as MessageKey);
    case 'kommune':
      return names.municipalities.get(value) ?? value;
    case 'netzwerk':
      return names.networks.find((n) => n.id === value || n.slug === value)?.name ?? value;
    case 'remote':
      return t('search.remoteOnly');
  }
}
