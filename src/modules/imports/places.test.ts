import { describe, expect, it } from 'vitest';
import { normalisePlace, placeMatcher } from './places.ts';

const GEMS = ['Delitzsch', 'Schkeuditz', 'Taucha', 'Wiedemar', 'Rackwitz', 'Krostitz', 'Jesewitz', 'Zschepplin', 'Schönwölkau', 'Löbnitz', 'Weißwasser/O.L.'].map(
  (name) => ({ id: `id-${name}`, name }),
);

describe('finding the municipality behind a place name', () => {
  const places = placeMatcher(GEMS);

  it('spells umlauts out and ignores case and punctuation', () => {
    expect(normalisePlace('  SCHÖNWÖLKAU ')).toBe('schoenwoelkau');
    expect(normalisePlace('Weißwasser/O.L.')).toBe('weisswasser o l');
  });

  it.each([
    ['Delitzsch', 'Delitzsch'],
    ['delitzsch', 'Delitzsch'],
    ['Delitzsch OT Selben', 'Delitzsch'],
    ['Delitzsch, Ortsteil Selben', 'Delitzsch'],
    ['04509 Delitzsch', 'Delitzsch'],
    ['Gemeinde Wiedemar', 'Wiedemar'],
    ['Stadt Taucha', 'Taucha'],
    ['Schoenwoelkau', 'Schönwölkau'],
    ['SCHÖNWÖLKAU', 'Schönwölkau'],
    ['Loebnitz', 'Löbnitz'],
    ['Weisswasser', 'Weißwasser/O.L.'],
    ['Selben (Delitzsch)', 'Delitzsch'],
  ])('"%s" is %s', (place, expected) => {
    expect(places.match({ place })).toBe(`id-${expected}`);
  });

  it('tries the explicit name, then the place, then the district, and finds nothing rather than guessing', () => {
    expect(places.match({ name: 'Krostitz', place: 'Taucha' })).toBe('id-Krostitz');
    expect(places.match({ name: 'Nirgendwo', place: 'Taucha' })).toBe('id-Taucha');
    expect(places.match({ place: 'Hohenprießnitz', district: 'Zschepplin' })).toBe('id-Zschepplin');
    expect(places.match({ place: 'Leipzig' })).toBeNull();
    expect(places.match({ place: 'Delitz' })).toBeNull();
    expect(places.match({})).toBeNull();
  });

  it('refuses a short name two municipalities share', () => {
    const twins = placeMatcher([
      { id: 'a', name: 'Neustadt/Sachsen' },
      { id: 'b', name: 'Neustadt (Orla)' },
    ]);
    expect(twins.match({ place: 'Neustadt' })).toBeNull();
    expect(twins.match({ place: 'Neustadt/Sachsen' })).toBe('a');
  });
});
