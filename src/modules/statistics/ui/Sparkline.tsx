/**
 * A row's trend in a few pixels, drawn as plain SVG so that a table of every indicator needs no chart library. The
 * figures themselves are in the selected indicator's chart; this is decoration for the eye (hidden from readers).
 */
export function Sparkline({ values, width = 88, height = 24, color = '#b71c1c' }: { values: (number | null)[]; width?: number; height?: number; color?: string }) {
  const known = values.map((value, index) => ({ value, index })).filter((point): point is { value: number; index: number } => point.value !== null);
  if (known.length < 2) return <span aria-hidden="true" style={{ display: 'inline-block', width, color: '#bfbfbf' }}>—</span>;
  const min = Math.min(...known.map((point) => point.value));
  const max = Math.max(...known.map((point) => point.value));
  const x = (index: number) => 2 + (index / Math.max(values.length - 1, 1)) * (width - 4);
  const y = (value: number) => (max === min ? height / 2 : height - 3 - ((value - min) / (max - min)) * (height - 6));
  const points = known.map((point) => `${x(point.index).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
  const last = known.at(-1)!;
  return (
    <svg width={width} height={height} aria-hidden="true" focusable="false" style={{ display: 'block' }}>
      <polyline points={points} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x(last.index)} cy={y(last.value)} r={2.5} fill={color} />
    </svg>
  );
}
