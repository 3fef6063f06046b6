import { describe, expect, it } from 'vitest';
import { csvStream } from './export.ts';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

describe('CSV export', () => {
  it('writes moments in German wall-clock time, summer and winter, and guards formulas', async () => {
    const csv = await text(
      csvStream(
        {
          title: 'Test',
          columns: [{ label: 'Zeit' }, { label: 'Text' }],
          batches: [
            [
              [new Date('2026-07-01T22:30:00Z'), '=SUMME(A1)'],
              [new Date('2026-01-31T23:05:00Z'), 'Krostitz'],
            ],
          ],
        },
        'de',
      ),
    );
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    // 22:30 UTC in July is 00:30 the next day in Germany (UTC+2); 23:05 UTC in January is 00:05 (UTC+1).
    expect(lines[1]).toBe("2026-07-02 00:30;'=SUMME(A1)");
    expect(lines[2]).toBe('2026-02-01 00:05;Krostitz');
  });
});
