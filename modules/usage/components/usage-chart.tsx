// Requests by outcome as stacked bars, drawn as SVG on the server (no chart library, no script), with
// the same numbers in a table behind a disclosure for keyboard and screen reader users: the picture is
// hidden from assistive technology except for its one-line summary.
import {
  USAGE_OUTCOME_LABELS,
  USAGE_OUTCOMES,
  type UsageBucket,
  type UsageOutcome,
  type UsageSeries,
} from "@/modules/usage/shared/outcomes";

/** Fill (bars) and background (legend) per outcome: literal classes, so Tailwind sees them. */
const OUTCOME_COLOURS: Record<UsageOutcome, { fill: string; swatch: string }> = {
  ok: { fill: "fill-emerald-600 dark:fill-emerald-500", swatch: "bg-emerald-600 dark:bg-emerald-500" },
  insufficient_scope: { fill: "fill-amber-500 dark:fill-amber-400", swatch: "bg-amber-500 dark:bg-amber-400" },
  address_not_allowed: { fill: "fill-orange-700 dark:fill-orange-500", swatch: "bg-orange-700 dark:bg-orange-500" },
  throttled: { fill: "fill-violet-600 dark:fill-violet-400", swatch: "bg-violet-600 dark:bg-violet-400" },
  expired: { fill: "fill-zinc-500 dark:fill-zinc-400", swatch: "bg-zinc-500 dark:bg-zinc-400" },
  revoked: { fill: "fill-red-600 dark:fill-red-500", swatch: "bg-red-600 dark:bg-red-500" },
};

/** The plot's height in CSS pixels: the bars stretch to any width, the labels stay at their size. */
const PLOT_HEIGHT = 160;
/** A bar's share of its slot. */
const BAR = 0.7;

const number = (n: number) => n.toLocaleString("en-US");

/** The smallest 1, 2 or 5 × 10^k at or above `max` (at least 1), so grid lines fall on round numbers. */
function niceCeiling(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function bucketLabel(bucket: UsageBucket, granularity: UsageSeries["granularity"]): string {
  const date = new Date(bucket.start);
  const day = date.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
  return granularity === "day" ? day : `${day}, ${date.toISOString().slice(11, 16)}`;
}

export function UsageChart({ series, label }: { series: UsageSeries; label: string }) {
  const { buckets, granularity } = series;
  const total = buckets.reduce((n, b) => n + b.total, 0);
  const shown = USAGE_OUTCOMES.filter((o) => o === "ok" || buckets.some((b) => b.counts[o] > 0));
  const top = niceCeiling(Math.max(...buckets.map((b) => b.total)));
  const n = buckets.length;
  // The plot is n units wide and 100 high, stretched to the box (preserveAspectRatio="none"); the axis
  // labels are HTML beside and below it, so they keep their size on a phone instead of shrinking with it.
  const y = (value: number) => 100 - (value / top) * 100;
  const labelEvery = granularity === "day" ? 7 : 12;
  const unit = granularity === "day" ? "Day (UTC)" : "Hour (UTC)";
  const labelled = buckets.flatMap((bucket, i) => ((n - 1 - i) % labelEvery === 0 ? [{ bucket, i }] : []));

  return (
    <div className="flex flex-col gap-3">
      <div className="flex gap-2 pt-2">
        <div
          aria-hidden="true"
          className="flex shrink-0 flex-col justify-between text-right text-[11px] leading-[14px] text-zinc-600 tabular-nums dark:text-zinc-400"
          style={{ height: PLOT_HEIGHT }}
        >
          {[top, top / 2, 0].map((value) => (
            // Centred on its grid line: half a line above and below.
            <span key={value} className="-my-[7px]">
              {number(value)}
            </span>
          ))}
        </div>
        <div className="min-w-0 flex-1">
          <svg
            viewBox={`0 0 ${n} 100`}
            preserveAspectRatio="none"
            role="img"
            aria-label={`${label}: ${number(total)} requests. The numbers are in the table below.`}
            className="block w-full overflow-visible"
            style={{ height: PLOT_HEIGHT }}
          >
            {[0, top / 2, top].map((value) => (
              <line
                key={value}
                x1={0}
                x2={n}
                y1={y(value)}
                y2={y(value)}
                vectorEffect="non-scaling-stroke"
                className="stroke-zinc-200 dark:stroke-zinc-800"
                strokeWidth={1}
              />
            ))}
            {buckets.map((bucket, i) => {
              let base = 0;
              return (
                <g key={bucket.start}>
                  {shown.map((outcome) => {
                    const count = bucket.counts[outcome];
                    if (count === 0) return null;
                    const rect = (
                      <rect
                        key={outcome}
                        x={i + (1 - BAR) / 2}
                        width={BAR}
                        y={y(base + count)}
                        height={y(base) - y(base + count)}
                        className={OUTCOME_COLOURS[outcome].fill}
                      />
                    );
                    base += count;
                    return rect;
                  })}
                </g>
              );
            })}
          </svg>
          <div aria-hidden="true" className="relative h-5 text-[11px] whitespace-nowrap text-zinc-600 dark:text-zinc-400">
            {labelled.map(({ bucket, i }, k) => (
              <span
                key={bucket.start}
                // The newest label ends at its bar (centred, it would run past the chart's edge); on a
                // phone every other hourly label gives way, so that they never overlap.
                className={`absolute top-1 ${i === n - 1 ? "right-0" : "-translate-x-1/2"} ${
                  granularity === "hour" && (labelled.length - 1 - k) % 2 === 1 ? "max-sm:hidden" : ""
                }`}
                style={i === n - 1 ? undefined : { left: `${((i + 0.5) / n) * 100}%` }}
              >
                {bucketLabel(bucket, granularity)}
              </span>
            ))}
          </div>
        </div>
      </div>
      <ul aria-label="Outcomes" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
        {shown.map((outcome) => (
          <li key={outcome} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block size-3 rounded-sm ${OUTCOME_COLOURS[outcome].swatch}`} />
            {USAGE_OUTCOME_LABELS[outcome]}
          </li>
        ))}
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer self-start font-medium text-accent-text">Show the numbers as a table</summary>
        <div
          className="mt-2 max-h-96 overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800"
          tabIndex={0}
          role="region"
          aria-label={`${label}, table`}
        >
          <table className="w-full text-left text-sm tabular-nums">
            <caption className="sr-only">{label}</caption>
            <thead className="sticky top-0 bg-zinc-50 dark:bg-zinc-900">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  {unit}
                </th>
                {shown.map((outcome) => (
                  <th key={outcome} scope="col" className="px-3 py-2 text-right font-medium">
                    {USAGE_OUTCOME_LABELS[outcome]}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Total
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {buckets.map((bucket) => (
                <tr key={bucket.start}>
                  <th scope="row" className="px-3 py-1.5 font-normal whitespace-nowrap">
                    {bucketLabel(bucket, granularity)}
                  </th>
                  {shown.map((outcome) => (
                    <td key={outcome} className="px-3 py-1.5 text-right">
                      {number(bucket.counts[outcome])}
                    </td>
                  ))}
                  <td className="px-3 py-1.5 text-right">{number(bucket.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
