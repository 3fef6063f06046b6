import type { PersonalDataPart } from '../../platform/privacy.ts';

/** One column of the database catalogue (information_schema.columns). */
export interface CatalogueColumn {
  table: string;
  column: string;
  /** The table and column it references, for foreign keys. */
  references?: { table: string; column: string } | undefined;
}

/*
 * What looks like personal data by its name: a reference to a person, an address, a person's name or phone,
 * and free text a person writes. Names are a heuristic; foreign keys to users are certain.
 */
const PERSONAL_NAMES: readonly RegExp[] = [
  /(^|_)(user|person|actor|author|volunteer|requester|reporter|owner|creator|invitee|recipient|subscriber|attendee|participant|applicant|member)(_id)?$/,
  /(^|_)(created|updated|invited|resolved|revoked|requested|confirmed|approved|decided|reviewed|issued|granted|rejected)_by$/,
  /(^|_)e_?mail(_address|_hash)?$/,
  /(^|_)name$/,
  /phone|mobile|street|birth/,
  /(^|_)(message|body|note|notes|comment|comments|about|reason|resolution|answer|answers|bio)$/,
];

/** Whether a column holds personal data: a foreign key to users, or a name that says so. */
export function looksPersonal(column: CatalogueColumn): boolean {
  if (column.references?.table === 'users') return true;
  return PERSONAL_NAMES.some((pattern) => pattern.test(column.column));
}

/**
 * The personal-data columns that no module's part lists (`table.column`), apart from the exemptions
 * (`table.column` or a whole `table`, each with the reason it holds no personal data).
 */
export function uncoveredColumns(
  catalogue: readonly CatalogueColumn[],
  parts: readonly PersonalDataPart[],
  exemptions: Readonly<Record<string, string>>,
): string[] {
  const covered = new Set(parts.flatMap((part) => part.tables.flatMap((table) => table.columns.map((column) => `${table.table}.${column}`))));
  return catalogue
    .filter((column) => looksPersonal(column))
    .map((column) => `${column.table}.${column.column}`)
    .filter((key) => !covered.has(key) && !(key in exemptions) && !(key.split('.')[0]! in exemptions))
    .sort();
}
