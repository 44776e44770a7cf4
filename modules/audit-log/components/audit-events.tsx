import { Fragment } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/badge";
import type { AuditEventView } from "@console/server/audit-log";
import { auditActionLabel } from "@/lib/audit/catalogue";

// A table on wide screens, one card per event on narrow ones (the same elements: explicit roles keep
// the table's semantics when CSS changes its display), so nothing scrolls sideways at 390 px.
const cell =
  "block before:block before:text-xs before:text-zinc-500 before:content-[attr(data-label)] dark:before:text-zinc-400 " +
  "@3xl:table-cell @3xl:px-3 @3xl:py-3 @3xl:first:pl-4 @3xl:last:pr-4 @3xl:align-top @3xl:before:content-none";
const header =
  "sr-only @3xl:not-sr-only @3xl:table-cell @3xl:px-3 @3xl:py-2.5 @3xl:first:pl-4 text-left text-xs font-medium whitespace-nowrap text-zinc-600 dark:text-zinc-400";

/** A plain sentence for the events whose details matter to a reader: throttling blocks and summaries. */
function DetailLine({ action, details }: { action: string; details: Record<string, unknown> | null }) {
  let text: string | null = null;
  if (details && action === "auth.sign_in_throttled") {
    const until = typeof details.until === "string" ? details.until.slice(11, 16) : null;
    const who = details.scope === "address" ? "any username" : "this username";
    text = `${String(details.failures)} failures for ${who} from ${String(details.address)}; refused${until ? ` until ${until} UTC` : ""}`;
  } else if (details && action.endsWith("_suppressed") && typeof details.count === "number") {
    text = `${details.count} more not recorded one by one`;
  }
  return text ? <span className="block text-xs text-zinc-600 dark:text-zinc-300">{text}</span> : null;
}

export function AuditEvents({
  events,
  label,
  showTarget = true,
}: {
  events: AuditEventView[];
  label: string;
  showTarget?: boolean;
}) {
  return (
    <div className="@container">
      <table
        role="table"
        aria-label={label}
        className="block w-full text-left text-sm @3xl:table @3xl:border-collapse @3xl:rounded-lg @3xl:border @3xl:border-zinc-200 @3xl:bg-white dark:@3xl:border-zinc-800 dark:@3xl:bg-zinc-900"
      >
        <thead
          role="rowgroup"
          className="block @3xl:table-header-group @3xl:border-b @3xl:border-zinc-200 @3xl:bg-zinc-50 dark:@3xl:border-zinc-800 dark:@3xl:bg-zinc-900/60"
        >
          <tr role="row" className="block @3xl:table-row">
            <th role="columnheader" scope="col" className={header}>
              Time
            </th>
            <th role="columnheader" scope="col" className={header}>
              Event
            </th>
            <th role="columnheader" scope="col" className={header}>
              Actor
            </th>
            {showTarget ? (
              <th role="columnheader" scope="col" className={header}>
                Target
              </th>
            ) : null}
            <th role="columnheader" scope="col" className={header}>
              Address
            </th>
          </tr>
        </thead>
        <tbody
          role="rowgroup"
          className="grid gap-3 @3xl:table-row-group @3xl:divide-y @3xl:divide-zinc-200 dark:@3xl:divide-zinc-800"
        >
          {events.map((event) => (
            <tr
              role="row"
              key={event.id}
              className="grid grid-cols-2 gap-x-4 gap-y-2 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 @3xl:table-row @3xl:rounded-none @3xl:border-0 @3xl:bg-transparent @3xl:p-0 dark:@3xl:bg-transparent"
            >
              <td role="cell" data-label="Time" className={`${cell} whitespace-nowrap`}>
                <LocalTime iso={event.createdAt.toISOString()} stacked />
              </td>
              <td role="cell" data-label="Event" className={cell}>
                <span className="flex flex-wrap items-center gap-2 text-zinc-900 dark:text-zinc-100">
                  {auditActionLabel(event.action)}
                  {event.outcome === "failure" ? <Badge tone="red">Failure</Badge> : null}
                </span>
                <span className="block font-mono text-xs text-zinc-600 dark:text-zinc-400">
                  <DottedCode code={event.action} />
                </span>
                <DetailLine action={event.action} details={event.details} />
              </td>
              <td role="cell" data-label="Actor" className={`${cell} font-mono text-[13px] break-words @3xl:min-w-28`}>
                {event.actorName ?? "—"}
              </td>
              {showTarget ? (
                <td role="cell" data-label="Target" className={`${cell} font-mono text-[13px] break-all`}>
                  {event.targetId ?? "—"}
                </td>
              ) : null}
              <td role="cell" data-label="Address" className={`${cell} col-span-2 @3xl:max-w-48`}>
                <span className="block font-mono text-[13px]">{event.ip ?? "—"}</span>
                {event.userAgent ? (
                  <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400" title={event.userAgent}>
                    {event.userAgent}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An event code (service_token.identify) may break after a dot or an underscore, never inside a word. */
function DottedCode({ code }: { code: string }) {
  return code.split(/(?<=[._])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}
