/** A dependency-free SVG bar chart (server-renderable), with an accessible table fallback. */
export function BarChart({
  data,
  label,
  formatBucket,
  height = 180,
}: {
  data: { bucket: string; count: number }[];
  label: string;
  formatBucket: (bucket: string) => string;
  height?: number;
}) {
  const max = Math.max(1, ...data.map((d) => d.count));
  const width = 720;
  const pad = { top: 12, right: 8, bottom: 24, left: 40 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const barW = innerW / Math.max(1, data.length);
  const ticks = [0, Math.round(max / 2), max];
  const labelEvery = Math.ceil(data.length / 8);
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="h-auto w-full">
        {ticks.map((t) => {
          const y = pad.top + innerH - (t / max) * innerH;
          return (
            <g key={t}>
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} stroke="#e2e8f0" />
              <text x={pad.left - 6} y={y + 4} textAnchor="end" fontSize="11" fill="#64748b">
                {t}
              </text>
            </g>
          );
        })}
        {data.map((d, i) => {
          const h = (d.count / max) * innerH;
          const x = pad.left + i * barW;
          return (
            <g key={d.bucket}>
              <rect x={x + barW * 0.15} y={pad.top + innerH - h} width={barW * 0.7} height={Math.max(h, d.count ? 1 : 0)} rx={2} fill="#6366f1">
                <title>{`${formatBucket(d.bucket)}: ${d.count}`}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text x={x + barW / 2} y={height - 6} textAnchor="middle" fontSize="11" fill="#64748b">
                  {formatBucket(d.bucket)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
