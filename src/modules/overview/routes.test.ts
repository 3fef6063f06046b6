import fs from 'node:fs';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { offerRowsForExport, overviewFigures, placementRowsForExport } from './queries.ts';
import { overviewTables } from './present.ts';
import { pdfBuffer, reportPdf } from './report.ts';
import { translator } from '../../platform/i18n/index.ts';
import { overviewWorld, PERIOD } from './testing.ts';

/*
 * The overview over HTTP: what each role sees, masking in the public view, exports that parse back
 * to the numbers counted by hand in testing.ts (see queries.test.ts for how), the PDF, bad filters.
 */

let ctx: TestContext;
let world: Awaited<ReturnType<typeof overviewWorld>>;
let anonymous: Client;
let office: Client;
let contact: Client;
let guide: Client;
let otherOffice: Client;
let admin: Client;
let volunteer: Client;

const Q = `von=${PERIOD.from}&bis=${PERIOD.to}`;
const GEMS = '/netzwerk/gems/ueberblick';

beforeAll(async () => {
  ctx = await createTestApp();
  world = await overviewWorld(ctx);
  const { gems, weisswasser, krostitz } = world;
  anonymous = new Client(ctx.app);
  office = await signedInClient(ctx, await createUser(ctx, { email: 'buero@gems.example', roles: [{ networkId: gems.id, role: 'network_office' }] }));
  contact = await signedInClient(
    ctx,
    await createUser(ctx, { email: 'rathaus@krostitz.example', roles: [{ networkId: gems.id, role: 'municipality_contact', municipalityIds: [krostitz.id] }] }),
  );
  guide = await signedInClient(ctx, await createUser(ctx, { email: 'lotse@krostitz.example', roles: [{ networkId: gems.id, role: 'guide', municipalityIds: [krostitz.id] }] }));
  otherOffice = await signedInClient(ctx, await createUser(ctx, { email: 'buero@weisswasser.example', roles: [{ networkId: weisswasser.id, role: 'network_office' }] }));
  admin = await signedInClient(ctx, await createUser(ctx, { email: 'betrieb@example.org', platformAdmin: true }));
  volunteer = await signedInClient(ctx, await createUser(ctx, { email: 'helferin@example.org' }));
});
afterAll(() => ctx.close());

/** A semicolon CSV as written by the export: BOM, CRLF, quotes only where needed. */
function parseCsv(body: string): string[][] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  return body
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const cells: string[] = [];
      let current = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            current += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else current += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ';') {
          cells.push(current);
          current = '';
        } else current += ch;
      }
      cells.push(current);
      return cells;
    });
}

async function csv(client: Client, url: string): Promise<string[][]> {
  const response = await client.get(url);
  expect(response.statusCode, url).toBe(200);
  expect(response.headers['content-type']).toContain('text/csv');
  return parseCsv(response.body);
}

/** The value column of a two-column table, by the label in the first column. */
function valuesOf(rows: string[][]): Record<string, string> {
  return Object.fromEntries(rows.slice(1).map((r) => [r[0] ?? '', r[1] ?? '']));
}

async function xlsxRows(client: Client, url: string): Promise<unknown[][]> {
  const response = await client.get(url);
  expect(response.statusCode, url).toBe(200);
  expect(response.headers['content-type']).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('public view', () => {
  it('shows aggregates with small counts of people as "< 5" and hides the needs', async () => {
    const page = await anonymous.get(`${GEMS}?${Q}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Öffentliche Ansicht');
    expect(page.body).toContain('&lt; 5');
    expect(page.body).not.toContain('Bedarf ohne passendes Angebot');
    expect(page.body).not.toContain('/export/anfragen.csv');

    const placements = await csv(anonymous, `${GEMS}/export/vermittlungen.csv?${Q}`);
    expect(placements[0]).toEqual(['Stand', 'Anzahl']);
    // Every status has fewer than 5 placements (1 or 2 each); the total of 8 is shown.
    expect(placements.slice(1, 8).map((r) => r[1])).toEqual(['< 5', '< 5', '< 5', '< 5', '< 5', '< 5', '< 5']);
    expect(placements[8]).toEqual(['Zusammen', '8']);

    const figures = valuesOf(await csv(anonymous, `${GEMS}/export/kennzahlen.csv?${Q}`));
    expect(figures).toEqual({
      'Veröffentlichte Angebote': '4',
      'Geprüfte Organisationen': '2',
      'Engagierte mit Profil': '6',
      'Anfragen im Zeitraum': '8',
      'Antwortzeit auf Anfragen (Median, Stunden)': '7',
    });
  });

  it('masks the small numbers of one municipality and hides a median of fewer than 5 answers', async () => {
    const figures = valuesOf(await csv(anonymous, `${GEMS}/export/kennzahlen.csv?${Q}&kommune=${world.krostitz.id}`));
    expect(figures).toEqual({
      'Veröffentlichte Angebote': '2',
      'Geprüfte Organisationen': '1',
      'Engagierte mit Profil': '< 5', // 3
      'Anfragen im Zeitraum': '< 5', // 3
      'Antwortzeit auf Anfragen (Median, Stunden)': '', // 3 answers only
    });
    // The page says why the figure is missing; with enough answers it does not.
    const hidden = 'Die Antwortzeit zeigen wir öffentlich erst ab 5 beantworteten Anfragen.';
    expect((await anonymous.get(`${GEMS}?${Q}&kommune=${world.krostitz.id}`)).body).toContain(hidden);
    expect((await anonymous.get(`${GEMS}?${Q}`)).body).not.toContain(hidden);
  });

  it('masks the months of the trend with fewer than 5 inquiries, never the offers', async () => {
    const rows = await csv(anonymous, `${GEMS}/export/verlauf.csv?${Q}`);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toEqual(['Monat', 'Neue Angebote', 'Neue Anfragen', 'Davon vermittelt']);
    expect(rows.find((r) => r[0] === '2025-03')).toEqual(['2025-03', '2', '< 5', '< 5']);
  });

  it('answers the needs table and the list of inquiries only to the internal view', async () => {
    const login = await anonymous.get(`${GEMS}/export/bedarf.csv?${Q}`);
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toContain('/anmelden');
    for (const client of [volunteer, guide, otherOffice]) {
      expect((await client.get(`${GEMS}/export/bedarf.csv?${Q}`)).statusCode).toBe(403);
      expect((await client.get(`${GEMS}/export/anfragen.xlsx?${Q}`)).statusCode).toBe(403);
    }
  });

  it('lists published offers only', async () => {
    const rows = await csv(anonymous, `${GEMS}/export/angebote.csv?${Q}`);
    expect(rows).toHaveLength(1 + 4); // A1, A2, A3, A6
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(['Besuchsdienst', 'Kinderturnen', 'Lebensmittelausgabe', 'Lesepatenschaft']);
    expect(rows.every((r) => r[7] === 'Stand' || r[7] === 'Veröffentlicht')).toBe(true);
  });
});

describe('internal view', () => {
  it('shows the network office exact numbers and the needs', async () => {
    const page = await office.get(`${GEMS}?${Q}`);
    expect(page.body).toContain('Interne Ansicht');
    expect(page.body).toContain('Bedarf ohne passendes Angebot');
    const placements = await csv(office, `${GEMS}/export/vermittlungen.csv?${Q}`);
    expect(placements.slice(1).map((r) => r[1])).toEqual(['1', '1', '1', '2', '1', '1', '1', '8']);
    const figures = valuesOf(await csv(office, `${GEMS}/export/kennzahlen.csv?${Q}`));
    expect(figures['Offener Bedarf (Gesuche)']).toBe('7');
    const unmet = await csv(office, `${GEMS}/export/bedarf.csv?${Q}`);
    expect(unmet.slice(1)).toEqual([
      ['Sport und Bewegung', '1', '0'],
      ['Kultur und Musik', '1', '1'],
      ['Sozialer Bereich', '3', '1'],
      ['Schule oder Kindergarten', '1', '1'],
      ['Umwelt, Naturschutz oder Tierschutz', '1', '1'],
      ['Zusammen', '7', '4'],
    ]);
  });

  it('filters by period: March 2025 alone', async () => {
    const march = 'von=2025-03&bis=2025-03';
    const page = await office.get(`${GEMS}?${march}`);
    expect(page.body).toContain('Zeitraum: März 2025 bis März 2025');
    // P3 in contact, P4 declined; every other placement lies outside March.
    const placements = await csv(office, `${GEMS}/export/vermittlungen.csv?${march}`);
    expect(placements.slice(1).map((r) => r[1])).toEqual(['0', '1', '0', '0', '0', '1', '0', '2']);
    const figures = valuesOf(await csv(office, `${GEMS}/export/kennzahlen.csv?${march}`));
    expect(figures['Anfragen im Zeitraum']).toBe('2');
    expect(figures['Antwortzeit auf Anfragen (Median, Stunden)']).toBe('14'); // (4 h + 24 h) / 2
    // Offers and needs count as they are today, whatever the period.
    expect(figures['Veröffentlichte Angebote']).toBe('4');
    expect(figures['Offener Bedarf (Gesuche)']).toBe('7');
    // The trend ends with the period's last month and reaches 24 months back.
    const trend = await csv(office, `${GEMS}/export/verlauf.csv?${march}`);
    expect(trend).toHaveLength(1 + 24);
    expect(trend[1]?.[0]).toBe('2023-04');
    expect(trend[24]).toEqual(['2025-03', '2', '2', '0']); // A2, A3; P3, P4, neither placed
  });

  it('filters by municipality: Krostitz for its contact, with the trend and the map table', async () => {
    const query = `${Q}&kommune=${world.krostitz.id}`;
    const page = await contact.get(`${GEMS}?${query}`);
    expect(page.body).toContain('Kommune: Krostitz');
    expect(page.body).toContain('Interne Ansicht');
    // P1 placed, P2 ended, P3 in contact: the offers A1, A2 are in Krostitz.
    const placements = await csv(contact, `${GEMS}/export/vermittlungen.csv?${query}`);
    expect(placements.slice(1).map((r) => r[1])).toEqual(['0', '1', '0', '1', '1', '0', '0', '3']);
    const trend = await csv(contact, `${GEMS}/export/verlauf.csv?${query}`);
    expect(trend.filter((r) => r.slice(1).some((c) => c !== '0'))).toEqual([
      ['Monat', 'Neue Angebote', 'Neue Anfragen', 'Davon vermittelt'],
      ['2024-11', '0', '1', '1'], // P9 placed
      ['2025-01', '0', '1', '1'], // P1 placed
      ['2025-02', '1', '1', '1'], // A1; P2 ended
      ['2025-03', '1', '1', '0'], // A2; P3 in contact
    ]);
    const unmet = await csv(contact, `${GEMS}/export/bedarf.csv?${query}`);
    expect(unmet.slice(1)).toEqual([
      ['Sozialer Bereich', '1', '0'], // N1, met by A1
      ['Zusammen', '1', '0'],
    ]);
    // The map's table keeps all ten municipalities of the network.
    const towns = await csv(contact, `${GEMS}/export/kommunen.csv?${query}`);
    expect(towns).toHaveLength(1 + 10);
    expect(towns.find((r) => r[0] === 'Delitzsch')).toEqual(['Delitzsch', '26054', '2', '0,08']); // 2 / 26,054 × 1,000
  });

  it('shows a municipality contact exact numbers for their municipality only', async () => {
    const own = valuesOf(await csv(contact, `${GEMS}/export/kennzahlen.csv?${Q}&kommune=${world.krostitz.id}`));
    expect(own['Engagierte mit Profil']).toBe('3');
    expect(own['Antwortzeit auf Anfragen (Median, Stunden)']).toBe('10');
    expect(own['Offener Bedarf (Gesuche)']).toBe('1');
    const other = valuesOf(await csv(contact, `${GEMS}/export/kennzahlen.csv?${Q}&kommune=${world.delitzsch.id}`));
    expect(other['Engagierte mit Profil']).toBe('< 5');
    expect(other['Offener Bedarf (Gesuche)']).toBeUndefined();
    expect((await contact.get(`${GEMS}/export/bedarf.csv?${Q}`)).statusCode).toBe(403);
    expect((await contact.get(`${GEMS}/export/bedarf.csv?${Q}&kommune=${world.krostitz.id}`)).statusCode).toBe(200);
    const page = await contact.get(`${GEMS}?${Q}`);
    expect(page.body).toContain('Öffentliche Ansicht');
    expect(page.body).toContain(`kommune=${world.krostitz.id}`);
  });

  it('keeps guides and the office of another network in the public view', async () => {
    for (const client of [guide, otherOffice, volunteer]) {
      const page = await client.get(`${GEMS}?${Q}&kommune=${world.krostitz.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Öffentliche Ansicht');
      expect(page.body).not.toContain('Bedarf ohne passendes Angebot');
    }
  });

  it('shows the platform admin exact numbers across all networks', async () => {
    const figures = valuesOf(await csv(admin, `/ueberblick/export/kennzahlen.csv?${Q}`));
    expect(figures['Anfragen im Zeitraum']).toBe('9'); // P1…P8 + P11
    expect(figures['Offener Bedarf (Gesuche)']).toBe('8');
    const publicFigures = valuesOf(await csv(anonymous, `/ueberblick/export/kennzahlen.csv?${Q}`));
    expect(publicFigures['Engagierte mit Profil']).toBe('7');
    expect(publicFigures['Offener Bedarf (Gesuche)']).toBeUndefined();
  });

  it('lists every offer with its status and the inquiries without names for the office', async () => {
    const offers = await csv(office, `${GEMS}/export/angebote.csv?${Q}`);
    expect(offers).toHaveLength(1 + 6); // A1…A6
    const inquiries = await csv(office, `${GEMS}/export/anfragen.csv?${Q}`);
    expect(inquiries).toHaveLength(1 + 8); // P1…P8
    expect(inquiries.map((r) => r.join(' ')).join('\n')).not.toMatch(/Anna|anna@/);
    const answered = inquiries.slice(1).map((r) => r[3]).filter(Boolean).sort();
    expect(answered).toEqual(['1', '10', '2', '24', '4', '48']);
  });
});

describe('exports', () => {
  it('writes XLSX that reads back to the same numbers', async () => {
    const rows = await xlsxRows(office, `${GEMS}/export/vermittlungen.xlsx?${Q}`);
    expect(rows[0]).toEqual(['Stand', 'Anzahl']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([1, 1, 1, 2, 1, 1, 1, 8]);
    const towns = await xlsxRows(anonymous, `${GEMS}/export/kommunen.xlsx?${Q}`);
    const krostitz = towns.find((r) => r[0] === 'Krostitz');
    expect(krostitz).toEqual(['Krostitz', 3936, 2, 0.51]); // 2 offers / 3,936 inhabitants × 1,000
    const masked = await xlsxRows(anonymous, `${GEMS}/export/vermittlungen.xlsx?${Q}`);
    expect(masked[1]?.[1]).toBe('< 5');
    const offers = await xlsxRows(office, `${GEMS}/export/angebote.xlsx?${Q}`);
    expect(offers).toHaveLength(1 + 6);
  });

  it('writes decimals with a comma for German Excel and a point in English', async () => {
    const german = await csv(anonymous, `${GEMS}/export/kommunen.csv?${Q}`);
    expect(german.find((r) => r[0] === 'Krostitz')).toEqual(['Krostitz', '3936', '2', '0,51']);
    const english = parseCsv((await anonymous.get(`${GEMS}/export/kommunen.csv?${Q}`, { 'accept-language': 'en' })).body);
    expect(english.find((r) => r[0] === 'Krostitz')).toEqual(['Krostitz', '3936', '2', '0.51']);
  });

  it('pages through long lists by id without losing or repeating a row', async () => {
    const scope = { networkIds: [world.gems.id], municipalityId: null, period: PERIOD };
    const batches: string[][] = [];
    for await (const batch of offerRowsForExport(ctx.deps.db, scope, { publishedOnly: false, batchSize: 4 })) batches.push(batch.map((o) => o.id));
    expect(batches.map((b) => b.length)).toEqual([4, 2]);
    const ids = batches.flat();
    expect(new Set(ids).size).toBe(6);
    expect([...ids].sort()).toEqual(ids);
    const inquiries: number[] = [];
    for await (const batch of placementRowsForExport(ctx.deps.db, scope, 3)) inquiries.push(batch.length);
    expect(inquiries).toEqual([3, 3, 2]);
  });

  it('answers 404 for a table that does not exist', async () => {
    expect((await anonymous.get(`${GEMS}/export/geheim.csv`)).statusCode).toBe(404);
    expect((await anonymous.get(`${GEMS}/export/kennzahlen.pdf`)).statusCode).toBe(404);
    expect((await anonymous.get(`/netzwerk/gibtsnicht/ueberblick/export/kennzahlen.csv`)).statusCode).toBe(404);
  });
});

/** The document's title from its info dictionary, decoded from a PDF string (UTF-16 when not ASCII). */
function pdfTitle(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  // The info dictionary holds the title itself or a reference to an object that does.
  const reference = text.match(/\/Title (\d+) 0 R/)?.[1];
  const source = reference ? text.slice(text.indexOf(`\n${reference} 0 obj`)) : text.slice(text.indexOf('/Title'));
  const match = source.match(/\(((?:\\.|[^\\)])*)\)/);
  if (!match?.[1]) return '';
  const raw = match[1].replace(/\\([0-7]{1,3}|.)/g, (_, c: string) =>
    /^[0-7]+$/.test(c) ? String.fromCharCode(parseInt(c, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c,
  );
  const bytes = Buffer.from(raw, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return raw;
}

/** The text of every Flate stream, for looking inside page contents and font maps. */
function inflatedStreams(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const parts: string[] = [];
  const pattern = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      parts.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      parts.push(text.slice(start, end));
    }
  }
  return parts.join('\n');
}

describe('Engagementbericht', () => {
  it('is a PDF for a municipality with its name and umlauts', async () => {
    const löbnitz = world.m('Löbnitz');
    const response = await anonymous.get(`${GEMS}/bericht.pdf?${Q}&kommune=${löbnitz.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfTitle(pdf)).toBe('Engagementbericht – Löbnitz');
    const contents = inflatedStreams(pdf);
    // The glyphs of ö and ü are in the text: DejaVu's map to Unicode names them, Helvetica's WinAnsi codes are F6 and FC.
    if (fs.existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')) {
      expect(contents).toContain('<00f6>');
      expect(contents).toContain('<00fc>');
    } else {
      expect(contents).toMatch(/<[0-9a-f]*f6[0-9a-f]*>/i);
    }
    // Each page draws its footer; the report runs over more than one page.
    expect((contents.match(/ Tf/g) ?? []).length).toBeGreaterThan(10);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('falls back to Helvetica, whose WinAnsi encoding has the umlauts, without DejaVu', async () => {
    const t = translator('de');
    const figures = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: world.m('Löbnitz').id, period: PERIOD });
    const pdf = await pdfBuffer(
      reportPdf({
        t,
        locale: 'de',
        scopeName: 'Löbnitz',
        networkName: world.gems.name,
        period: PERIOD,
        view: 'public',
        tables: overviewTables(figures, 'public', t, 'de', { showNetwork: false }),
        municipalities: figures.municipalities,
        selectedMunicipalityId: world.m('Löbnitz').id,
        now: new Date('2025-06-15T10:00:00Z'),
        compress: false,
        fontDir: '/nonexistent',
      }),
    );
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('/BaseFont /Helvetica');
    expect(text).not.toContain('DejaVu');
    // "Löbnitz" drawn in WinAnsi: L=4c ö=f6 b=62 n=6e i=69 t=74 z=7a.
    expect(text.toLowerCase()).toContain('4cf6626e69747a');
  });

  it('is a tagged PDF in German with its title shown, headings, figures with alternative text and tables', async () => {
    const t = translator('de');
    const figures = await overviewFigures(ctx.deps.db, { networkIds: [world.gems.id], municipalityId: null, period: PERIOD });
    const pdf = await pdfBuffer(
      reportPdf({
        t,
        locale: 'de',
        scopeName: world.gems.name,
        networkName: world.gems.name,
        period: PERIOD,
        view: 'public',
        tables: overviewTables(figures, 'public', t, 'de', { showNetwork: false }),
        municipalities: figures.municipalities,
        selectedMunicipalityId: null,
        now: new Date('2025-06-15T10:00:00Z'),
        compress: false,
      }),
    );
    const text = pdf.toString('latin1');
    // The catalogue's MarkInfo (an object of its own) says the content is marked.
    const markInfo = text.match(/\/MarkInfo (\d+) 0 R/)?.[1];
    expect(markInfo).toBeDefined();
    expect(text).toMatch(new RegExp(`\\n${markInfo} 0 obj\\n<<\\n/Marked true`));
    expect(text).toMatch(/\/Lang \(de-DE\)/);
    expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(text).toMatch(/\/DisplayDocTitle true/);
    expect(pdfTitle(pdf)).toBe(`Engagementbericht – ${world.gems.name}`);
    // The structure tree names what the page holds: the document, headings, figures, tables and their cells.
    for (const type of ['Document', 'H1', 'H2', 'Figure', 'Table', 'TR', 'TH', 'TD', 'Caption']) expect(text, type).toContain(`/S /${type}`);
    expect(text).toMatch(/\/Alt \(/);
    // Page footers are marked as pagination artifacts.
    expect(text).toContain('/Artifact <<\n/Type /Pagination');
  });

  it('contains the internal figures for the office and the public ones for everyone else', async () => {
    const internal = await office.get(`${GEMS}/bericht.pdf?${Q}`);
    const publicReport = await anonymous.get(`${GEMS}/bericht.pdf?${Q}`);
    expect(internal.statusCode).toBe(200);
    expect(publicReport.statusCode).toBe(200);
    // The needs section adds a chart and a table.
    expect(internal.rawPayload.length).toBeGreaterThan(publicReport.rawPayload.length);
    expect(pdfTitle(internal.rawPayload)).toBe('Engagementbericht – GEMS – gemeinsam engagiert macht stark');
  });
});

describe('bad filter values', () => {
  const bad = [
    'von=2025-13',
    'von=abc',
    'bis=2025-1',
    'von=1999-12',
    'von=2025-06&bis=2025-01',
    'von=2010-01&bis=2025-06',
    'kommune=krostitz',
    "kommune=' or 1=1 --",
    'kommune=00000000-0000-0000-0000-000000000000',
  ];

  it.each(bad)('answers 400 with a message for %s, on the page, the exports and the report', async (query) => {
    const page = await anonymous.get(`${GEMS}?${encodeURI(query)}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('error-summary');
    for (const url of [`${GEMS}/export/kennzahlen.csv`, `${GEMS}/export/angebote.xlsx`, `${GEMS}/bericht.pdf`, '/ueberblick']) {
      const response = await anonymous.get(`${url}?${encodeURI(query)}`);
      expect(response.statusCode, url).toBe(400);
    }
  });

  it('refuses a municipality of another network and says which field is wrong', async () => {
    const other = world.m('Weißwasser/O.L.');
    const page = await anonymous.get(`${GEMS}?kommune=${other.id}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Diese Kommune gibt es in diesem Netzwerk nicht.');
    expect(page.body).toContain('href="#f-kommune"');
    // Across all networks the same municipality is fine.
    expect((await anonymous.get(`/ueberblick?kommune=${other.id}`)).statusCode).toBe(200);
  });

  it('answers problem+json to JSON clients', async () => {
    const response = await anonymous.get(`${GEMS}/export/kennzahlen.csv?von=2025-13`, { accept: 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors[0].field).toBe('von');
  });

  it('takes empty fields as no filter and a repeated parameter once', async () => {
    expect((await anonymous.get(`${GEMS}?von=&bis=&kommune=`)).statusCode).toBe(200);
    expect((await anonymous.get(`${GEMS}?von=2025-01&von=2025-02&unbekannt=1`)).statusCode).toBe(200);
  });
});

describe('page', () => {
  it('draws accessible charts with their numbers beside them and a map with a legend', async () => {
    const page = await office.get(`${GEMS}?${Q}`);
    const body = page.body;
    // The placements and trend charts come twice: a wide drawing and a narrow one for phones (CSS shows one).
    for (const id of ['chart-placements', 'chart-placements-narrow', 'chart-trend', 'chart-trend-narrow', 'chart-unmet', 'map']) {
      expect(body).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(body).toContain(`<title id="${id}-title">`);
    }
    expect((body.match(/role="img"/g) ?? []).length).toBe(6);
    expect((body.match(/class="chart chart-narrow-screen"/g) ?? []).length).toBe(2);
    // Every table has its caption, which names its focusable scroll region.
    expect((body.match(/<caption id="tabelle-[a-z0-9-]+-caption">/g) ?? []).length).toBe(5);
    expect((body.match(/role="region" aria-labelledby="tabelle-[a-z0-9-]+-caption" tabindex="0"/g) ?? []).length).toBe(5);
    expect((body.match(/class="map-area/g) ?? []).length).toBe(10);
    expect(body).toContain('angenähert');
    expect(body).toContain('Angebote je 1.000 Einwohner:innen');
    expect((body.match(/<h1>/g) ?? []).length).toBe(1);
  });

  it('serves the interactive map’s data and Leaflet from the same origin', async () => {
    const page = await anonymous.get(`${GEMS}?${Q}`);
    // The script finds Leaflet and the data through the hidden block's attributes.
    expect(page.body).toContain('data-leaflet="/ueberblick/leaflet/"');
    expect(page.body).toContain('data-source="/netzwerk/gems/ueberblick/karte.json"');
    const data = (await anonymous.get(`${GEMS}/karte.json`)).json();
    expect(data.type).toBe('FeatureCollection');
    expect(data.features).toHaveLength(10);
    expect(data.features.find((f: { properties: { name: string } }) => f.properties.name === 'Krostitz').properties.offersPer1000).toBeCloseTo(2000 / 3936, 10);
    // A1 and A2 share Krostitz's centre; A3 and A6 share Delitzsch's: two cells of two offers each.
    expect(data.offers.map((o: { count: number }) => o.count)).toEqual([2, 2]);
    expect(data.offers.every((o: { url: unknown }) => o.url === null)).toBe(true);
    const script = await anonymous.get('/ueberblick/leaflet/leaflet.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect((await anonymous.get('/ueberblick/leaflet/leaflet.css')).statusCode).toBe(200);
    expect((await anonymous.get('/ueberblick/leaflet/leaflet-src.js.map')).statusCode).toBe(404);
    expect((await anonymous.get('/ueberblick/leaflet/../../package.json')).statusCode).toBe(404);
    expect((await anonymous.get('/netzwerk/gibtsnicht/ueberblick/karte.json')).statusCode).toBe(404);
  });

  it('links no Leaflet file before the click and weighs at most 60 KB gzip with its CSS and JavaScript', async () => {
    for (const client of [anonymous, office]) {
      const page = await client.get(`${GEMS}?${Q}`, { 'accept-encoding': 'gzip' });
      expect(page.headers['content-encoding']).toBe('gzip');
      const html = zlib.gunzipSync(page.rawPayload).toString('utf8');
      const assets = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(assets).toContain('/static/overview-map.js');
      expect(assets).toContain('/static/overview.css');
      expect(assets.filter((a) => /leaflet/i.test(a))).toEqual([]);
      // Without JavaScript the button's block stays hidden: the SVG map and its table are the map.
      expect(html).toMatch(/<div class="map-interactive-wrap" id="karte-interaktiv-wrap" hidden/);
      expect(html).toContain('id="karte-interaktiv-knopf" aria-expanded="false" aria-controls="karte-interaktiv-bereich">Karte mit Angeboten anzeigen</button>');
      let bytes = page.rawPayload.length;
      for (const asset of assets.filter((a) => a.startsWith('/'))) {
        const response = await client.get(asset, { 'accept-encoding': 'gzip' });
        expect(response.statusCode, asset).toBe(200);
        bytes += response.rawPayload.length;
      }
      expect(bytes).toBeLessThanOrEqual(60 * 1024);
    }
  });

  it('works in English', async () => {
    const page = await anonymous.get(`${GEMS}?${Q}`, { 'accept-language': 'en' });
    expect(page.body).toContain('Overview: GEMS');
    expect(page.body).toContain('Public view');
  });

  it('defaults to the last twelve months', async () => {
    const page = await anonymous.get(GEMS);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="2024-07"');
    expect(page.body).toContain('value="2025-06"');
  });
});
