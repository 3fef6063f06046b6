import { parse } from 'csv-parse/sync';
import { FIELD_LABELS_DE, SUITABILITY, TARGET_GROUPS, TIMES_OF_DAY, type Commitment, type Field, type Suitability, type TargetGroup, type TimeOfDay } from '../../platform/vocabulary.ts';
import { descriptionHtmlToText, descriptionPlainText, sanitiseDescriptionHtml, textToDescriptionHtml, type OfferStatus } from '../offers/index.ts';
import { decodeWhole } from './decode.ts';
import { normalisePlace } from './places.ts';
import type { ExportedOffer } from './queries.ts';
import { IMPORT_LIMITS, isPostcode, parseCoordinates, tooLong, type ImportRecord, type OfferValues, type Problem, type Where } from './record.ts';

/*
 * Offers as a spreadsheet: UTF-8 with BOM, semicolons, a header row of German column names — what
 * German Excel and LibreOffice write and read. The columns and their words are documented in
 * docs/import.md; that document and this file change together.
 */

export const CSV_COLUMNS = [
  { key: 'title', header: 'Titel' },
  { key: 'summary', header: 'Kurzbeschreibung' },
  { key: 'description', header: 'Beschreibung' },
  { key: 'field', header: 'Tätigkeitsfeld' },
  { key: 'organisation', header: 'Organisation' },
  { key: 'street', header: 'Straße' },
  { key: 'postcode', header: 'PLZ' },
  { key: 'place', header: 'Ort' },
  { key: 'district', header: 'Ortsteil' },
  { key: 'municipality', header: 'Kommune' },
  { key: 'lat', header: 'Breitengrad' },
  { key: 'lng', header: 'Längengrad' },
  { key: 'remote', header: 'Ortsunabhängig' },
  { key: 'commitment', header: 'Einsatzart' },
  { key: 'hoursPerWeek', header: 'Stunden pro Woche' },
  { key: 'weekdays', header: 'Wochentage' },
  { key: 'timesOfDay', header: 'Tageszeiten' },
  { key: 'targetGroups', header: 'Zielgruppen' },
  { key: 'suitability', header: 'Geeignet für' },
  { key: 'skills', header: 'Fähigkeiten' },
  { key: 'tags', header: 'Schlagwörter' },
  { key: 'startsOn', header: 'Beginn' },
  { key: 'endsOn', header: 'Ende' },
  { key: 'peopleWanted', header: 'Gesuchte Personen' },
  { key: 'contactName', header: 'Ansprechperson' },
  { key: 'contactEmail', header: 'E-Mail' },
  { key: 'contactPhone', header: 'Telefon' },
  { key: 'status', header: 'Status' },
  { key: 'externalId', header: 'Externe ID' },
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number]['key'];

const REQUIRED: CsvColumn[] = ['title', 'organisation', 'externalId'];

/** Other ways people head these columns. */
const HEADER_ALIASES: Record<string, CsvColumn> = {
  id: 'externalId',
  externeid: 'externalId',
  angebotsid: 'externalId',
  angebot: 'title',
  angebotsname: 'title',
  feld: 'field',
  taetigkeitsbereich: 'field',
  einrichtung: 'organisation',
  einrichtungsname: 'organisation',
  strasse: 'street',
  postleitzahl: 'postcode',
  gemeinde: 'municipality',
  breite: 'lat',
  lat: 'lat',
  laenge: 'lng',
  lng: 'lng',
  lon: 'lng',
  email: 'contactEmail',
  kontakt: 'contactName',
  ansprechpartner: 'contactName',
  ansprechpartnerin: 'contactName',
};

// ---- the words in the cells ------------------------------------------------------------

export const COMMITMENT_WORDS: Record<Commitment, string> = { one_off: 'einmalig', project: 'Projekt', regular: 'regelmäßig' };
export const WEEKDAY_WORDS: Record<number, string> = { 1: 'Mo', 2: 'Di', 3: 'Mi', 4: 'Do', 5: 'Fr', 6: 'Sa', 7: 'So' };
const WEEKDAY_NAMES = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];
export const TIME_WORDS: Record<TimeOfDay, string> = { morning: 'vormittags', afternoon: 'nachmittags', evening: 'abends' };
export const TARGET_GROUP_WORDS: Record<TargetGroup, string> = {
  kinder: 'Kinder',
  jugendliche: 'Jugendliche',
  familien: 'Familien',
  senioren: 'Senioren',
  menschen_mit_behinderung: 'Menschen mit Behinderung',
  gefluechtete: 'Geflüchtete',
  kranke: 'Kranke',
  tiere: 'Tiere',
  alle: 'Alle',
};
export const SUITABILITY_WORDS: Record<Suitability, string> = {
  youth: 'Jugendliche ab 14',
  seniors: 'Senioren',
  families: 'Familien',
  little_german: 'wenig Deutschkenntnisse',
  wheelchair: 'rollstuhlgerecht',
};
export const STATUS_WORDS: Record<OfferStatus, string> = {
  draft: 'Entwurf',
  in_review: 'in Prüfung',
  published: 'veröffentlicht',
  paused: 'pausiert',
  expired: 'abgelaufen',
  archived: 'archiviert',
};

/** Normalised word → stored value; keys, the documented words and a few variants all count. */
function vocabulary<V extends string | number>(words: Partial<Record<V, string>>, extra: Record<string, V> = {}): Map<string, V> {
  const map = new Map<string, V>();
  for (const [value, word] of Object.entries(words) as Array<[string, string]>) {
    // Weekdays are stored as numbers, everything else as its key.
    const stored = (/^\d+$/.test(value) ? Number(value) : value) as V;
    map.set(normalisePlace(word), stored);
    map.set(normalisePlace(value), stored);
  }
  for (const [word, value] of Object.entries(extra)) map.set(normalisePlace(word), value);
  return map;
}

const FIELD_VOCABULARY = vocabulary<Field>(FIELD_LABELS_DE, {
  Sport: 'sport',
  Kultur: 'kultur',
  Musik: 'kultur',
  Freizeit: 'freizeit',
  Soziales: 'sozial',
  Schule: 'schule',
  Kindergarten: 'schule',
  Kirche: 'kirche',
  Umwelt: 'umwelt',
  Naturschutz: 'umwelt',
  Tierschutz: 'umwelt',
  Politik: 'politik',
  Jugendarbeit: 'jugend_bildung',
  Erwachsenenbildung: 'jugend_bildung',
  Feuerwehr: 'rettung',
  Rettungsdienst: 'rettung',
  Gesundheit: 'gesundheit',
  Justiz: 'justiz',
  Sonstiges: 'sonstiges',
});
const COMMITMENT_VOCABULARY = vocabulary<Commitment>(COMMITMENT_WORDS, { einmal: 'one_off', projektbezogen: 'project', regelmaessig: 'regular', dauerhaft: 'regular' });
const WEEKDAY_VOCABULARY = vocabulary<number>(WEEKDAY_WORDS, Object.fromEntries(WEEKDAY_NAMES.map((name, i) => [name, i + 1])));
const TIME_VOCABULARY = vocabulary<TimeOfDay>(TIME_WORDS, { morgens: 'morning', vormittag: 'morning', nachmittag: 'afternoon', abend: 'evening' });
const TARGET_GROUP_VOCABULARY = vocabulary<TargetGroup>(TARGET_GROUP_WORDS, { 'Seniorinnen und Senioren': 'senioren', Gefluechtete: 'gefluechtete' });
const SUITABILITY_VOCABULARY = vocabulary<Suitability>(SUITABILITY_WORDS, {
  'Jugendliche ab 14 Jahren': 'youth',
  'Seniorinnen und Senioren': 'seniors',
  'Auch mit wenig Deutschkenntnissen': 'little_german',
  Rollstuhl: 'wheelchair',
  barrierefrei: 'wheelchair',
});
const STATUS_VOCABULARY = vocabulary<OfferStatus>(STATUS_WORDS, { aktiv: 'published', online: 'published', pruefung: 'in_review' });
const YES = new Set(['ja', 'j', 'x', '1', 'true', 'yes', 'wahr']);
const NO = new Set(['', 'nein', 'n', '0', 'false', 'no', 'falsch']);

// ---- reading ---------------------------------------------------------------------------

export type CsvRow = { ok: true; where: Where; record: ImportRecord } | { ok: false; where: Where; reasons: Problem[] };

export interface CsvRead {
  rows: CsvRow[];
  warnings: Array<{ where: Where | null; problem: Problem }>;
  fatal: { where: Where | null; problem: Problem } | null;
}

/** Our export guards cells against spreadsheet formulas with a leading apostrophe; reading takes it off again. */
function unguard(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function splitList(value: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const raw of value.split(/[,;\n]/)) {
    const item = raw.replace(/\s+/g, ' ').trim();
    if (!item || seen.has(item.toLocaleLowerCase('de'))) continue;
    seen.add(item.toLocaleLowerCase('de'));
    items.push(item);
  }
  return items;
}

/** "4,5" or "4.5" → 4.5; null when it is not a plain decimal number. */
function parseDecimal(value: string): number | null {
  if (!/^-?\d{1,6}([.,]\d{1,6})?$/.test(value)) return null;
  return Number(value.replace(',', '.'));
}

/** "31.12.2025", "31.12.25" or "2025-12-31" → "2025-12-31"; null when it is no calendar date. */
export function parseDate(value: string): string | null {
  let year: number, month: number, day: number;
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (german) {
    day = Number(german[1]);
    month = Number(german[2]);
    year = Number(german[3]);
    if (year < 100) year += 2000;
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 2000 || year > 2100 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isEmail(value: string): boolean {
  return /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/.test(value);
}

/** HTML from another system stays HTML (sanitised); anything else is text with blank lines between paragraphs. */
function descriptionFrom(value: string): string {
  return /^\s*<(p|ul|ol|div|br|strong|em|b|i|a|h[1-6])\b/i.test(value) ? sanitiseDescriptionHtml(value) : textToDescriptionHtml(value);
}

function header(key: CsvColumn): string {
  return CSV_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

/** One data row as an import record, or every reason it cannot be one. */
export function csvRecord(cells: ReadonlyMap<CsvColumn, string>, line: number): CsvRow {
  const reasons: Problem[] = [];
  const warnings: Problem[] = [];
  const has = (key: CsvColumn) => cells.has(key);
  const get = (key: CsvColumn) => unguard(cells.get(key) ?? '').trim();
  const single = (key: CsvColumn) => get(key).replace(/\s+/g, ' ');
  const limit = (key: CsvColumn, value: string, max: number) => {
    const problem = tooLong(value, max, header(key));
    if (problem) reasons.push(problem);
  };
  const unknown = (key: CsvColumn, value: string) => reasons.push({ key: 'imports.reason.value', params: { column: header(key), value: value.slice(0, 60) } });
  const words = <V extends string | number>(key: CsvColumn, vocabulary: Map<string, V>): V[] => {
    const found: V[] = [];
    for (const item of splitList(get(key))) {
      const value = vocabulary.get(normalisePlace(item));
      if (value === undefined) unknown(key, item);
      else if (!found.includes(value)) found.push(value);
    }
    return found;
  };

  const externalId = single('externalId');
  const where: Where = { line, ...(externalId ? { externalId } : {}) };
  if (!externalId) reasons.push({ key: 'imports.reason.idMissing', params: { column: header('externalId') } });
  else limit('externalId', externalId, IMPORT_LIMITS.externalId);

  const title = single('title');
  if (!title) reasons.push({ key: 'imports.reason.titleMissing', params: { column: header('title') } });
  else limit('title', title, IMPORT_LIMITS.title);

  const organisation = single('organisation');
  if (!organisation) reasons.push({ key: 'imports.reason.organisationMissing', params: { column: header('organisation') } });
  else limit('organisation', organisation, IMPORT_LIMITS.organisation);

  const values: Partial<OfferValues> & { title: string } = { title };
  if (has('summary')) {
    values.summary = single('summary');
    limit('summary', values.summary, IMPORT_LIMITS.summary);
  }
  if (has('description')) {
    values.description = descriptionFrom(get('description'));
    limit('description', descriptionPlainText(values.description), IMPORT_LIMITS.description);
  }
  if (has('field')) {
    const raw = single('field');
    const field = raw === '' ? 'sonstiges' : FIELD_VOCABULARY.get(normalisePlace(raw));
    if (!field) reasons.push({ key: 'imports.reason.field', params: { column: header('field'), value: raw.slice(0, 80) } });
    else values.field = field;
  }
  for (const [key, max] of [
    ['street', IMPORT_LIMITS.street],
    ['place', IMPORT_LIMITS.place],
    ['district', IMPORT_LIMITS.district],
    ['contactName', IMPORT_LIMITS.contactName],
  ] as const) {
    if (!has(key)) continue;
    values[key] = single(key);
    limit(key, values[key] ?? '', max);
  }
  if (has('postcode')) {
    const postcode = single('postcode');
    if (postcode && !isPostcode(postcode)) warnings.push({ key: 'imports.warning.postcode', params: { value: postcode.slice(0, 20) } });
    values.postcode = isPostcode(postcode) ? postcode : '';
  }
  if (has('lat') || has('lng')) {
    const coordinates = parseCoordinates(get('lat'), get('lng'));
    if (!coordinates.ok) reasons.push(coordinates.problem);
    else {
      values.lat = coordinates.value?.lat ?? null;
      values.lng = coordinates.value?.lng ?? null;
    }
  }
  if (has('remote')) {
    const raw = single('remote').toLocaleLowerCase('de');
    if (YES.has(raw)) values.remote = true;
    else if (NO.has(raw)) values.remote = false;
    else unknown('remote', raw);
  }
  if (has('commitment')) {
    const raw = single('commitment');
    const commitment = raw === '' ? 'regular' : COMMITMENT_VOCABULARY.get(normalisePlace(raw));
    if (!commitment) unknown('commitment', raw);
    else values.commitment = commitment;
  }
  if (has('hoursPerWeek')) {
    const raw = single('hoursPerWeek');
    const hours = raw === '' ? null : parseDecimal(raw);
    if (raw !== '' && (hours === null || hours <= 0 || hours > IMPORT_LIMITS.hoursPerWeek)) {
      reasons.push({ key: 'imports.reason.number', params: { column: header('hoursPerWeek'), value: raw.slice(0, 20), min: 0, max: IMPORT_LIMITS.hoursPerWeek } });
    } else values.hoursPerWeek = hours;
  }
  if (has('weekdays')) values.weekdays = words('weekdays', WEEKDAY_VOCABULARY).sort((a, b) => a - b);
  if (has('timesOfDay')) {
    const found = words('timesOfDay', TIME_VOCABULARY);
    values.timesOfDay = TIMES_OF_DAY.filter((t) => found.includes(t));
  }
  if (has('targetGroups')) {
    const found = words('targetGroups', TARGET_GROUP_VOCABULARY);
    values.targetGroups = TARGET_GROUPS.filter((t) => found.includes(t));
  }
  if (has('suitability')) {
    const found = words('suitability', SUITABILITY_VOCABULARY);
    values.suitability = SUITABILITY.filter((s) => found.includes(s));
  }
  for (const key of ['skills', 'tags'] as const) {
    if (!has(key)) continue;
    const items = splitList(get(key));
    if (items.length > IMPORT_LIMITS.listItems || items.some((item) => item.length > IMPORT_LIMITS.listItem)) {
      reasons.push({ key: 'imports.reason.list', params: { column: header(key), items: IMPORT_LIMITS.listItems, max: IMPORT_LIMITS.listItem } });
    } else values[key] = items;
  }
  for (const key of ['startsOn', 'endsOn'] as const) {
    if (!has(key)) continue;
    const raw = single(key);
    const date = raw === '' ? null : parseDate(raw);
    if (raw !== '' && !date) reasons.push({ key: 'imports.reason.date', params: { column: header(key), value: raw.slice(0, 20) } });
    else values[key] = date;
  }
  if (values.startsOn && values.endsOn && values.endsOn < values.startsOn) reasons.push({ key: 'imports.reason.dateOrder' });
  if (has('peopleWanted')) {
    const raw = single('peopleWanted');
    const people = raw === '' ? null : /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    if (people !== null && !(people >= 1 && people <= IMPORT_LIMITS.peopleWanted)) {
      reasons.push({ key: 'imports.reason.number', params: { column: header('peopleWanted'), value: raw.slice(0, 20), min: 1, max: IMPORT_LIMITS.peopleWanted } });
    } else values.peopleWanted = people;
  }
  if (has('contactEmail')) {
    const email = single('contactEmail').toLowerCase();
    if (email && (!isEmail(email) || email.length > IMPORT_LIMITS.contactEmail)) {
      reasons.push({ key: 'imports.reason.email', params: { column: header('contactEmail'), value: email.slice(0, 60) } });
    } else values.contactEmail = email;
  }
  if (has('contactPhone')) {
    const phone = single('contactPhone');
    if (phone.length > IMPORT_LIMITS.contactPhone || !/^[0-9 +/()\-.]*$/.test(phone)) {
      reasons.push({ key: 'imports.reason.phone', params: { column: header('contactPhone'), value: phone.slice(0, 60) } });
    } else values.contactPhone = phone;
  }
  // Without the column the rows are current offers, like FreiNet's: published unless a person paused them.
  let status: OfferStatus | undefined;
  if (has('status')) {
    const raw = single('status');
    const found = raw === '' ? 'published' : STATUS_VOCABULARY.get(normalisePlace(raw));
    if (!found) unknown('status', raw);
    else status = found;
  }

  if (reasons.length > 0) return { ok: false, where, reasons };
  const placeGiven = has('municipality') || has('place') || has('district');
  return {
    ok: true,
    where,
    record: {
      where,
      externalId,
      organisation: { externalId: null, name: organisation },
      municipality: placeGiven ? { name: single('municipality'), place: values.place ?? '', district: values.district ?? '' } : undefined,
      values,
      status,
      warnings,
    },
  };
}

/** The column separator the header row uses: semicolons (German Excel), tabs or commas. */
function delimiterOf(firstLine: string): string {
  const count = (c: string) => firstLine.split(c).length - 1;
  if (count(';') > 0) return ';';
  if (count('\t') > 0) return '\t';
  return ',';
}

function columnKey(heading: string): CsvColumn | undefined {
  const normalised = normalisePlace(heading).replace(/ /g, '');
  for (const column of CSV_COLUMNS) if (normalisePlace(column.header).replace(/ /g, '') === normalised) return column.key;
  return HEADER_ALIASES[normalised];
}

interface CsvError {
  code?: string;
  message: string;
  lines?: number;
}

/** Reads a whole CSV file: the header, then every row as a record or with its reasons, by line number. */
export function readCsv(bytes: Uint8Array): CsvRead {
  const result: CsvRead = { rows: [], warnings: [], fatal: null };
  const decoded = decodeWhole(bytes);
  if (decoded.encoding !== 'utf-8') result.warnings.push({ where: null, problem: { key: 'imports.warning.encoding', params: { encoding: decoded.encoding } } });
  // One kind of line break, so the parser's line count is the line number a spreadsheet shows.
  const text = decoded.text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    result.fatal = { where: null, problem: { key: 'imports.fatal.empty' } };
    return result;
  }
  const delimiter = delimiterOf(text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : undefined));
  const raw: Array<{ cells: string[]; line: number } | { error: CsvError }> = [];
  try {
    parse(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_record: (record: string[], context) => {
        // The parser counts lines up to the record's end; a cell may span lines.
        const inner = record.reduce((n, cell) => n + (cell.split('\n').length - 1), 0);
        raw.push({ cells: record, line: context.lines - inner });
        return null;
      },
      on_skip: (error) => {
        if (error) raw.push({ error: error as unknown as CsvError });
        return undefined;
      },
    });
  } catch (error) {
    result.fatal = { where: null, problem: { key: 'imports.fatal.csv', params: { detail: (error as Error).message.slice(0, 200) } } };
    return result;
  }

  const [head, ...body] = raw;
  if (!head || !('cells' in head)) {
    result.fatal = { where: { line: 1 }, problem: { key: 'imports.fatal.empty' } };
    return result;
  }
  const columns: Array<CsvColumn | null> = [];
  for (const heading of head.cells) {
    const key = columnKey(heading);
    if (!key || columns.includes(key)) {
      if (heading.trim()) result.warnings.push({ where: { line: head.line }, problem: { key: 'imports.warning.column', params: { column: heading.slice(0, 60) } } });
      columns.push(null);
    } else columns.push(key);
  }
  const missing = REQUIRED.filter((key) => !columns.includes(key));
  if (missing.length > 0) {
    result.fatal = { where: { line: head.line }, problem: { key: 'imports.fatal.columns', params: { columns: missing.map(header).join(', ') } } };
    return result;
  }

  let lastLine = head.line;
  for (const item of body) {
    if ('error' in item) {
      const line = item.error.lines ?? lastLine + 1;
      if (item.error.code === 'CSV_QUOTE_NOT_CLOSED') {
        // Everything after an opening quote without its closing one is one cell: the rest is lost.
        result.fatal = { where: { line: lastLine + 1 }, problem: { key: 'imports.fatal.quote', params: { line: lastLine + 1 } } };
        break;
      }
      result.rows.push({ ok: false, where: { line }, reasons: [{ key: 'imports.reason.csv', params: { detail: item.error.message.slice(0, 200) } }] });
      continue;
    }
    lastLine = item.line + item.cells.reduce((n, cell) => n + (cell.split('\n').length - 1), 0);
    // Spreadsheets save rows of empty cells (";;;;") below the data; they are no records.
    if (item.cells.every((cell) => cell.trim() === '')) continue;
    const extra = item.cells.slice(columns.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0) {
      result.rows.push({ ok: false, where: { line: item.line }, reasons: [{ key: 'imports.reason.cells', params: { count: item.cells.length, expected: columns.length } }] });
      continue;
    }
    const cells = new Map<CsvColumn, string>();
    columns.forEach((key, i) => {
      if (key) cells.set(key, item.cells[i] ?? '');
    });
    result.rows.push(csvRecord(cells, item.line));
  }
  return result;
}

// ---- writing ---------------------------------------------------------------------------

/**
 * Cells a spreadsheet would run as a formula get a leading apostrophe (CSV injection). A text that
 * itself starts with apostrophes before such a sign gets one more, so reading it back is exact.
 */
function guard(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[;"\n\r]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Numbers as German spreadsheets write them: decimal comma, no thousands separator. */
function germanNumber(value: number | null): string {
  return value === null || value === undefined ? '' : String(value).replace('.', ',');
}

function germanDate(value: string | null): string {
  if (!value) return '';
  const [year, month, day] = value.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

/**
 * A description as the text people edit, unless the text would lose something on the way back
 * (a link with its own label, a line starting with "- " inside a paragraph): then as its HTML,
 * which the import recognises and keeps as it is.
 */
function descriptionCell(html: string): string {
  const text = descriptionHtmlToText(html);
  return textToDescriptionHtml(text) === html ? text : html;
}

export function csvLine(cells: Array<{ text: string; number?: boolean }>): string {
  return `${cells.map((c) => quote(c.number ? c.text : guard(c.text))).join(';')}\r\n`;
}

export function offerCsvCells(offer: ExportedOffer): Array<{ text: string; number?: boolean }> {
  const values: Record<CsvColumn, { text: string; number?: boolean }> = {
    title: { text: offer.title },
    summary: { text: offer.summary },
    description: { text: descriptionCell(offer.description) },
    field: { text: FIELD_LABELS_DE[offer.field] ?? '' },
    organisation: { text: offer.organisationName },
    street: { text: offer.street },
    postcode: { text: offer.postcode },
    place: { text: offer.place },
    district: { text: offer.district },
    municipality: { text: offer.municipalityName ?? '' },
    lat: { text: germanNumber(offer.lat), number: true },
    lng: { text: germanNumber(offer.lng), number: true },
    remote: { text: offer.remote ? 'ja' : 'nein' },
    commitment: { text: COMMITMENT_WORDS[offer.commitment] ?? '' },
    hoursPerWeek: { text: germanNumber(offer.hoursPerWeek), number: true },
    weekdays: { text: [...offer.weekdays].sort((a, b) => a - b).map((d) => WEEKDAY_WORDS[d] ?? '').filter(Boolean).join(', ') },
    timesOfDay: { text: offer.timesOfDay.map((t) => TIME_WORDS[t]).join(', ') },
    targetGroups: { text: offer.targetGroups.map((t) => TARGET_GROUP_WORDS[t]).join(', ') },
    suitability: { text: offer.suitability.map((s) => SUITABILITY_WORDS[s]).join(', ') },
    skills: { text: offer.skills.join(', ') },
    tags: { text: offer.tags.join(', ') },
    startsOn: { text: germanDate(offer.startsOn) },
    endsOn: { text: germanDate(offer.endsOn) },
    peopleWanted: { text: offer.peopleWanted === null ? '' : String(offer.peopleWanted), number: true },
    contactName: { text: offer.contactName },
    contactEmail: { text: offer.contactEmail },
    contactPhone: { text: offer.contactPhone },
    status: { text: STATUS_WORDS[offer.status] ?? offer.status },
    // Offers made on the platform have no external id; their own id lets a re-import find them.
    externalId: { text: offer.externalId ?? offer.id },
  };
  return CSV_COLUMNS.map((c) => values[c.key]);
}

/** The export as chunks of text: a BOM and the header first, then one line per offer. */
export async function* offersCsv(offers: AsyncIterable<ExportedOffer>, onOffer?: () => void): AsyncGenerator<string> {
  yield `\ufeff${csvLine(CSV_COLUMNS.map((c) => ({ text: c.header })))}`;
  for await (const offer of offers) {
    onOffer?.();
    yield csvLine(offerCsvCells(offer));
  }
}
