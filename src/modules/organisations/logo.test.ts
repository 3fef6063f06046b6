import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkLogo, imageKind } from './logo.ts';
import { chunk, SAMPLE_JPEG, SAMPLE_WEBP, samplePng } from './logo-samples.ts';

describe('logo checks', () => {
  it('recognises the kind of picture by its bytes', () => {
    expect(imageKind(samplePng())).toBe('png');
    expect(imageKind(SAMPLE_JPEG)).toBe('jpeg');
    expect(imageKind(SAMPLE_WEBP)).toBe('webp');
    expect(imageKind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageKind(Buffer.from('GIF89a'))).toBeNull();
  });

  it('keeps the picture of a PNG and drops its text, time and trailing bytes', () => {
    const png = samplePng({
      extra: [chunk('tIME', Buffer.alloc(7)), chunk('eXIf', Buffer.from('GPS 51.52 12.40'))],
      trailing: Buffer.from('<script>alert(1)</script>'),
    });
    const checked = checkLogo(png);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.contentType).toBe('image/png');
    expect([checked.width, checked.height]).toEqual([8, 6]);
    const text = checked.data.toString('latin1');
    expect(text).not.toContain('Erika');
    expect(text).not.toContain('GPS');
    expect(text).not.toContain('tIME');
    expect(text).not.toContain('script');
    expect(text).toContain('IDAT');
    // The cleaned file is itself a valid logo and stays the same when checked again.
    const again = checkLogo(checked.data);
    expect(again.ok && again.data.equals(checked.data)).toBe(true);
  });

  it('keeps the picture of a JPEG and drops its profile, comments and EXIF', () => {
    const segment = (marker: number, body: string) => {
      const head = Buffer.from([0xff, marker, 0, 0]);
      head.writeUInt16BE(body.length + 2, 2);
      return Buffer.concat([head, Buffer.from(body, 'latin1')]);
    };
    const exif = segment(0xe1, 'Exif\0\0GPS 51.5,12.4');
    const comment = segment(0xfe, 'Erika Muster');
    const jpeg = Buffer.concat([SAMPLE_JPEG.subarray(0, 2), exif, comment, SAMPLE_JPEG.subarray(2), Buffer.from('trailing')]);
    const checked = checkLogo(jpeg);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.contentType).toBe('image/jpeg');
    expect([checked.width, checked.height]).toEqual([16, 12]);
    const text = checked.data.toString('latin1');
    for (const gone of ['Exif', 'GPS', 'Erika', 'Google', 'ICC_PROFILE', 'trailing']) expect(text).not.toContain(gone);
    expect(checked.data.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    const again = checkLogo(checked.data);
    expect(again.ok && again.data.equals(checked.data)).toBe(true);
  });

  it('refuses WebP (cannot be cleaned here), other types and broken files', () => {
    expect(checkLogo(SAMPLE_WEBP)).toEqual({ ok: false, code: 'organisations.logo.webp' });
    expect(checkLogo(Buffer.from('<svg onload="alert(1)"/>'))).toEqual({ ok: false, code: 'organisations.logo.type' });
    expect(checkLogo(Buffer.alloc(0))).toEqual({ ok: false, code: 'organisations.logo.empty' });
    const png = samplePng();
    expect(checkLogo(png.subarray(0, png.length - 20))).toEqual({ ok: false, code: 'organisations.logo.broken' });
    const flipped = Buffer.from(png);
    flipped[40] = (flipped[40] ?? 0) ^ 0xff;
    expect(checkLogo(flipped).ok).toBe(false);
    expect(checkLogo(SAMPLE_JPEG.subarray(0, 400))).toEqual({ ok: false, code: 'organisations.logo.broken' });
  });

  it('refuses pictures so large they could inflate to gigabytes', () => {
    expect(checkLogo(samplePng({ width: 5000, height: 1 }))).toEqual({ ok: false, code: 'organisations.logo.dimensions' });
  });

  it('never throws on random bytes behind a valid signature', () => {
    fc.assert(
      fc.property(fc.constantFrom(samplePng().subarray(0, 8), SAMPLE_JPEG.subarray(0, 3)), fc.uint8Array({ maxLength: 400 }), (head, tail) => {
        const result = checkLogo(Buffer.concat([head, Buffer.from(tail)]));
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
