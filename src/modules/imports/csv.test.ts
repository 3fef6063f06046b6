import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, parseDate, readCsv, type CsvRow } from './csv.ts';

const HEADER = 'Titel;Organisation;Tätigkeitsfeld;Breitengrad;Längengrad;Beschreibung;Externe ID';

function read(text: string) {
  return readCsv(Buffer.from(text, 'utf8'));
}

function skipped(rows: CsvRow[]) {
  return rows.flatMap((row) => (row.ok ? [] : [{ line: row.where.line, reasons: row.reasons.map((r) => r.key) }]));
}

describe('reading CSV', () => {
  it('names every broken row by its line number, counting lines inside quoted cells', () => {
    const long = 'Sehr langer Titel '.repeat(12);
    const result = read(
      [
        `\ufeff${HEADER}`,
        'Lesepatin;Bücherei Delitzsch;Kultur und Musik;51,5256;12,3422;Einfach vorlesen;B-1',
        'Gassi gehen;Tierheim Delitzsch;Umwelt, Naturschutz oder Tierschutz;91;12,3;;B-2',
        'Basteln;Kita Sonnenschein;Basteln und Malen;;;;B-3',
        `${long};Heimatverein;Sport;;;;B-4`,
        ';Heimatverein;Sport;;;;B-5',
        'Hausaufgaben;Grundschule;Schule oder Kindergarten;;;"Zeile eins\nZeile zwei\n\nAbsatz mit ""Zitat"" und ; Semikolon";B-6',
        'Kaputt;Heimatverein;Sport;abc;12;;B-7',
        'Nachzügler;Heimatverein;sport;;;;B-8',
        ';;;;;;',
        '',
      ].join('\r\n'),
    );
    expect(result.fatal).toBeNull();
    expect(result.warnings).toEqual([]);
    expect(skipped(result.rows)).toEqual([
      { line: 3, reasons: ['imports.reason.lat'] },
      { line: 4, reasons: ['imports.reason.field'] },
      { line: 5, reasons: ['imports.reason.tooLong'] },
      { line: 6, reasons: ['imports.reason.titleMissing'] },
      { line: 11, reasons: ['imports.reason.lat'] },
    ]);
    const good = result.rows.flatMap((row) => (row.ok ? [row.record] : []));
    expect(good.map((r) => [r.where.line, r.externalId, r.values.field])).toEqual([
      [2, 'B-1', 'kultur'],
      [7, 'B-6', 'schule'],
      [12, 'B-8', 'sport'],
    ]);
    expect(good[1]?.values.description).toBe('<p>Zeile eins<br>Zeile zwei</p><p>Absatz mit "Zitat" und ; Semikolon</p>');
    expect(good[0]).toMatchObject({ values: { lat: 51.5256, lng: 12.3422 }, status: undefined, organisation: { name: 'Bücherei Delitzsch', externalId: null } });
  });

  it('reads every documented column word and reports unknown ones', () => {
    const result = read(
      [
        'Titel;Organisation;Externe ID;Einsatzart;Wochentage;Tageszeiten;Zielgruppen;Geeignet für;Ortsunabhängig;Stunden pro Woche;Beginn;Ende;Gesuchte Personen;E-Mail;Telefon;Status;Fähigkeiten;Lieblingsfarbe',
        'A;V;1;Projekt;Di, Do, Dienstag;nachmittags, abends;Kinder, Geflüchtete;Jugendliche ab 14, rollstuhlgerecht;ja;2,5;01.03.2025;2025-06-30;3;Info@Verein.example;0341 123-45;pausiert;Erste Hilfe, Geduld;blau',
        'B;V;2;manchmal;Feiertag;;;;vielleicht;100;31.02.2025;;0;keine-mail;ruf an;;;',
      ].join('\n'),
    );
    expect(result.warnings).toEqual([{ where: { line: 1 }, problem: { key: 'imports.warning.column', params: { column: 'Lieblingsfarbe' } } }]);
    const [a, b] = result.rows;
    expect(a?.ok && a.record).toMatchObject({
      status: 'paused',
      values: {
        commitment: 'project',
        weekdays: [2, 4],
        timesOfDay: ['afternoon', 'evening'],
        targetGroups: ['kinder', 'gefluechtete'],
        suitability: ['youth', 'wheelchair'],
        remote: true,
        hoursPerWeek: 2.5,
        startsOn: '2025-03-01',
        endsOn: '2025-06-30',
        peopleWanted: 3,
        contactEmail: 'info@verein.example',
        contactPhone: '0341 123-45',
        skills: ['Erste Hilfe', 'Geduld'],
      },
    });
    expect(b?.ok).toBe(false);
    expect(b && !b.ok && b.reasons.map((r) => [r.key, r.params?.column])).toEqual([
      ['imports.reason.value', 'Ortsunabhängig'],
      ['imports.reason.value', 'Einsatzart'],
      ['imports.reason.number', 'Stunden pro Woche'],
      ['imports.reason.value', 'Wochentage'],
      ['imports.reason.date', 'Beginn'],
      ['imports.reason.number', 'Gesuchte Personen'],
      ['imports.reason.email', 'E-Mail'],
      ['imports.reason.phone', 'Telefon'],
    ]);
  });

  it('stops with a reason when required columns are missing, the file is empty, or a quote never closes', () => {
    expect(read('Titel;Ort\nA;B\n').fatal?.problem).toEqual({ key: 'imports.fatal.columns', params: { columns: 'Organisation, Externe ID' } });
    expect(read('  \n').fatal?.problem.key).toBe('imports.fatal.empty');
    const open = read(`${HEADER}\nA;V;Sport;;;;1\nB;V;Sport;;;"nie geschlossen;2\nC;V;Sport;;;;3\n`);
    expect(open.rows.filter((r) => r.ok)).toHaveLength(1);
    expect(open.fatal?.problem).toEqual({ key: 'imports.fatal.quote', params: { line: 3 } });
  });

  it('flags a row with more cells than the header instead of shifting its columns', () => {
    const result = read(`${HEADER}\nA;V;Sport;;;Text; mit Semikolon;1\n`);
    expect(skipped(result.rows)).toEqual([{ line: 2, reasons: ['imports.reason.cells'] }]);
  });

  it('reads commas or tabs as separators and Windows-1252 files with a warning', () => {
    const comma = read('Titel,Organisation,Externe ID\n"Kaffee, Kuchen",Verein,1\n');
    expect(comma.rows[0]?.ok && comma.rows[0].record.values.title).toBe('Kaffee, Kuchen');
    const tab = read('Titel\tOrganisation\tExterne ID\nA\tV\t1\n');
    expect(tab.rows[0]?.ok && tab.rows[0].record.organisation.name).toBe('V');
    const ansi = Buffer.from('Titel;Organisation;Externe ID\nGrünpflege;Löbnitzer Verein;1\n', 'latin1');
    const result = readCsv(ansi);
    expect(result.warnings.map((w) => w.problem.key)).toEqual(['imports.warning.encoding']);
    expect(result.rows[0]?.ok && result.rows[0].record.values.title).toBe('Grünpflege');
  });

  it('parses German and ISO dates and nothing else', () => {
    expect(parseDate('1.3.2025')).toBe('2025-03-01');
    expect(parseDate('01.03.25')).toBe('2025-03-01');
    expect(parseDate('2025-03-01')).toBe('2025-03-01');
    expect(parseDate('29.02.2025')).toBeNull();
    expect(parseDate('03/01/2025')).toBeNull();
  });
});

describe('writing CSV', () => {
  it('guards cells a spreadsheet would run as formulas and quotes what needs quoting', () => {
    expect(csvLine([{ text: '=HYPERLINK("http://evil.example")' }, { text: '+49 341' }, { text: '-Liste' }, { text: '@Verein' }, { text: 'normal' }])).toBe(
      `"'=HYPERLINK(""http://evil.example"")";'+49 341;'-Liste;'@Verein;normal\r\n`,
    );
    expect(csvLine([{ text: '-12,5', number: true }, { text: 'a;b' }, { text: 'zwei\nZeilen' }, { text: ' Rand ' }])).toBe('-12,5;"a;b";"zwei\nZeilen";" Rand "\r\n');
  });

  it('reads back exactly what it wrote, whatever the characters', () => {
    const word = fc.stringMatching(/^[A-Za-zäöüß0-9;"'=+@,.()-]{1,12}$/);
    const cell = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(cell, cell, (title, organisation) => {
        const text = `Titel;Organisation;Externe ID\r\n${csvLine([{ text: title }, { text: organisation }, { text: 'X1' }])}`;
        const [row] = read(text).rows;
        expect(row?.ok).toBe(true);
        if (!row?.ok) return;
        expect(row.record.values.title).toBe(title);
        expect(row.record.organisation.name).toBe(organisation);
      }),
      { numRuns: 300 },
    );
  });
});
