import type { Metadata } from "next";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { ClockIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { AUDIT_ACTION_LABELS } from "@/lib/audit/catalogue";
import { decodeAuditCursor, encodeAuditCursor, listAuditEventPage } from "@console/server/audit-log";
import { requireUser } from "@/lib/next/session";
import { AuditEvents } from "./components/audit-events";

export const metadata: Metadata = { title: "Audit Log" };

const PAGE = "/settings/audit-log";
const PAGE_SIZE = 50;
const labelClass = "text-xs font-medium text-zinc-700 dark:text-zinc-300";

type Params = { before?: string; action?: string; actor?: string; outcome?: string };

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser();
  const raw = await searchParams;
  // Unknown values fall back to "any" rather than an error page: a stale bookmark still opens.
  const filters = {
    action: Object.hasOwn(AUDIT_ACTION_LABELS, one(raw.action) ?? "") ? one(raw.action) : undefined,
    actor: one(raw.actor)?.trim().slice(0, 100) || undefined,
    outcome: (["success", "failure"] as const).find((o) => o === one(raw.outcome)),
  };
  const before = one(raw.before);
  const cursor = before ? decodeAuditCursor(before) : null;
  const { items, nextCursor } = await listAuditEventPage({ limit: PAGE_SIZE, cursor: cursor ?? undefined, ...filters });
  const filtered = Boolean(filters.action || filters.actor || filters.outcome);
  const href = (params: Params) => {
    const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
    return search.size ? `${PAGE}?${search}` : PAGE;
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Audit Log"
        description="Sign-ins, service token changes and API authentication failures, newest first. Tokens appear only by their ID or hint."
      />
      {/* A plain GET form: the filters are in the URL and work without JavaScript. */}
      <form method="get" action={PAGE} role="search" aria-label="Filter events" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-action" className={labelClass}>
            Action
          </label>
          <Select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">Any action</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex min-w-0 grow basis-48 flex-col gap-1">
          <label htmlFor="audit-actor" className={labelClass}>
            Actor
          </label>
          <Input
            id="audit-actor"
            name="actor"
            type="search"
            defaultValue={filters.actor ?? ""}
            maxLength={100}
            placeholder="Username, token ID or hint"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-outcome" className={labelClass}>
            Outcome
          </label>
          <Select id="audit-outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
            <option value="">Any outcome</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </Select>
        </div>
        <Button type="submit">Apply filters</Button>
        {filtered ? (
          <Link href={PAGE} className="self-center text-sm font-medium text-accent-text underline underline-offset-2">
            Clear filters
          </Link>
        ) : null}
      </form>
      {items.length === 0 ? (
        <Card>
          <EmptyState
            icon={<ClockIcon className="size-5" />}
            title={filtered ? "No events match" : "No events"}
            description={filtered ? "No event matches these filters." : "Nothing has been recorded yet."}
          />
        </Card>
      ) : (
        <AuditEvents events={items} label="Audit events" />
      )}
      <nav aria-label="Pages" className="flex justify-end gap-2">
        {before ? (
          <Link href={href(filters)} className={buttonClasses({ size: "sm" })}>
            Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={href({ ...filters, before: encodeAuditCursor(nextCursor) })} className={buttonClasses({ size: "sm" })}>
            Older events
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
