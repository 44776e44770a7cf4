// Revoking many tokens at once (the list's "Revoke selected"): all of them or none, in one
// transaction, with one audit event per token so each token's history stays complete.
import "server-only";
import { recordAuditEvent, type RequestMeta } from "../../../lib/audit/record";
import type { SessionUser } from "../../../lib/auth/users";
import { db } from "../../../lib/db/db";
import { reasonDetails, type RevokeReasonValues } from "./reason";

/** At most this many tokens per request: bounds the transaction and the audit burst. */
export const BULK_REVOKE_MAX = 500;

export type BulkRevokeResult =
  | { ok: true; revoked: string[]; alreadyRevoked: string[] }
  | { ok: false; code: "not_found"; missing: string[] }
  | { ok: false; code: "too_many" };

/**
 * Revokes every listed token that is not revoked yet. When any ID does not exist, nothing changes (the
 * selection is stale). Tokens already revoked are reported and left as they were.
 */
export async function bulkRevokeServiceTokens(
  publicIds: readonly string[],
  why: RevokeReasonValues,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<BulkRevokeResult> {
  const ids = [...new Set(publicIds)];
  if (ids.length > BULK_REVOKE_MAX) return { ok: false, code: "too_many" };
  if (ids.length === 0) return { ok: true, revoked: [], alreadyRevoked: [] };
  return db().$transaction(async (tx): Promise<BulkRevokeResult> => {
    const rows = await tx.serviceToken.findMany({
      where: { publicId: { in: ids } },
      select: { publicId: true, type: true, issuedTo: true, hint: true, revokedAt: true },
    });
    const found = new Set(rows.map((r) => r.publicId));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) return { ok: false, code: "not_found", missing };

    const now = new Date();
    // In the order asked for, so results and audit events follow the selection.
    const byId = new Map(rows.map((r) => [r.publicId, r]));
    const ordered = ids.flatMap((id) => byId.get(id) ?? []);
    const targets = ordered.filter((r) => r.revokedAt === null);
    await tx.serviceToken.updateMany({
      where: { publicId: { in: targets.map((t) => t.publicId) }, revokedAt: null },
      data: {
        revokedAt: now,
        revokedById: actor.id,
        revokedByName: actor.username,
        revokeReason: why.reason,
        revokeReasonText: why.reasonText,
      },
    });
    for (const row of targets) {
      await recordAuditEvent(
        {
          actorType: "user",
          actorId: actor.id,
          actorName: actor.username,
          action: "service_token.bulk_revoke",
          outcome: "success",
          targetType: "service_token",
          targetId: row.publicId,
          details: { type: row.type, issuedTo: row.issuedTo, hint: row.hint, ...reasonDetails(why), batchSize: targets.length },
          meta,
        },
        tx,
      );
    }
    return {
      ok: true,
      revoked: targets.map((t) => t.publicId),
      alreadyRevoked: ordered.filter((r) => r.revokedAt !== null).map((r) => r.publicId),
    };
  });
}
