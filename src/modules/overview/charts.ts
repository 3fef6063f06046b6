/*
 * A tiny chart kit: each chart is computed once as a scene of plain shapes, which views/svg.tsx
 * draws as SVG for the page and report.ts draws with PDF primitives for the report. Series differ by
 * colour AND by dash pattern and marker shape, so the charts stay readable in greyscale print.
 */

export type Point = [number, number];

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; tone: 'bar' | 'legend'; series?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; role: 'axis' | 'grid' }
  | { kind: 'polyline'; points: Point[]; series: number }
  | { kind: 'marker'; x: number; y: number; series: number }
  | { kind: 'text'; x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; size: number; bold?: boolean; halo?: boolean }
  | { kind: 'area'; rings: Point[][]; shade: number; selected?: boolean };

export interface Scene {
  width: number;
  height: number;
  shapes: Shape[];
}

/** Series colours, dash patterns and markers; the page overrides the colours from CSS custom properties. */
export const SERIES = [
  { color: '#1d5c8c', dash: [] as number[], marker: 'circle' as const },
  { color: '#a4461a', dash: [6, 4], marker: 'square' as const },
  { color: '#2e6b30', dash: [2, 3], marker: 'triangle' as const },
];
export const BAR_COLOR = '#1d5c8c';
/** Whole and part of a two-tone bar: light and dark, apart in greyscale too. */
export const BAR_TONES = ['#9fbfdc', '#163f66'];
export const AXIS_COLOR = '#555555';
export const GRID_COLOR = '#c8cbce';
export const TEXT_COLOR = '#1c1c1c';

/** Five shades from light to dark (distinct in greyscale too); index -1 is "no data". */
export const SHADES = ['#eef3f8', '#c3d6e8', '#86aed2', '#3f78ad', '#163f66'];
export const NO_DATA_COLOR = '#ffffff';

const FONT = 13;

/** A rough text width for layout: the report and the page both use sans-serif fonts of similar width. */
export function textWidth(text: string, size = FONT): number {
  return text.length * size * 0.62;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Round upper bound for an axis and its tick step: 0, 2, 4 … or 0, 5, 10 … or 0, 10, 20 … */
export function niceScale(max: number, ticks = 4, integer = true): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw - 1e-12) ?? 10 * magnitude;
  if (integer) step = Math.max(1, Math.ceil(step));
  return { top: tidy(Math.ceil(max / step - 1e-9) * step), step: tidy(step) };
}

export interface Bar {
  label: string;
  /** null: not drawn (a masked count); the label at the bar's end says why. */
  value: number | null;
  /** A part of the value drawn darker from the bar's start (e.g. the unmet part of all needs). */
  part?: number | null;
  valueText: string;
}

/**
 * Horizontal bars: long German category names fit on the left, values at the bars' ends. With
 * `legend`, bars show a darker part and the legend names both tones.
 */
export function barChart(bars: Bar[], options: { width?: number; legend?: [string, string] } = {}): Scene {
  const width = options.width ?? 560;
  const rowHeight = 28;
  const labelWidth = Math.min(250, Math.max(...bars.map((b) => textWidth(b.label)), 60) + 14);
  const labelChars = Math.floor((labelWidth - 14) / textWidth('x') + 1e-6);
  const valueWidth = Math.max(...bars.map((b) => textWidth(b.valueText)), 20) + 10;
  const plotWidth = Math.max(80, width - labelWidth - valueWidth - 4);
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const scale = niceScale(max).top;
  const shapes: Shape[] = [];
  let top = 8;
  if (options.legend) {
    // One legend entry per line: long German labels never run off the chart.
    options.legend.forEach((label, series) => {
      shapes.push({ kind: 'rect', x: 2, y: top, w: 14, h: 14, tone: 'legend', series });
      shapes.push({ kind: 'text', x: 22, y: top + 12, text: label, anchor: 'start', size: FONT });
      top += 20;
    });
    top += 6;
  }
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    shapes.push({ kind: 'text', x: 2, y: y + 17, text: shorten(bar.label, labelChars), anchor: 'start', size: FONT });
    const w = bar.value === null ? 0 : (bar.value / scale) * plotWidth;
    if (w > 0) shapes.push({ kind: 'rect', x: labelWidth, y: y + 4, w, h: rowHeight - 10, tone: 'bar', series: options.legend ? 0 : undefined });
    const part = bar.part ?? 0;
    if (part > 0) shapes.push({ kind: 'rect', x: labelWidth, y: y + 4, w: (part / scale) * plotWidth, h: rowHeight - 10, tone: 'bar', series: 1 });
    shapes.push({ kind: 'text', x: labelWidth + w + 6, y: y + 17, text: bar.valueText, anchor: 'start', size: FONT, bold: true });
  });
  const height = top + 8 + bars.length * rowHeight;
  shapes.push({ kind: 'line', x1: labelWidth, y1: top - 4, x2: labelWidth, y2: height - 4, role: 'axis' });
  return { width, height, shapes };
}

export interface Series {
  label: string;
  /** One value per x label; null leaves a gap (a masked count). */
  values: Array<number | null>;
}

/** Lines over months with a legend on top; gaps where a value is not shown. */
export function lineChart(xLabels: string[], series: Series[], options: { width?: number; labelEvery?: number } = {}): Scene {
  const width = options.width ?? 640;
  const left = 44;
  const right = 28;
  const shapes: Shape[] = [];
  // The legend wraps onto further lines when the chart is narrow (the phone version).
  let legendX = left;
  let legendY = 14;
  series.forEach((s, i) => {
    const entryWidth = 34 + textWidth(s.label);
    if (legendX > left && legendX + entryWidth > width - 4) {
      legendX = left;
      legendY += 22;
    }
    shapes.push({ kind: 'polyline', points: [[legendX, legendY], [legendX + 28, legendY]], series: i });
    shapes.push({ kind: 'marker', x: legendX + 14, y: legendY, series: i });
    shapes.push({ kind: 'text', x: legendX + 34, y: legendY + 4, text: s.label, anchor: 'start', size: FONT });
    legendX += entryWidth + 22;
  });
  const legendHeight = legendY + 12;
  const top = legendHeight + 12;
  const plotHeight = options.width !== undefined && options.width < 480 ? 160 : 190;
  const bottom = top + plotHeight;
  const height = bottom + 30;
  const plotWidth = width - left - right;
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const scale = niceScale(max);

  const yOf = (v: number) => bottom - (v / scale.top) * plotHeight;
  for (let v = 0; v <= scale.top + 1e-9; v += scale.step) {
    const y = yOf(v);
    shapes.push({ kind: 'line', x1: left, y1: y, x2: width - right, y2: y, role: v === 0 ? 'axis' : 'grid' });
    shapes.push({ kind: 'text', x: left - 6, y: y + 4, text: formatTick(v), anchor: 'end', size: 11 });
  }
  const n = xLabels.length;
  const xOf = (i: number) => left + (n <= 1 ? plotWidth / 2 : (i / (n - 1)) * plotWidth);
  const every = options.labelEvery ?? Math.max(1, Math.ceil(n / 8));
  xLabels.forEach((label, i) => {
    if ((n - 1 - i) % every !== 0) return;
    shapes.push({ kind: 'text', x: xOf(i), y: bottom + 18, text: label, anchor: 'middle', size: 11 });
  });

  series.forEach((s, si) => {
    let run: Point[] = [];
    const flush = () => {
      if (run.length > 1) shapes.push({ kind: 'polyline', points: run, series: si });
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null) return flush();
      run.push([xOf(i), yOf(v)]);
    });
    flush();
    s.values.forEach((v, i) => {
      if (v !== null) shapes.push({ kind: 'marker', x: xOf(i), y: yOf(v), series: si });
    });
  });
  return { width, height, shapes };
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Class limits for the map: five equal steps from 0 to a round maximum. */
export function shadeBreaks(values: number[]): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return [0];
  const { top } = niceScale(max, SHADES.length, false);
  return SHADES.map((_, i) => tidy((top * (i + 1)) / SHADES.length));
}

export function shadeOf(value: number | null, breaks: number[]): number {
  if (value === null) return -1;
  const index = breaks.findIndex((limit) => value <= limit + 1e-9);
  return index === -1 ? breaks.length - 1 : index;
}

export interface MapArea {
  id: string;
  name: string;
  lat: number | null;
  lng: number | null;
  /** GeoJSON Polygon or MultiPolygon; without one the area is drawn as a circle around the centre. */
  outline: unknown;
  value: number | null;
  valueText: string;
}

type Ring = Array<[number, number]>;

/** The polygons of a GeoJSON Polygon or MultiPolygon, each a list of rings of [lng, lat]. */
export function polygonsOf(outline: unknown): Ring[][] {
  if (!outline || typeof outline !== 'object') return [];
  const geometry = outline as { type?: unknown; coordinates?: unknown; geometry?: unknown };
  if (geometry.type === 'Feature') return polygonsOf(geometry.geometry);
  const valid = (ring: unknown): ring is Ring =>
    Array.isArray(ring) && ring.length >= 3 && ring.every((p) => Array.isArray(p) && p.length >= 2 && p.every((c) => typeof c === 'number' && Number.isFinite(c)));
  if (geometry.type === 'Polygon' && Array.isArray(geometry.coordinates)) {
    const rings = geometry.coordinates.filter(valid);
    return rings.length ? [rings] : [];
  }
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
    return geometry.coordinates.map((poly) => (Array.isArray(poly) ? poly.filter(valid) : [])).filter((p) => p.length > 0);
  }
  return [];
}

/**
 * The municipalities as shaded areas (equirectangular projection around the region's middle, which
 * is close enough for a region of a few dozen kilometres), with names and values on top.
 */
export function choropleth(areas: MapArea[], options: { width?: number; selectedId?: string | null } = {}): { scene: Scene; breaks: number[] } {
  const width = options.width ?? 560;
  const breaks = shadeBreaks(areas.map((a) => a.value ?? 0));
  const points: Array<[number, number]> = [];
  for (const area of areas) {
    for (const polygon of polygonsOf(area.outline)) for (const ring of polygon) points.push(...ring);
    if (area.lat !== null && area.lng !== null) points.push([area.lng, area.lat]);
  }
  if (points.length === 0) return { scene: { width, height: 40, shapes: [] }, breaks };
  const lats = points.map((p) => p[1]);
  const lngs = points.map((p) => p[0]);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const minX = Math.min(...lngs) * k;
  const maxX = Math.max(...lngs) * k;
  const minY = -Math.max(...lats);
  const maxY = -Math.min(...lats);
  const pad = 10;
  const spanX = Math.max(maxX - minX, 0.02);
  const spanY = Math.max(maxY - minY, 0.02);
  const scale = (width - 2 * pad) / spanX;
  const height = Math.min(700, Math.round(spanY * scale + 2 * pad));
  const fit = Math.min(scale, (height - 2 * pad) / spanY);
  const project = ([lng, lat]: [number, number]): Point => [
    round(pad + (lng * k - minX) * fit + ((width - 2 * pad) - spanX * fit) / 2),
    round(pad + (-lat - minY) * fit),
  ];
  const shapes: Shape[] = [];
  const labels: Shape[] = [];
  for (const area of areas) {
    const shade = shadeOf(area.value, breaks);
    const polygons = polygonsOf(area.outline);
    const selected = options.selectedId === area.id;
    if (polygons.length) {
      for (const polygon of polygons) shapes.push({ kind: 'area', rings: polygon.map((ring) => ring.map(project)), shade, selected });
    } else if (area.lat !== null && area.lng !== null) {
      const [cx, cy] = project([area.lng, area.lat]);
      const circle: Point[] = Array.from({ length: 24 }, (_, i) => [round(cx + 18 * Math.cos((i / 24) * 2 * Math.PI)), round(cy + 18 * Math.sin((i / 24) * 2 * Math.PI))]);
      shapes.push({ kind: 'area', rings: [circle], shade, selected });
    }
    if (area.lat !== null && area.lng !== null) {
      const [x, y] = project([area.lng, area.lat]);
      labels.push({ kind: 'text', x, y: y - 2, text: area.name, anchor: 'middle', size: 12, bold: true, halo: true });
      labels.push({ kind: 'text', x, y: y + 12, text: area.valueText, anchor: 'middle', size: 11, halo: true });
    }
  }
  // Selected areas last, so their thick border is not hidden under a neighbour's.
  shapes.sort((a, b) => Number(a.kind === 'area' && a.selected) - Number(b.kind === 'area' && b.selected));
  return { scene: { width, height, shapes: [...shapes, ...labels] }, breaks };
}

/** Drops floating-point dust (0.6000000000000001), so legends show the round numbers meant. */
function tidy(v: number): number {
  return Number(v.toPrecision(12));
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
