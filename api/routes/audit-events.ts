import "server-only";
import { decodeAuditCursor, encodeAuditCursor, listAuditEventPage } from "@/modules/audit-log/server";
import { ApiError } from "../http/respond";
import { defineRoute } from "../http/route";
import { auditEventListQuerySchema, auditEventListSchema } from "../schemas";
import { auditEventJson } from "../views";

export const listAuditEventsRoute = defineRoute({
  method: "GET",
  path: "/api/v1/audit-events",
  operationId: "listAuditEvents",
  summary: "Read the audit log",
  description:
    "Developer only. Newest first. Pages continue with a cursor (nextCursor), so events written meanwhile " +
    "neither repeat nor shift the next page.",
  scope: "audit_events:read",
  query: auditEventListQuerySchema,
  response: { status: 200, description: "One page of events.", schema: auditEventListSchema },
  errors: [400],
  async handle({ query }) {
    const cursor = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
    if (cursor === null) throw new ApiError(400, "invalid_request", "cursor is not a nextCursor this API returned.");
    const { items, nextCursor } = await listAuditEventPage({
      limit: query.limit,
      cursor,
      action: query.action,
      outcome: query.outcome,
    });
    const encoded = nextCursor ? encodeAuditCursor(nextCursor) : null;
    let next: string | null = null;
    if (encoded) {
      const search = new URLSearchParams({ limit: String(query.limit), cursor: encoded });
      if (query.action) search.set("action", query.action);
      if (query.outcome) search.set("outcome", query.outcome);
      next = `/api/v1/audit-events?${search}`;
    }
    return { status: 200, body: { data: items.map(auditEventJson), nextCursor: encoded, next } };
  },
});
