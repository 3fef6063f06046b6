export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A short state in words (never colour alone), e.g. "vermittelt" or "wartet auf Prüfung". */
export function StatusBadge({ label, tone = 'neutral' }: { label: string; tone?: BadgeTone }) {
  return <span class={`badge badge--${tone}`}>{label}</span>;
}
