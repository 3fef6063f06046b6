import type { Point, Scene, Shape } from '../charts.ts';
import { AXIS_COLOR, BAR_COLOR, BAR_TONES, GRID_COLOR, NO_DATA_COLOR, SERIES, SHADES, TEXT_COLOR } from '../charts.ts';

function path(points: Point[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
}

function Marker({ x, y, series }: { x: number; y: number; series: number }) {
  const style = SERIES[series % SERIES.length] ?? SERIES[0]!;
  const cls = `chart-marker chart-s${series % SERIES.length}`;
  if (style.marker === 'square') return <rect class={cls} x={x - 3.5} y={y - 3.5} width={7} height={7} fill={style.color} />;
  if (style.marker === 'triangle') {
    return <path class={cls} d={`M${x} ${y - 4.5} L${x + 4.5} ${y + 3.5} L${x - 4.5} ${y + 3.5} Z`} fill={style.color} />;
  }
  return <circle class={cls} cx={x} cy={y} r={3.5} fill={style.color} />;
}

function ShapeSvg({ shape }: { shape: Shape }) {
  switch (shape.kind) {
    case 'rect':
      return (
        <rect
          class={shape.series === undefined ? 'chart-bar' : `chart-bar chart-tone${shape.series}`}
          x={shape.x}
          y={shape.y}
          width={shape.w}
          height={shape.h}
          fill={shape.series === undefined ? BAR_COLOR : BAR_TONES[shape.series]}
        />
      );
    case 'line':
      return (
        <line
          class={shape.role === 'axis' ? 'chart-axis' : 'chart-grid'}
          x1={shape.x1}
          y1={shape.y1}
          x2={shape.x2}
          y2={shape.y2}
          stroke={shape.role === 'axis' ? AXIS_COLOR : GRID_COLOR}
          stroke-width={1}
        />
      );
    case 'polyline': {
      const style = SERIES[shape.series % SERIES.length] ?? SERIES[0]!;
      return (
        <path
          class={`chart-line chart-s${shape.series % SERIES.length}`}
          d={path(shape.points)}
          fill="none"
          stroke={style.color}
          stroke-width={2.5}
          stroke-dasharray={style.dash.length ? style.dash.join(' ') : undefined}
        />
      );
    }
    case 'marker':
      return <Marker x={shape.x} y={shape.y} series={shape.series} />;
    case 'text':
      return (
        <text
          class={shape.halo ? 'chart-text chart-halo' : 'chart-text'}
          x={shape.x}
          y={shape.y}
          text-anchor={shape.anchor}
          font-size={shape.size}
          font-weight={shape.bold ? 'bold' : undefined}
          fill={TEXT_COLOR}
          stroke={shape.halo ? '#ffffff' : undefined}
          stroke-width={shape.halo ? 3 : undefined}
          paint-order={shape.halo ? 'stroke' : undefined}
        >
          {shape.text}
        </text>
      );
    case 'area':
      return (
        <path
          class={`map-area map-shade${shape.shade}${shape.selected ? ' map-selected' : ''}`}
          d={shape.rings.map((ring) => `${path(ring)} Z`).join(' ')}
          fill={shape.shade < 0 ? NO_DATA_COLOR : SHADES[shape.shade]}
          fill-rule="evenodd"
          stroke={shape.selected ? TEXT_COLOR : '#ffffff'}
          stroke-width={shape.selected ? 3 : 1.5}
          stroke-dasharray={shape.shade < 0 ? '4 3' : undefined}
        />
      );
  }
}

/**
 * A scene as an accessible SVG: role="img" with its title and description, which say where the
 * numbers are; screen readers read the table beside it instead of the shapes.
 */
export function SvgScene({ scene, id, title, desc, className }: { scene: Scene; id: string; title: string; desc: string; className?: string }) {
  return (
    <svg
      class={className ?? 'chart'}
      viewBox={`0 0 ${scene.width} ${scene.height}`}
      width={scene.width}
      height={scene.height}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      xmlns="http://www.w3.org/2000/svg"
      font-family="system-ui, sans-serif"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {scene.shapes.map((shape, i) => (
        <ShapeSvg key={i} shape={shape} />
      ))}
    </svg>
  );
}
