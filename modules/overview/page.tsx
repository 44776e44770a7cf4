// The Overview at /: how the tokens are doing at a glance. Each tile links to the list or audit view it
// counts; the chart, the busiest tokens and the failing addresses come from the usage tables and the
// audit log.
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { readOverview, AUTH_FAILED_ACTION } from "@console/server/overview";
import { requireUser } from "@/lib/next/session";
import { UsageChart } from "@/modules/usage";

export const metadata: Metadata = { title: "Overview" };

const LIST = "/settings/service-tokens";
const muted = "text-zinc-600 dark:text-zinc-400";
const number = (n: number) => n.toLocaleString("en-US");

export default async function OverviewPage() {
  await requireUser();
  const now = new Date();
  const overview = await readOverview(now);
  // The 24 hours reach into yesterday (UTC): the Audit Log filters by whole days.
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  const tiles = [
    { label: "Active tokens", value: overview.activeTokens, href: `${LIST}?status=active` },
    { label: "Expiring within 30 days", value: overview.expiringWithin30Days, href: `${LIST}?sort=expires_at&order=asc` },
    { label: "Unused for 90 days", value: overview.unusedFor90Days, href: `${LIST}?last_used=unused_90` },
    {
      label: "Failed authentications (24 hours)",
      value: overview.failedAuthentications,
      href: `/settings/audit-log?action=${AUTH_FAILED_ACTION}&from=${yesterday}`,
    },
  ];
  const total = overview.usage.buckets.reduce((n, b) => n + b.total, 0);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Overview" />
      <ul aria-label="Summary" className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {tiles.map((tile) => (
          <li key={tile.label}>
            <Link
              href={tile.href}
              className="flex h-full flex-col gap-1 rounded-lg border border-zinc-200 bg-white p-4 hover:border-zinc-400 focus-visible:ring-2 focus-visible:ring-accent focus-visible:outline-hidden dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-zinc-600"
            >
              <span className={`text-sm ${muted}`}>{tile.label}</span>
              <span className="text-2xl font-semibold tabular-nums">{number(tile.value)}</span>
            </Link>
          </li>
        ))}
      </ul>

      <Card className="p-5">
        <section aria-labelledby="overview-usage" className="flex flex-col gap-4">
          <h2 id="overview-usage" className="text-sm font-semibold">
            Requests, last 30 days
          </h2>
          {total > 0 ? (
            <UsageChart series={overview.usage} label="Requests, last 30 days" />
          ) : (
            <p className={`text-sm ${muted}`}>No API requests in the last 30 days.</p>
          )}
        </section>
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <section aria-labelledby="busiest-heading" className="flex flex-col gap-3">
          <h2 id="busiest-heading" className="text-base font-semibold">
            Busiest tokens (30 days)
          </h2>
          {overview.busiest.length === 0 ? (
            <p className={`text-sm ${muted}`}>No requests yet.</p>
          ) : (
            <SimpleTable
              label="Busiest tokens (30 days)"
              columns={["Token", "Issued To", "Requests"]}
              rows={overview.busiest.map((t) => ({
                key: t.publicId,
                cells: [
                  <Link
                    key="id"
                    href={`${LIST}/${t.publicId}`}
                    className="font-mono font-medium text-accent-text hover:underline"
                  >
                    {t.publicId}
                  </Link>,
                  <span key="to" dir="auto" className="block break-words">
                    {t.issuedTo}
                  </span>,
                  number(t.requests),
                ],
              }))}
            />
          )}
        </section>
        <section aria-labelledby="failing-heading" className="flex flex-col gap-3">
          <h2 id="failing-heading" className="text-base font-semibold">
            Most failed authentications (24 hours)
          </h2>
          {overview.failingAddresses.length === 0 ? (
            <p className={`text-sm ${muted}`}>No failed authentications.</p>
          ) : (
            <SimpleTable
              label="Most failed authentications (24 hours)"
              columns={["Address", "Failed authentications"]}
              rows={overview.failingAddresses.map((a) => ({
                key: a.address,
                cells: [
                  <span key="a" className="font-mono break-all">
                    {a.address}
                  </span>,
                  number(a.failures),
                ],
              }))}
            />
          )}
        </section>
      </div>
    </div>
  );
}

function SimpleTable({
  label,
  columns,
  rows,
}: {
  label: string;
  columns: string[];
  rows: { key: string; cells: React.ReactNode[] }[];
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table aria-label={label} className="w-full text-left text-sm tabular-nums">
        <thead className={muted}>
          <tr>
            {columns.map((column, i) => (
              <th key={column} scope="col" className={`px-4 py-2 font-medium ${i === columns.length - 1 ? "text-right" : ""}`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => (
                <td key={i} className={`px-4 py-2 ${i === row.cells.length - 1 ? "text-right" : ""}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
