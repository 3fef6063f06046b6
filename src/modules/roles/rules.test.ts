import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chosenColour, colourProblem, contrastRatio, MIN_CONTRAST_TO_WHITE, parseMunicipality } from './rules.ts';

const hexColour = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('colour contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('is symmetric and between 1 and 21', () => {
    fc.assert(
      fc.property(hexColour, hexColour, (a, b) => {
        const ratio = contrastRatio(a, b);
        expect(ratio).toBeGreaterThanOrEqual(1);
        expect(ratio).toBeLessThanOrEqual(21.0001);
        expect(contrastRatio(b, a)).toBeCloseTo(ratio, 10);
      }),
    );
  });

  it('accepts a colour exactly when white text on it reaches 4.5:1', () => {
    fc.assert(
      fc.property(hexColour, (colour) => {
        const problem = colourProblem(colour);
        expect(problem === undefined).toBe(contrastRatio(colour, '#ffffff') >= MIN_CONTRAST_TO_WHITE);
        if (problem) expect(Number(problem.params?.ratio)).toBeLessThan(MIN_CONTRAST_TO_WHITE);
      }),
    );
  });

  it('asks for the #rrggbb form and never throws on other input', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const problem = colourProblem(value);
        if (!/^#[0-9a-fA-F]{6}$/.test(value)) expect(problem?.key).toBe('roles.error.colourFormat');
      }),
    );
    expect(colourProblem('#1D5C8C')).toBeUndefined();
  });

  it('takes the picker only when it was moved', () => {
    expect(chosenColour('#224466', '#224466', '#224466')).toBe('#224466');
    expect(chosenColour('#224466', '#1d5c8c', '#224466')).toBe('#1d5c8c');
    expect(chosenColour('#ABCDEF', undefined, undefined)).toBe('#abcdef');
    expect(chosenColour('blau', '#000000', '#000000')).toBe('blau');
  });
});

describe('municipality input', () => {
  const base = { name: ' Neudorf ', type: '', ags: '', lat: '', lng: '', inhabitants: '' };

  it('turns empty optional fields into null and reads decimal commas', () => {
    expect(parseMunicipality(base)).toEqual({
      ok: true,
      values: { name: 'Neudorf', type: '', ags: null, lat: null, lng: null, inhabitants: null },
    });
    const parsed = parseMunicipality({ ...base, lat: '-51,25', lng: '+12.5', inhabitants: '12.345', ags: '14730170' });
    expect(parsed).toMatchObject({ ok: true, values: { lat: -51.25, lng: 12.5, inhabitants: 12345, ags: '14730170' } });
  });

  it('keeps coordinates within their ranges', () => {
    fc.assert(
      fc.property(fc.double({ min: -500, max: 500, noNaN: true }), (value) => {
        const text = value.toFixed(4);
        const lat = parseMunicipality({ ...base, lat: text });
        const lng = parseMunicipality({ ...base, lng: text });
        const n = Number(text);
        expect(lat.ok).toBe(n >= -90 && n <= 90);
        expect(lng.ok).toBe(n >= -180 && n <= 180);
      }),
    );
  });

  it('never throws and never accepts a malformed AGS or inhabitant count', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (ags, inhabitants) => {
        const result = parseMunicipality({ ...base, ags, inhabitants });
        if (result.ok) {
          expect(result.values.ags === null || /^\d{8}$/.test(result.values.ags)).toBe(true);
          expect(result.values.inhabitants === null || (Number.isInteger(result.values.inhabitants) && result.values.inhabitants >= 0)).toBe(true);
        }
      }),
    );
  });
});
