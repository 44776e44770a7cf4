import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ClockIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { auditActionLabel } from "@/lib/server/audit/catalogue";
import { decodeAuditCursor, encodeAuditCursor, listAuditEventPage } from "@/lib/server/audit/query";
import { requireUser } from "@/lib/server/auth/require-user";

export const metadata: Metadata = { title: "Audit Log" };

const PAGE_SIZE = 50;

/** A plain sentence for the events whose details matter to a reader: blocks and summaries. */
function detailLine(action: string, details: Record<string, unknown> | null): string | null {
  if (!details) return null;
  if (action === "auth.sign_in_throttled") {
    const until = typeof details.until === "string" ? details.until.slice(11, 16) : null;
    const who = details.scope === "address" ? "any username" : "this username";
    return `${String(details.failures)} failures for ${who} from ${String(details.address)}; refused${until ? ` until ${until} UTC` : ""}`;
  }
  if (action.endsWith("_suppressed") && typeof details.count === "number") {
    return `${details.count} more not recorded one by one`;
  }
  return null;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requireUser();
  const before = (await searchParams).before;
  const cursor = typeof before === "string" && before ? decodeAuditCursor(before) : null;
  const { items, nextCursor } = await listAuditEventPage({ limit: PAGE_SIZE, cursor: cursor ?? undefined });

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Audit Log"
        description="Sign-ins, service token changes and API authentication failures, newest first. Tokens appear only by their ID or hint."
      />
      {items.length === 0 ? (
        <Card>
          <EmptyState icon={<ClockIcon className="size-5" />} title="No events" description="Nothing has been recorded yet." />
        </Card>
      ) : (
        <Table aria-label="Audit events">
          <THead>
            <TR>
              <TH>Time</TH>
              <TH>Event</TH>
              <TH>Actor</TH>
              <TH>Target</TH>
              <TH>Address</TH>
            </TR>
          </THead>
          <TBody>
            {items.map((event) => (
              <TR key={event.id}>
                <TD className="whitespace-nowrap">
                  <LocalTime iso={event.createdAt.toISOString()} stacked />
                </TD>
                <TD>
                  <span className="flex flex-wrap items-center gap-2">
                    {auditActionLabel(event.action)}
                    {event.outcome === "failure" ? <Badge tone="red">Failure</Badge> : null}
                  </span>
                  <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{event.action}</span>
                  {detailLine(event.action, event.details) ? (
                    <span className="block text-xs text-zinc-600 dark:text-zinc-300">{detailLine(event.action, event.details)}</span>
                  ) : null}
                </TD>
                <TD className="min-w-28 font-mono text-[13px] break-words">{event.actorName ?? "—"}</TD>
                <TD className="font-mono text-[13px] whitespace-nowrap">{event.targetId ?? "—"}</TD>
                <TD className="max-w-48">
                  <span className="block font-mono text-[13px]">{event.ip ?? "—"}</span>
                  {event.userAgent ? (
                    <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400" title={event.userAgent}>
                      {event.userAgent}
                    </span>
                  ) : null}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <nav aria-label="Pages" className="flex justify-end gap-2">
        {before ? (
          <Link href="/settings/audit-log" className={buttonClasses({ size: "sm" })}>
            Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={`/settings/audit-log?before=${encodeAuditCursor(nextCursor)}`} className={buttonClasses({ size: "sm" })}>
            Older events
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
