import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { Zip, ZipDeflate } from 'fflate';
import type { Db } from '../../platform/db.ts';
import { translator } from '../../platform/i18n/index.ts';
import type { DataSubject, PersonalDataPart } from '../../platform/privacy.ts';
import { registeredModules } from '../../platform/registry.ts';

/** Every registered module's personal-data parts, in module order. */
export function personalDataParts(): PersonalDataPart[] {
  return registeredModules().flatMap((module) => module.personalData ?? []);
}

export interface CollectedKind {
  part: PersonalDataPart;
  rows: Array<Record<string, unknown>>;
}

/** Reads the subject's rows from every part (Art. 15 and 20 DSGVO). */
export async function collectPersonalData(db: Db, subject: DataSubject): Promise<CollectedKind[]> {
  const kinds: CollectedKind[] = [];
  for (const part of personalDataParts()) kinds.push({ part, rows: await part.export(db, subject) });
  return kinds;
}

export function rowCount(kinds: readonly CollectedKind[]): number {
  return kinds.reduce((sum, kind) => sum + kind.rows.length, 0);
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value;
}

function jsonFile(rows: ReadonlyArray<Record<string, unknown>>): string {
  return `${JSON.stringify(rows, (_key, value: unknown) => plain(value), 2)}\n`;
}

/** A cell a spreadsheet would run as a formula is written as text (CSV injection). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvFile(rows: ReadonlyArray<Record<string, unknown>>): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  // Semicolons and a byte-order mark: what German spreadsheet programs open without an import dialog.
  return `\uFEFF${stringify(
    rows.map((row) => columns.map((column) => cell(row[column]))),
    { header: true, columns, delimiter: ';', record_delimiter: '\r\n' },
  )}`;
}

function readme(kinds: readonly CollectedKind[], subject: DataSubject, at: Date): string {
  const t = translator('de');
  const lines = [
    '# Ihre Daten bei Mitmachnetz',
    '',
    `Zusammengestellt am ${at.toISOString()} für das Konto ${subject.email}.`,
    '',
    'Diese Datei enthält alles, was Mitmachnetz über Sie gespeichert hat (Auskunft nach Art. 15 DSGVO,',
    'Datenübertragbarkeit nach Art. 20 DSGVO). Für jede Art von Daten gibt es zwei Dateien mit demselben Inhalt:',
    '',
    '- `NAME.json` für Programme (JSON, UTF-8; Zeitangaben in UTC nach ISO 8601),',
    '- `NAME.csv` für Tabellenprogramme (Semikolon als Trennzeichen, UTF-8). Beginnt ein Wert mit =, +, - oder @,',
    '  steht davor ein Apostroph, damit kein Tabellenprogramm ihn als Formel ausführt.',
    '',
    'Eine leere Datei heißt: Von dieser Art ist nichts über Sie gespeichert.',
    '',
    '## Inhalt',
    '',
    ...kinds.map((kind) => `- ${kind.part.name}: ${t(kind.part.label)} (${kind.rows.length} Einträge)`),
    '',
    'Wie lange wir welche Daten aufbewahren, wer sie sieht und wie Sie Ihre Rechte ausüben, steht in den',
    'Datenschutzhinweisen der Plattform. Einwilligungen widerrufen Sie unter „Mein Konto“ → „Meine Einwilligungen“.',
    '',
  ];
  return lines.join('\n');
}

/**
 * The ZIP as a stream, compressed file by file as it is read (fflate's streaming Zip), so a large
 * download never sits in memory twice.
 */
export function zipStream(kinds: readonly CollectedKind[], subject: DataSubject, at: Date): Readable {
  const output = new Readable({ read() {} });
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      output.destroy(error);
      return;
    }
    output.push(Buffer.from(chunk));
    if (final) output.push(null);
  });
  const add = (name: string, content: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = at;
    zip.add(file);
    file.push(Buffer.from(content, 'utf8'), true);
  };
  add('README.md', readme(kinds, subject, at));
  for (const kind of kinds) {
    add(`${kind.part.name}.json`, jsonFile(kind.rows));
    add(`${kind.part.name}.csv`, csvFile(kind.rows));
  }
  zip.end();
  return output;
}

/** The download's file name, with the day it was made. */
export function zipName(at: Date): string {
  return `mitmachnetz-meine-daten-${at.toISOString().slice(0, 10)}.zip`;
}
