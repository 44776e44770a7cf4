import "server-only";
import { db } from "@/lib/db/db";

export type AuditEventView = {
  id: string;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
};

export type AuditEventPageQuery = {
  limit: number;
  /** From a previous page's nextCursor. */
  cursor?: AuditCursor;
  action?: string;
  outcome?: "success" | "failure";
  /** Events whose actor name contains this (a username or a token hint). */
  actor?: string;
  /** Events about one thing: it is the target (a token revoked) or the actor (a token that uploaded). */
  subject?: string;
};

/** Position after the last event of a page: newest first means "older than this event". */
export type AuditCursor = { createdAt: Date; id: string };

/**
 * A cursor, not page numbers: the log grows at the top all the time (every failed API call adds an
 * event), so page 2 by offset would repeat or skip events; a cursor continues exactly where the last
 * page ended.
 */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

export function decodeAuditCursor(value: string): AuditCursor | null {
  const text = Buffer.from(value, "base64url").toString("utf8");
  const bar = text.indexOf("|");
  if (bar === -1) return null;
  const iso = text.slice(0, bar);
  const id = text.slice(bar + 1);
  // Only the form encodeAuditCursor writes, within years both databases store (an extreme date such as
  // +275760-09-13 is a valid Date but fails in the database).
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso) || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.getUTCFullYear() < 1970) return null;
  return { createdAt, id };
}

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (details === null) return null;
  try {
    const value: unknown = JSON.parse(details);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Newest first, `limit` events after the cursor, and the cursor of the next page (null at the end). */
export async function listAuditEventPage(
  query: AuditEventPageQuery,
): Promise<{ items: AuditEventView[]; nextCursor: AuditCursor | null }> {
  const { cursor } = query;
  const and = [
    ...(query.subject ? [{ OR: [{ targetId: query.subject }, { actorId: query.subject }] }] : []),
    ...(cursor
      ? [{ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }]
      : []),
  ];
  const rows = await db().auditEvent.findMany({
    where: {
      ...(query.action ? { action: query.action } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
      ...(query.actor ? { actorName: { contains: query.actor } } : {}),
      ...(and.length ? { AND: and } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: {
      id: true,
      createdAt: true,
      actorType: true,
      actorId: true,
      actorName: true,
      action: true,
      outcome: true,
      targetType: true,
      targetId: true,
      ip: true,
      userAgent: true,
      details: true,
    },
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({ ...row, details: parseDetails(row.details) })),
    nextCursor: rows.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}
