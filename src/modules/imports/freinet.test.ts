import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmpersandRepair, readFreinet, type FreinetItem } from './freinet.ts';
import { freinetRecord } from './freinet-records.ts';

const FIXTURE = path.join(import.meta.dirname, 'fixtures/freinet-gems.xml');

async function items(source: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>): Promise<FreinetItem[]> {
  const result: FreinetItem[] = [];
  for await (const item of readFreinet(source)) result.push(item);
  return result;
}

function offer(id: string, children: string): string {
  return `<angebot angebotsId="${id}">${children}</angebot>`;
}

function list(...offers: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<angebotsliste agenturId="1">${offers.join('\n')}</angebotsliste>`;
}

describe('reading a FreiNet export', () => {
  it('reads the fixture offer by offer, names the broken one and ends cleanly', async () => {
    const all = await items(fs.createReadStream(FIXTURE, { highWaterMark: 512 }));
    expect(all[0]).toEqual({ kind: 'start', agenturId: '4711' });
    const offers = all.filter((i) => i.kind === 'offer');
    const broken = all.filter((i) => i.kind === 'broken');
    expect(offers).toHaveLength(24);
    expect(broken).toEqual([expect.objectContaining({ index: 24, angebotsId: '1024', errors: [expect.stringContaining('unexpected close tag')] })]);
    expect(all.some((i) => i.kind === 'fatal')).toBe(false);
    expect(all.find((i) => i.kind === 'repaired')).toEqual({ kind: 'repaired', count: 1 });
  });

  it('gives the same offers however the file is cut into chunks', async () => {
    const bytes = fs.readFileSync(FIXTURE);
    const whole = JSON.stringify(await items([bytes]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length];
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        expect(JSON.stringify(await items(chunks))).toBe(whole);
      }),
      { numRuns: 25 },
    );
  });

  it('decodes entities, CDATA and markup that was not escaped', async () => {
    const all = await items([
      list(
        offer('1', '<angebotsname>Gr&#252;n &amp; bunt</angebotsname><beschreibung>&lt;p&gt;Hallo&lt;/p&gt;<![CDATA[<p>Kaffee &amp; Kuchen</p>]]></beschreibung>'),
        offer('2', '<beschreibung><p>Erst <a href="https://x.example/a?b=1&amp;c=2">hier</a> &lt;klicken&gt;</p></beschreibung>'),
      ),
    ]);
    const offers = all.flatMap((i) => (i.kind === 'offer' ? [i.offer] : []));
    expect(offers[0]?.values).toEqual({ angebotsname: 'Grün & bunt', beschreibung: '<p>Hallo</p><p>Kaffee &amp; Kuchen</p>' });
    // Unescaped elements come back as HTML, their text escaped, so "<klicken>" stays text.
    expect(offers[1]?.values.beschreibung).toBe('<p>Erst <a href="https://x.example/a?b=1&amp;c=2">hier</a> &lt;klicken&gt;</p>');
  });

  it('reads ISO-8859-1 files as they declare themselves', async () => {
    const head = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><angebotsliste><angebot angebotsId="9"><ort>');
    const latin = Buffer.from([0x4c, 0xf6, 0x62, 0x6e, 0x69, 0x74, 0x7a]); // "Löbnitz" in Latin-1
    const tail = Buffer.from('</ort></angebot></angebotsliste>');
    const all = await items([Buffer.concat([head, latin, tail])]);
    expect(all.find((i) => i.kind === 'offer')).toMatchObject({ offer: { values: { ort: 'Löbnitz' } } });
  });

  it('goes on after a closing tag that matches nothing, which makes the parser close the whole list', async () => {
    const all = await items([list(offer('1', '<ort>A</ort>'), offer('2', '<ort>B</orte>'), offer('3', '<ort>C</ort>'), offer('4', '<ort>D</ort>'))]);
    expect(all.filter((i) => i.kind === 'offer').map((i) => (i.kind === 'offer' ? i.offer.angebotsId : ''))).toEqual(['1', '3', '4']);
    expect(all.filter((i) => i.kind === 'broken').map((i) => (i.kind === 'broken' ? i.angebotsId : ''))).toEqual(['2']);
    expect(all.some((i) => i.kind === 'fatal')).toBe(false);
  });

  it('names an offer that is never closed and reads the next one', async () => {
    const all = await items([list('<angebot angebotsId="1"><ort>A</ort>', offer('2', '<ort>B</ort>'))]);
    expect(all.find((i) => i.kind === 'broken')).toMatchObject({ angebotsId: '1', errors: [expect.stringContaining('not closed')] });
    expect(all.find((i) => i.kind === 'offer')).toMatchObject({ offer: { angebotsId: '2' } });
  });

  it('stops with a clear reason when the file is no FreiNet export or ends in the middle', async () => {
    expect((await items(['<html><body>Nichts</body></html>'])).at(-1)).toMatchObject({ kind: 'fatal', code: 'not_freinet' });
    expect((await items(['Titel;Ort\nA;B\n'])).at(-1)).toMatchObject({ kind: 'fatal', code: 'not_freinet' });
    const cut = await items([list(offer('1', '<ort>A</ort>'), offer('2', '<ort>B</ort>')).slice(0, -30)]);
    expect(cut.filter((i) => i.kind === 'offer')).toHaveLength(1);
    expect(cut.find((i) => i.kind === 'broken')).toMatchObject({ angebotsId: '2' });
    expect(cut.at(-1)).toMatchObject({ kind: 'fatal', code: 'truncated' });
  });
});

describe('the ampersand repair', () => {
  function repairAll(chunks: string[]): string {
    const repair = new AmpersandRepair();
    return chunks.map((c) => repair.push(c)).join('') + repair.end();
  }

  it('escapes lone ampersands and unknown entities but keeps XML references and CDATA', () => {
    expect(repairAll(['Kaffee & Kuchen &amp; Tee &lt; &#252; &#xFC; &auml; &nbsp;'])).toBe(
      'Kaffee &amp; Kuchen &amp; Tee &lt; &#252; &#xFC; &amp;auml; &amp;nbsp;',
    );
    expect(repairAll(['<![CDATA[A & B &auml;]]> & C'])).toBe('<![CDATA[A & B &auml;]]> &amp; C');
  });

  it('keeps a character reference cut right after "&#" or "&#x" at a chunk border', () => {
    // Found by the chunking property below with a real export: "&#" then "8211;" in the next chunk.
    expect(repairAll(['Nachbarn &#', '8211; kurz'])).toBe('Nachbarn &#8211; kurz');
    expect(repairAll(['f&#x', 'FC;r'])).toBe('f&#xFC;r');
    expect(repairAll(['A &', '#252; B'])).toBe('A &#252; B');
    expect(repairAll(['Kaffee &', ' Kuchen'])).toBe('Kaffee &amp; Kuchen');
  });

  it('does the same whatever the chunk borders', () => {
    // Random characters, and texts made of the pieces references are made of (which random characters rarely form).
    const pieces = fc.array(fc.constantFrom('&', '&#', '&#x', '8211;', 'FC;', '252;', 'amp;', 'auml;', ';', ' ', 'a', '<![CDATA[', ']]>'), { maxLength: 12 });
    const text = fc.oneof(fc.stringMatching(/^[a-z &;#<![\]CDAT>x0-9]{0,60}$/), pieces.map((p) => p.join('')));
    fc.assert(
      fc.property(text, fc.array(fc.nat(60), { maxLength: 6 }), (input, cuts) => {
        const points = [0, ...[...new Set(cuts.filter((c) => c < input.length))].sort((a, b) => a - b), input.length];
        const chunks = points.slice(1).map((end, i) => input.slice(points[i], end));
        expect(repairAll(chunks)).toBe(repairAll([input]));
      }),
      { numRuns: 500 },
    );
  });
});

describe('an offer as an import record', () => {
  const base = { index: 1, line: 3, angebotsId: '77' };

  it('takes plain text from text fields, sanitised HTML from the description and unknown coordinates as none', () => {
    const result = freinetRecord({
      ...base,
      values: {
        angebotsname: '  Vorlesen &amp;auml; <b>jetzt</b> ',
        einrichtungsname: 'Verein',
        beschreibung: '<p onclick="x()">Text</p><script>alert(1)</script><a href="javascript:alert(1)">Link</a>',
        geo_breite: '0.000000',
        geo_laenge: '0.000000',
        plz: '4509',
        erstellt: '1704067200',
        bearbeitet: 'gestern',
      },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.values.title).toBe('Vorlesen &auml; jetzt');
    expect(result.record.values.description).toBe('<p>Text</p><p>Link</p>');
    expect(result.record.values.lat).toBeNull();
    expect(result.record.values.postcode).toBe('');
    expect(result.record.createdAt?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(result.record.publishedAt?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(result.record.warnings.map((w) => w.key)).toEqual(['imports.warning.postcode', 'imports.warning.date']);
  });

  it('names every reason a record cannot be imported', () => {
    const result = freinetRecord({
      ...base,
      angebotsId: '',
      values: { angebotsname: 'x'.repeat(201), geo_breite: '95', geo_laenge: '12' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reasons.map((r) => r.key)).toEqual([
      'imports.reason.idMissing',
      'imports.reason.tooLong',
      'imports.reason.organisationMissing',
      'imports.reason.lat',
    ]);
  });
});
