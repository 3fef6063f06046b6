import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import demo from '../networks/demo-regions.json' with { type: 'json' };
import { approximateOutlines, type ApproximateOutline } from './outlines.ts';

/** Ray casting: is the point inside the ring? */
function inside(point: [number, number], ring: Array<[number, number]>): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

function area(ring: Array<[number, number]>): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

describe('approximate outlines', () => {
  const gems = demo.networks.find((n) => n.name.startsWith('GEMS'))!.municipalities;
  const outlines = approximateOutlines(gems);

  it('gives every GEMS municipality a closed, counter-clockwise cell around its own centre only', () => {
    expect(outlines).toHaveLength(10);
    outlines.forEach((outline, i) => {
      const ring = outline!.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(area(ring)).toBeGreaterThan(0);
      expect(inside([gems[i]!.lng, gems[i]!.lat], ring)).toBe(true);
      gems.forEach((other, j) => {
        if (j !== i) expect(inside([other.lng, other.lat], ring)).toBe(false);
      });
    });
  });

  it('marks every outline as approximate demo geometry', () => {
    for (const outline of outlines) {
      expect(outline?.approximate).toBe(true);
      expect(outline?.note).toMatch(/approximate demo geometry/i);
    }
  });

  it('tiles the region: the cells add up to the bounding box', () => {
    const total = outlines.reduce((sum, o) => sum + area(o!.coordinates[0]!), 0);
    const lngs = outlines.flatMap((o) => o!.coordinates[0]!.map((p) => p[0]));
    const lats = outlines.flatMap((o) => o!.coordinates[0]!.map((p) => p[1]));
    const box = (Math.max(...lngs) - Math.min(...lngs)) * (Math.max(...lats) - Math.min(...lats));
    expect(total / box).toBeCloseTo(1, 3);
  });

  it('gives a single municipality a box around it and skips one without coordinates', () => {
    const [alone, missing] = approximateOutlines([{ lat: 51.505, lng: 14.6378 }, { lat: null, lng: null }]);
    expect(alone?.coordinates[0]).toHaveLength(5);
    expect(missing).toBeNull();
  });

  it('puts every centre inside its own cell, for any set of distinct places', () => {
    const place = fc.record({ lat: fc.double({ min: 47, max: 55, noNaN: true }), lng: fc.double({ min: 6, max: 15, noNaN: true }) });
    fc.assert(
      fc.property(fc.uniqueArray(place, { minLength: 1, maxLength: 12, selector: (p) => `${p.lat.toFixed(3)}|${p.lng.toFixed(3)}` }), (places) => {
        const cells = approximateOutlines(places) as ApproximateOutline[];
        places.forEach((p, i) => expect(inside([p.lng, p.lat], cells[i]!.coordinates[0]!)).toBe(true));
      }),
      { numRuns: 60 },
    );
  });
});
