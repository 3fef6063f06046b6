import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FIELDS, SUITABILITY, TIMES_OF_DAY, WEEKDAYS } from '../../platform/vocabulary.ts';
import { boundingBox, distanceKm } from '../../platform/geo.ts';
import { normaliseSkill, scoreMatch, WEIGHTS, type MatchTarget, type MatchVolunteer } from './matching.ts';

// Krostitz and Delitzsch, from the demo region.
const KROSTITZ = { lat: 51.4631, lng: 12.4589 };
const DELITZSCH = { lat: 51.5265, lng: 12.3428 };

const SKILLS = ['Erste Hilfe', 'Kochen', 'Führerschein', 'Vorlesen', 'Gitarre', 'erste-hilfe', 'Polnisch'];

// Places around Central Germany, sometimes unknown.
const place = fc.option(
  fc.record({ lat: fc.double({ min: 50, max: 53, noNaN: true }), lng: fc.double({ min: 11, max: 15, noNaN: true }) }),
  { nil: null },
);

const volunteerArb: fc.Arbitrary<MatchVolunteer> = fc
  .record({
    fields: fc.uniqueArray(fc.constantFrom(...FIELDS)),
    skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 4 }),
    weekdays: fc.uniqueArray(fc.constantFrom(...WEEKDAYS)),
    timesOfDay: fc.uniqueArray(fc.constantFrom(...TIMES_OF_DAY)),
    place,
    radiusKm: fc.integer({ min: 1, max: 200 }),
    remoteOk: fc.boolean(),
  })
  .map(({ place: p, ...v }) => ({ ...v, lat: p?.lat ?? null, lng: p?.lng ?? null }));

const targetArb: fc.Arbitrary<MatchTarget> = fc
  .record({
    field: fc.constantFrom(...FIELDS),
    skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 4 }),
    weekdays: fc.uniqueArray(fc.constantFrom(...WEEKDAYS)),
    timesOfDay: fc.uniqueArray(fc.constantFrom(...TIMES_OF_DAY)),
    place,
    remote: fc.boolean(),
    suitability: fc.uniqueArray(fc.constantFrom(...SUITABILITY)),
  })
  .map(({ place: p, ...t }) => ({ ...t, lat: p?.lat ?? null, lng: p?.lng ?? null }));

const optionsArb = fc.record({ suitability: fc.uniqueArray(fc.constantFrom(...SUITABILITY)) });

function volunteer(values: Partial<MatchVolunteer> = {}): MatchVolunteer {
  return { fields: [], skills: [], weekdays: [], timesOfDay: [], lat: null, lng: null, radiusKm: 15, remoteOk: false, ...values };
}
function target(values: Partial<MatchTarget> = {}): MatchTarget {
  return { field: 'sonstiges', skills: [], weekdays: [], timesOfDay: [], lat: null, lng: null, ...values };
}

describe('scoreMatch: examples', () => {
  it('gives a need in Krostitz on Tuesday mornings a full match with a volunteer in Krostitz who has all of it', () => {
    const result = scoreMatch(
      volunteer({ fields: ['sozial'], skills: ['erste hilfe'], weekdays: [2, 4], timesOfDay: ['morning'], ...KROSTITZ }),
      target({ field: 'sozial', skills: ['Erste Hilfe'], weekdays: [2], timesOfDay: ['morning'], ...KROSTITZ }),
    );
    expect(result.score).toBe(WEIGHTS.field + WEIGHTS.place + WEIGHTS.time + WEIGHTS.skills);
    expect(result.reasons).toEqual([
      { code: 'same_field' },
      { code: 'distance', km: 0 },
      { code: 'time_fits', weekday: 2, timeOfDay: 'morning' },
      { code: 'skill', skill: 'Erste Hilfe' },
    ]);
  });

  it('names the distance in whole km and takes points off with distance', () => {
    const near = scoreMatch(volunteer({ ...KROSTITZ, radiusKm: 20 }), target({ ...DELITZSCH }));
    expect(near.reasons).toEqual([{ code: 'distance', km: 11 }]);
    expect(near.score).toBe(Math.round(25 * (1 - distanceKm(KROSTITZ, DELITZSCH) / 20)));
  });

  it('is no match at all outside the radius, whatever else fits', () => {
    const result = scoreMatch(
      volunteer({ fields: ['sozial'], skills: ['Kochen'], ...KROSTITZ, radiusKm: 5 }),
      target({ field: 'sozial', skills: ['Kochen'], ...DELITZSCH }),
    );
    expect(result).toEqual({ score: 0, reasons: [] });
  });

  it('ignores the radius for remote work only when the volunteer accepts remote work', () => {
    const far = { lat: 53.55, lng: 10.0 };
    expect(scoreMatch(volunteer({ ...KROSTITZ, remoteOk: true }), target({ remote: true, ...far })).reasons).toEqual([{ code: 'remote' }]);
    expect(scoreMatch(volunteer({ ...KROSTITZ, remoteOk: false }), target({ remote: true, ...far })).score).toBe(0);
  });

  it('treats an offer without times as flexible, and a volunteer without times as unknown', () => {
    expect(scoreMatch(volunteer({ weekdays: [1] }), target()).score).toBe(WEIGHTS.timeFlexible);
    expect(scoreMatch(volunteer(), target({ weekdays: [1] })).score).toBe(0);
    expect(scoreMatch(volunteer({ weekdays: [1] }), target({ weekdays: [3] })).score).toBe(0);
  });

  it('says "Tuesday" without a time of day when nobody named one', () => {
    expect(scoreMatch(volunteer({ weekdays: [2, 5] }), target({ weekdays: [2] })).reasons).toEqual([{ code: 'time_fits', weekday: 2 }]);
  });

  it('combines a volunteer who named mornings with an offer that named Tuesdays', () => {
    expect(scoreMatch(volunteer({ timesOfDay: ['morning'] }), target({ weekdays: [2] })).reasons).toEqual([
      { code: 'time_fits', weekday: 2, timeOfDay: 'morning' },
    ]);
  });

  it('compares skills without case and hyphens and shows the offer’s spelling', () => {
    expect(normaliseSkill('  Erste-Hilfe ')).toBe('erste hilfe');
    const result = scoreMatch(volunteer({ skills: ['ERSTE HILFE'] }), target({ skills: ['Erste-Hilfe', 'Kochen'] }));
    expect(result.reasons).toEqual([{ code: 'skill', skill: 'Erste-Hilfe' }]);
    expect(result.score).toBe(Math.round(WEIGHTS.skills / 2));
  });

  it('counts the suitability flags the volunteer asks for', () => {
    const result = scoreMatch(volunteer(), target({ suitability: ['wheelchair'] }), { suitability: ['wheelchair', 'seniors'] });
    expect(result.reasons).toEqual([{ code: 'suitable', flag: 'wheelchair' }]);
    expect(result.score).toBe(WEIGHTS.suitability / 2);
  });
});

describe('scoreMatch: properties', () => {
  it('always scores a whole number from 0 to 100', () => {
    fc.assert(
      fc.property(volunteerArb, targetArb, optionsArb, (v, t, o) => {
        const { score } = scoreMatch(v, t, o);
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 500 },
    );
  });

  it('gives reasons that are true of the inputs', () => {
    fc.assert(
      fc.property(volunteerArb, targetArb, optionsArb, (v, t, o) => {
        const { score, reasons } = scoreMatch(v, t, o);
        if (score === 0 && reasons.length === 0) return;
        const vSkills = v.skills.map(normaliseSkill);
        for (const reason of reasons) {
          switch (reason.code) {
            case 'same_field':
              expect(v.fields).toContain(t.field);
              break;
            case 'remote':
              expect(t.remote && v.remoteOk).toBe(true);
              break;
            case 'distance': {
              expect(v.lat !== null && t.lat !== null).toBe(true);
              const km = distanceKm({ lat: v.lat!, lng: v.lng! }, { lat: t.lat!, lng: t.lng! });
              expect(reason.km).toBe(Math.round(km));
              expect(km).toBeLessThanOrEqual(v.radiusKm);
              break;
            }
            case 'time_fits':
              if (reason.weekday !== undefined) {
                expect(v.weekdays.length === 0 || v.weekdays.includes(reason.weekday)).toBe(true);
                expect(t.weekdays.length === 0 || t.weekdays.includes(reason.weekday)).toBe(true);
                expect(v.weekdays.length + t.weekdays.length).toBeGreaterThan(0);
              }
              if (reason.timeOfDay !== undefined) {
                expect(v.timesOfDay.length === 0 || v.timesOfDay.includes(reason.timeOfDay)).toBe(true);
                expect(t.timesOfDay.length === 0 || t.timesOfDay.includes(reason.timeOfDay)).toBe(true);
              }
              break;
            case 'skill':
              expect(t.skills).toContain(reason.skill);
              expect(vSkills).toContain(normaliseSkill(reason.skill));
              break;
            case 'suitable':
              expect(t.suitability).toContain(reason.flag);
              expect(o.suitability).toContain(reason.flag);
              break;
          }
        }
        // Every fact that holds and earns points is named.
        if (v.fields.includes(t.field)) expect(reasons).toContainEqual({ code: 'same_field' });
        if (t.remote && v.remoteOk) expect(reasons).toContainEqual({ code: 'remote' });
      }),
      { numRuns: 500 },
    );
  });

  it('finds the same distance both ways, and only outside the radius rejects', () => {
    fc.assert(
      fc.property(volunteerArb, targetArb, (v, t) => {
        fc.pre(v.lat !== null && t.lat !== null && !(t.remote && v.remoteOk));
        const swapped = scoreMatch({ ...v, lat: t.lat, lng: t.lng }, { ...t, lat: v.lat, lng: v.lng });
        const straight = scoreMatch(v, t);
        expect(swapped).toEqual(straight);
        const km = distanceKm({ lat: v.lat!, lng: v.lng! }, { lat: t.lat!, lng: t.lng! });
        if (km > v.radiusKm) expect(straight).toEqual({ score: 0, reasons: [] });
        else expect(straight.reasons).toContainEqual({ code: 'distance', km: Math.round(km) });
      }),
      { numRuns: 500 },
    );
  });

  it('never lowers the score when the volunteer gains a skill the target asks for', () => {
    fc.assert(
      fc.property(volunteerArb, targetArb, optionsArb, (v, t, o) => {
        fc.pre(t.skills.length > 0);
        const before = scoreMatch(v, t, o).score;
        for (const skill of t.skills) {
          const after = scoreMatch({ ...v, skills: [...v.skills, skill] }, t, o).score;
          expect(after).toBeGreaterThanOrEqual(before);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never lowers the score when the target asks for a skill the volunteer has', () => {
    fc.assert(
      fc.property(volunteerArb, targetArb, optionsArb, (v, t, o) => {
        fc.pre(v.skills.length > 0);
        const before = scoreMatch(v, t, o).score;
        const after = scoreMatch(v, { ...t, skills: [...t.skills, v.skills[0]!] }, o).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every point within the radius inside the SQL bounding box', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (lat, lng, km, fraction, bearing) => {
          // A point at distance fraction × km in direction `bearing` (flat approximation, then checked exactly).
          const d = fraction * km;
          const p = {
            lat: lat + (d / 111.2) * Math.cos(bearing),
            lng: lng + (d / (111.2 * Math.cos((lat * Math.PI) / 180))) * Math.sin(bearing),
          };
          fc.pre(distanceKm({ lat, lng }, p) <= km);
          const box = boundingBox({ lat, lng }, km);
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
          expect(p.lat).toBeLessThanOrEqual(box.maxLat);
          expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
          expect(p.lng).toBeLessThanOrEqual(box.maxLng);
        },
      ),
      { numRuns: 500 },
    );
  });
});
