import { addressPrefixOf } from "@/lib/tokens/ip-addresses";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, Input, Select } from "@/components/ui/field";
import { ClockIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { LocalTime } from "@/components/ui/local-time";
import { Notice } from "@/components/ui/notice";
import { AUDIT_ACTION_LABELS, isAuditAction } from "@/lib/audit/catalogue";
import { decodeAuditCursor, encodeAuditCursor, lastVerification, listAuditEventPage } from "@console/server/audit-log";
import { requireUser } from "@/lib/next/session";
import { AuditEvents } from "./components/audit-events";
import { filterParams, parseAuditFilters, type AuditFilters } from "./shared/filters";

export const metadata: Metadata = { title: "Audit Log" };

const PAGE = "/settings/audit-log";
const PAGE_SIZE = 50;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The result of the last check of the hash chain (npm run audit -- verify, or the console's daily one). */
async function Verification() {
  const last = await lastVerification();
  if (!last) {
    return (
      <Notice tone="info" title="Audit chain not verified yet">
        The console checks it daily; run <code>npm run audit -- verify</code> on the appliance to check it now.
      </Notice>
    );
  }
  return last.ok ? (
    <Notice tone="success" title="Audit chain intact">
      Last verified <LocalTime iso={last.createdAt.toISOString()} />:{" "}
      {last.checked === 0 ? (
        "there were no events to check."
      ) : (
        <>
          {last.checked.toLocaleString("en-US")} {last.checked === 1 ? "event" : "events"}
          {last.lastSeq ? ` up to #${String(last.lastSeq)}` : ""}, none changed, deleted or inserted.
        </>
      )}
    </Notice>
  ) : (
    <Notice tone="danger" role="alert" title="Audit chain broken">
      Verified <LocalTime iso={last.createdAt.toISOString()} />: {last.problem}. Compare with the SIEM&apos;s copy.
    </Notice>
  );
}

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser();
  const raw = await searchParams;
  // Unknown values fall back to "any" rather than an error page: a stale bookmark still opens.
  const filters = parseAuditFilters(raw, isAuditAction, addressPrefixOf);
  const before = one(raw.before);
  const cursor = before ? decodeAuditCursor(before) : null;
  const href = (params: AuditFilters & { before?: string }) => {
    const search = new URLSearchParams(filterParams(params));
    if (params.before) search.set("before", params.before);
    return search.size ? `${PAGE}?${search}` : PAGE;
  };
  // The filter form is a plain GET form, which sends its empty fields too: the page answers at the
  // address of the filters it applied, so that the URL bookmarked or shared says exactly that.
  const applied = href({ ...filters, before: cursor ? before : undefined });
  const asked = new URLSearchParams(
    Object.entries(raw).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(one(value))]])),
  );
  if (applied !== (asked.size ? `${PAGE}?${asked}` : PAGE)) redirect(applied);
  const { items, nextCursor } = await listAuditEventPage({ limit: PAGE_SIZE, cursor: cursor ?? undefined, ...filters });
  const filtered = Object.keys(filterParams(filters)).length > 0;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Audit Log"
        description="Sign-ins, service token changes and API authentication failures, newest first. Tokens appear only by their ID or hint. Each event is chained to the one before it by its hash."
      />
      <Verification />
      {/* A plain GET form: the filters are in the URL and work without JavaScript. */}
      <form method="get" action={PAGE} role="search" aria-label="Filter events" className="flex flex-wrap items-end gap-3">
        <FilterField label="Action" htmlFor="audit-action">
          <Select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">Any action</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Actor" htmlFor="audit-actor" className="min-w-0 grow basis-48">
          <Input
            id="audit-actor"
            name="actor"
            type="search"
            defaultValue={filters.actor ?? ""}
            maxLength={100}
            placeholder="Username or token ID"
          />
        </FilterField>
        <FilterField label="Token" htmlFor="audit-token" className="min-w-0 grow basis-40">
          <Input
            id="audit-token"
            name="token"
            type="search"
            defaultValue={filters.token ?? ""}
            maxLength={40}
            placeholder="tok_…"
          />
        </FilterField>
        <FilterField label="Address" htmlFor="audit-address" className="min-w-0 grow basis-40">
          <Input
            id="audit-address"
            name="address"
            type="search"
            defaultValue={filters.address ?? ""}
            maxLength={45}
            spellCheck={false}
            placeholder="10.163.20.165 or 10.163."
          />
        </FilterField>
        <FilterField label="From" htmlFor="audit-from">
          <Input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </FilterField>
        <FilterField label="To" htmlFor="audit-to">
          <Input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </FilterField>
        <FilterField label="Outcome" htmlFor="audit-outcome">
          <Select id="audit-outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
            <option value="">Any outcome</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </Select>
        </FilterField>
        <Button type="submit">Apply filters</Button>
        {filtered ? (
          <Link href={PAGE} className="self-center text-sm font-medium text-accent-text underline underline-offset-2">
            Clear filters
          </Link>
        ) : null}
      </form>
      {/* Export: the same filters, oldest first, with the chain hashes (a plain GET: a file download). */}
      <form method="get" action={`${PAGE}/export`} aria-label="Export events" className="flex flex-wrap items-end gap-3">
        {Object.entries(filterParams(filters)).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <FilterField label="Export format" htmlFor="audit-export-format">
          <Select id="audit-export-format" name="format" defaultValue="csv">
            <option value="csv">CSV</option>
            <option value="jsonl">JSON Lines</option>
          </Select>
        </FilterField>
        <Button type="submit">Export</Button>
        <p className="self-center text-[13px] text-zinc-600 dark:text-zinc-400">
          {filtered ? "The events matching these filters" : "Every event"}, with their chain hashes: check a file with{" "}
          <code>npm run audit -- verify --file</code>.
        </p>
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
