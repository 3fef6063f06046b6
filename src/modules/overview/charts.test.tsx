import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { barChart, choropleth, lineChart, niceScale, shadeBreaks, shadeOf } from './charts.ts';
import { SvgScene } from './views/svg.tsx';

describe('chart kit', () => {
  it('rounds axes to steps people can read', () => {
    expect(niceScale(8)).toEqual({ top: 8, step: 2 });
    expect(niceScale(37)).toEqual({ top: 40, step: 10 });
    expect(niceScale(3)).toEqual({ top: 3, step: 1 });
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
    expect(niceScale(0.51, 5, false)).toEqual({ top: 0.6, step: 0.2 });
  });

  it('draws one bar per value, none for a masked count, and the value beside each', () => {
    const scene = barChart([
      { label: 'vermittelt', value: 8, valueText: '8' },
      { label: 'abgesagt', value: null, valueText: '< 5' },
    ]);
    expect(scene.shapes.filter((s) => s.kind === 'rect')).toHaveLength(1);
    const texts = scene.shapes.filter((s) => s.kind === 'text').map((s) => (s.kind === 'text' ? s.text : ''));
    expect(texts).toEqual(['vermittelt', '8', 'abgesagt', '< 5']);
  });

  it('leaves a gap in a line where a value is not shown', () => {
    const scene = lineChart(['Jan', 'Feb', 'Mär', 'Apr'], [{ label: 'Anfragen', values: [6, null, 7, 9] }]);
    const lines = scene.shapes.filter((s) => s.kind === 'polyline');
    // The legend sample, then the run Mär–Apr (Jan alone is only a marker).
    expect(lines.map((l) => (l.kind === 'polyline' ? l.points.length : 0))).toEqual([2, 2]);
    expect(scene.shapes.filter((s) => s.kind === 'marker')).toHaveLength(1 + 3);
  });

  it('shades areas in five classes and marks missing data', () => {
    const breaks = shadeBreaks([0, 0.08, 0.51]);
    expect(breaks).toEqual([0.12, 0.24, 0.36, 0.48, 0.6]);
    expect(shadeOf(0.51, breaks)).toBe(4);
    expect(shadeOf(0, breaks)).toBe(0);
    expect(shadeOf(null, breaks)).toBe(-1);
    const { scene } = choropleth([
      { id: 'a', name: 'A', lat: 51.5, lng: 12.3, outline: null, value: null, valueText: 'keine Angabe' },
      { id: 'b', name: 'B', lat: 51.4, lng: 12.5, outline: { type: 'Polygon', coordinates: [[[12.4, 51.3], [12.6, 51.3], [12.6, 51.5], [12.4, 51.3]]] }, value: 1, valueText: '1' },
    ]);
    const areas = scene.shapes.filter((s) => s.kind === 'area');
    expect(areas).toHaveLength(2);
    expect(areas.map((a) => (a.kind === 'area' ? a.shade : 0)).sort()).toEqual([-1, 4]);
  });

  it('renders as an image with a title and description, escaping labels', () => {
    const scene = barChart([{ label: '<script>alert(1)</script>', value: 1, valueText: '1' }]);
    const svg = render(<SvgScene scene={scene} id="c" title="Titel" desc="Beschreibung" />);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="c-title c-desc"');
    expect(svg).toContain('<title id="c-title">Titel</title>');
    expect(svg).not.toContain('<script>');
  });
});
