import type { Locale } from '../../../platform/i18n/index.ts';
import { FIELD_LABELS_DE, FIELD_LABELS_EN, type Field } from '../../../platform/vocabulary.ts';

export function fieldLabel(locale: Locale, field: Field): string {
  return (locale === 'de' ? FIELD_LABELS_DE : FIELD_LABELS_EN)[field] ?? field;
}
