// Export: the filtered events, oldest first (chain order), as CSV or JSON Lines, streamed page by page
// off the seq index so a million events never sit in memory; every row carries prevHash and hash, so
// `npm run audit -- verify --file` checks the file offline. Each export is audited.
import "server-only";
import { CSV_HEADER, csvLine, exportRowOf, jsonLine } from "@/lib/audit/export-format";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import { AUDIT_EVENT_COLUMNS } from "@/lib/audit/columns";
import { auditWhere } from "../query";
import { filterParams, type AuditFilters } from "@/modules/audit-log/shared/filters";

const PAGE = 2_000;

export async function exportAuditEvents(
  format: "csv" | "jsonl",
  filters: AuditFilters,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<ReadableStream<Uint8Array>> {
  await recordAuditEvent({
    actorType: "user",
    actorId: actor.id,
    actorName: actor.username,
    action: "audit_log.export",
    outcome: "success",
    details: { format, filters: filterParams(filters) },
    meta,
  });
  const where = await auditWhere(filters);
  const encoder = new TextEncoder();
  let after = -1n;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        if (format === "csv") controller.enqueue(encoder.encode(CSV_HEADER));
      }
      if (where === null) {
        controller.close();
        return;
      }
      const rows = await db().auditEvent.findMany({
        where: { AND: [where, { seq: { gt: after } }] },
        orderBy: { seq: "asc" },
        take: PAGE,
        select: AUDIT_EVENT_COLUMNS,
      });
      const text = rows
        .map((r) => exportRowOf({ ...r, createdAt: r.createdAt.toISOString(), prevHash: r.prevHash ?? "" }))
        .map(format === "csv" ? csvLine : jsonLine)
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) controller.close();
      else after = last.seq;
    },
  });
}
