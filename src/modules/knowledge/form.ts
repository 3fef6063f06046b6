import type { FieldErrors } from '../../platform/http/forms.ts';
import type { T } from '../../platform/i18n/index.ts';
import type { EntryContent } from './commands.ts';
import { ENTRY_KINDS, THEMES, VISIBILITIES, type EntryKind, type KnowledgeEntry, type Theme, type Visibility } from './schema.ts';

export type EntryFormValues = Record<string, string>;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_CONTROL = /[\u0000-\u001F\u007F]/;

export const ACTIONS = ['vorschau', 'entwurf', 'einreichen', 'veroeffentlichen'] as const;
export type FormAction = (typeof ACTIONS)[number];

function value(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.replace(/\r\n/g, '\n').trim() : '';
}

/** Tags from a comma-separated line: trimmed, without duplicates, at most 10 of 40 characters. */
export function parseTags(line: string): string[] | null {
  const tags = [...new Set(line.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
  return tags.length <= 10 && tags.every((t) => t.length <= 40) ? tags : null;
}

export function parseEntryForm(
  body: Record<string, unknown>,
  t: T,
  context: { municipalityIds: readonly string[] },
): { values: EntryFormValues; action: FormAction; result: { ok: true; content: EntryContent } | { ok: false; errors: FieldErrors } } {
  const errors: FieldErrors = {};
  const values: EntryFormValues = {};
  const line = (name: string, max: number, required = false) => {
    const v = value(body, name);
    values[name] = v;
    if (LINE_CONTROL.test(v)) errors[name] = t('form.invalid');
    else if (v.length > max) errors[name] = t('form.tooLong', { max });
    else if (required && !v) errors[name] = t('form.required');
    return v;
  };
  const text = (name: string, max: number) => {
    const v = value(body, name);
    values[name] = v;
    if (CONTROL.test(v)) errors[name] = t('form.invalid');
    else if (v.length > max) errors[name] = t('form.tooLong', { max });
    return v;
  };
  const kind = line('kind', 20) as EntryKind;
  if (!ENTRY_KINDS.includes(kind)) errors.kind = t('form.required');
  const title = line('title', 200, true);
  const summary = line('summary', 500);
  const body_ = text('body', 100_000);
  const situation = text('situation', 8000);
  const approach = text('approach', 8000);
  const result = text('result', 8000);
  const contact = line('contact', 300);
  const municipalityId = line('municipalityId', 40);
  if (municipalityId && !context.municipalityIds.includes(municipalityId)) errors.municipalityId = t('knowledge.error.municipality');
  const theme = line('theme', 30);
  if (theme && !THEMES.includes(theme as Theme)) errors.theme = t('form.invalid');
  const tagLine = line('tags', 500);
  const tags = parseTags(tagLine);
  if (!tags && !errors.tags) errors.tags = t('knowledge.error.tags');
  const visibility = (line('visibility', 10) || 'public') as Visibility;
  if (!VISIBILITIES.includes(visibility)) errors.visibility = t('form.invalid');
  if (kind === 'practice' && !situation && !errors.situation) errors.situation = t('knowledge.error.practice');
  const action = (ACTIONS as readonly string[]).includes(value(body, 'aktion')) ? (value(body, 'aktion') as FormAction) : 'entwurf';
  values.aktion = action;
  if (Object.keys(errors).length > 0) return { values, action, result: { ok: false, errors } };
  return {
    values,
    action,
    result: {
      ok: true,
      content: {
        kind,
        title,
        summary,
        body: body_,
        situation,
        approach,
        result,
        contact,
        municipalityId: municipalityId || null,
        theme: (theme || null) as Theme | null,
        tags: tags ?? [],
        visibility,
      },
    },
  };
}

export function entryValues(entry: KnowledgeEntry): EntryFormValues {
  return {
    kind: entry.kind,
    title: entry.title,
    summary: entry.summary,
    body: entry.body,
    situation: entry.situation,
    approach: entry.approach,
    result: entry.result,
    contact: entry.contact,
    municipalityId: entry.municipalityId ?? '',
    theme: entry.theme ?? '',
    tags: entry.tags.join(', '),
    visibility: entry.visibility,
  };
}
