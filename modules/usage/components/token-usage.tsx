// A token's usage on its page: the requests chart (30 days, or the last 48 hours with the switch) and
// the client addresses it was used from, newest first.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { clientAddressesOf, usageOfToken } from "@console/server/usage";
import type { UsageRange } from "@/modules/usage/shared/outcomes";
import { UsageChart } from "./usage-chart";

const RANGE_TITLES: Record<UsageRange, string> = { "30d": "Requests, last 30 days", "48h": "Requests, last 48 hours" };
const RANGE_SWITCH: Record<UsageRange, string> = { "30d": "30 days", "48h": "48 hours" };
const muted = "text-zinc-600 dark:text-zinc-400";

export async function TokenUsage({ publicId, range, path }: { publicId: string; range: UsageRange; path: string }) {
  const [series, addresses] = await Promise.all([usageOfToken(publicId, range), clientAddressesOf(publicId)]);
  const total = series?.buckets.reduce((n, b) => n + b.total, 0) ?? 0;
  const title = RANGE_TITLES[range];

  return (
    <>
      <Card className="p-5">
        <section aria-labelledby="usage-heading" className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="usage-heading" className="text-sm font-semibold">
              {title}
            </h2>
            <nav aria-label="Chart range" className="flex gap-1 text-sm">
              {(["30d", "48h"] as const).map((option) => (
                <Link
                  key={option}
                  href={option === "30d" ? `${path}#usage-heading` : `${path}?usage=48h#usage-heading`}
                  aria-current={option === range ? "true" : undefined}
                  className={
                    option === range
                      ? "rounded-md bg-zinc-900 px-2.5 py-1 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
                      : "rounded-md px-2.5 py-1 font-medium text-accent-text hover:underline"
                  }
                >
                  {RANGE_SWITCH[option]}
                </Link>
              ))}
            </nav>
          </div>
          {series && total > 0 ? (
            <UsageChart series={series} label={title} />
          ) : (
            <p className={`text-sm ${muted}`}>No requests in this time.</p>
          )}
        </section>
      </Card>
      <section aria-labelledby="addresses-heading" className="flex flex-col gap-3">
        <h2 id="addresses-heading" className="text-base font-semibold">
          Client addresses
        </h2>
        {addresses.length === 0 ? (
          <p className={`text-sm ${muted}`}>Not used yet.</p>
        ) : (
          // Scrolls sideways on a phone (addresses never break), so it can take the focus to be scrolled.
          <div
            tabIndex={0}
            role="region"
            aria-labelledby="addresses-heading"
            className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
          >
            <table aria-labelledby="addresses-heading" className="w-full text-left text-sm tabular-nums">
              <thead className="text-zinc-600 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium sm:px-4">
                    Address
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium sm:px-4">
                    First seen
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium sm:px-4">
                    Last seen
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium sm:px-4">
                    Requests
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {addresses.map((a) => (
                  <tr key={a.address}>
                    {/* An address never breaks: a long IPv6 one scrolls the table sideways instead. */}
                    <td className="px-3 py-2 font-mono whitespace-nowrap sm:px-4">{a.address}</td>
                    <td className="px-3 py-2 sm:px-4">
                      <LocalTime iso={a.firstSeen.toISOString()} stacked />
                    </td>
                    <td className="px-3 py-2 sm:px-4">
                      <LocalTime iso={a.lastSeen.toISOString()} stacked />
                    </td>
                    <td className="px-3 py-2 text-right sm:px-4">{a.requests.toLocaleString("en-US")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
