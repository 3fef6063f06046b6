import type { MessageKey, T } from '../../../platform/i18n/index.ts';
import type { EntryKind, EntryStatus, Theme, Visibility } from '../schema.ts';

export const kindLabel = (t: T, kind: EntryKind) => t(`knowledge.kind.${kind}` as MessageKey);
export const themeLabel = (t: T, theme: Theme) => t(`knowledge.theme.${theme}` as MessageKey);
export const statusLabel = (t: T, status: EntryStatus) => t(`knowledge.status.${status}` as MessageKey);
export const visibilityLabel = (t: T, visibility: Visibility) => t(`knowledge.visibility.${visibility}` as MessageKey);
