import { addressPrefixOf } from "@/lib/tokens/ip-addresses";
import { isAuditAction } from "@/lib/audit/catalogue";
import { getCurrentSession } from "@/lib/next/session";
import { getRequestMeta } from "@/lib/next/request-meta";
import { exportAuditEvents } from "@console/server/audit-log";
import { parseAuditFilters } from "@/modules/audit-log/shared/filters";

/** GET /settings/audit-log/export?format=csv|jsonl&<filters>: administrators and viewers. */
export async function GET(request: Request): Promise<Response> {
  const session = await getCurrentSession();
  if (!session) {
    return new Response("Sign in to export the audit log.", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "jsonl" ? "jsonl" : "csv";
  const filters = parseAuditFilters(Object.fromEntries(url.searchParams), isAuditAction, addressPrefixOf);
  const stream = await exportAuditEvents(format, filters, session.user, await getRequestMeta());
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="audit-events-${stamp}.${format}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
