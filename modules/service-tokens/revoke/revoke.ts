// Revoking tokens: the one place a token's revokedAt is written. Revoke (a row or the token page), Revoke
// selected, reuse detection during a rotation and the inactive-token policy all call revokeTokens inside
// their transaction, so the rule (revoked for good, by whom, why, audited) is written once.
import "server-only";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db, type Tx } from "@/lib/db/db";
import { serviceTokenSelect, toView, type ServiceTokenView } from "../token-view";
import { reasonDetails, type RevokeReasonValues } from "./reason";

/** At most this many tokens per request: bounds the transaction and the audit burst. */
export const BULK_REVOKE_MAX = 500;

/** Who revokes: an administrator, or the console itself (reuse detection, the inactive-token policy). */
type Revoker = { kind: "user"; user: SessionUser } | { kind: "console"; name: string };

type RevokedRow = { publicId: string; type: string; issuedTo: string; hint: string; revokedAt: Date | null };

export type RevokeOutcome = {
  /** Revoked now, in the order asked for. */
  revoked: RevokedRow[];
  /** Were revoked before: left as they were. */
  alreadyRevoked: RevokedRow[];
  /** No such token. */
  missing: string[];
};

type RevokeOptions = {
  why: RevokeReasonValues;
  by: Revoker;
  meta: RequestMeta;
  now?: Date;
  /**
   * One audit event per revoked token under this action, or none when the caller records its own
   * (reuse detection writes one event for the whole chain).
   */
  audit: { action: "service_token.revoke" | "service_token.bulk_revoke" } | null;
  /** Change nothing when any ID is unknown (a stale selection). */
  allOrNothing?: boolean;
};

/**
 * Revokes every listed token that is not revoked yet, inside the caller's transaction. Revoked tokens
 * stay as they were (a double click is harmless); unknown IDs are reported.
 */
export async function revokeTokens(tx: Tx, publicIds: readonly string[], options: RevokeOptions): Promise<RevokeOutcome> {
  const ids = [...new Set(publicIds)];
  const rows = await tx.serviceToken.findMany({
    where: { publicId: { in: ids } },
    select: { publicId: true, type: true, issuedTo: true, hint: true, revokedAt: true },
  });
  // A row of an unknown type is no token (toView): reported missing, left as it is.
  const byId = new Map(rows.flatMap((r) => (toView(r) ? [[r.publicId, r] as const] : [])));
  const ordered = ids.flatMap((id) => byId.get(id) ?? []);
  const targets = ordered.filter((r) => r.revokedAt === null);
  const outcome: RevokeOutcome = {
    revoked: targets,
    alreadyRevoked: ordered.filter((r) => r.revokedAt !== null),
    missing: ids.filter((id) => !byId.has(id)),
  };
  if (targets.length === 0 || (options.allOrNothing && outcome.missing.length > 0)) return { ...outcome, revoked: [] };

  const { why, by, meta, audit } = options;
  await tx.serviceToken.updateMany({
    // "Not yet revoked" again: a concurrent revoke keeps its own time, actor and reason.
    where: { publicId: { in: targets.map((t) => t.publicId) }, revokedAt: null },
    data: {
      revokedAt: options.now ?? new Date(),
      revokedById: by.kind === "user" ? by.user.id : null,
      revokedByName: by.kind === "user" ? by.user.username : by.name,
      revokeReason: why.reason,
      revokeReasonText: why.reasonText,
    },
  });
  if (audit) {
    const actor =
      by.kind === "user"
        ? { actorType: "user" as const, actorId: by.user.id, actorName: by.user.username }
        : { actorType: "system" as const, actorId: null, actorName: by.name };
    for (const row of targets) {
      const details = { type: row.type, issuedTo: row.issuedTo, hint: row.hint, ...reasonDetails(why) };
      await recordAuditEvent(
        {
          ...actor,
          outcome: "success",
          targetType: "service_token",
          targetId: row.publicId,
          meta,
          ...(audit.action === "service_token.revoke"
            ? { action: audit.action, details }
            : { action: audit.action, details: { ...details, batchSize: targets.length } }),
        },
        tx,
      );
    }
  }
  return outcome;
}

export type RevokeResult =
  { ok: true; serviceToken: ServiceTokenView; alreadyRevoked: boolean } | { ok: false; code: "not_found" };

/** Revoke (a row or the token page): one token, for good, with its audit event in the same transaction. */
export async function revokeServiceToken(
  publicId: string,
  actor: SessionUser,
  meta: RequestMeta,
  why: RevokeReasonValues = { reason: null, reasonText: null },
): Promise<RevokeResult> {
  return db().$transaction(async (tx) => {
    const outcome = await revokeTokens(tx, [publicId], {
      why,
      by: { kind: "user", user: actor },
      meta,
      audit: { action: "service_token.revoke" },
    });
    if (outcome.missing.length > 0) return { ok: false, code: "not_found" } as const;
    const row = toView(await tx.serviceToken.findUniqueOrThrow({ where: { publicId }, select: serviceTokenSelect }));
    if (!row) return { ok: false, code: "not_found" } as const; // revokeTokens reported it missing already
    return { ok: true, serviceToken: row, alreadyRevoked: outcome.revoked.length === 0 } as const;
  });
}

export type BulkRevokeResult =
  | { ok: true; revoked: string[]; alreadyRevoked: string[] }
  | { ok: false; code: "not_found"; missing: string[] }
  | { ok: false; code: "too_many" };

/**
 * Revoke selected: all of them or none, in one transaction, one audit event per token so each token's
 * history stays complete. When any ID does not exist, nothing changes (the selection is stale).
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
    const outcome = await revokeTokens(tx, ids, {
      why,
      by: { kind: "user", user: actor },
      meta,
      audit: { action: "service_token.bulk_revoke" },
      allOrNothing: true,
    });
    if (outcome.missing.length > 0) return { ok: false, code: "not_found", missing: outcome.missing };
    return {
      ok: true,
      revoked: outcome.revoked.map((t) => t.publicId),
      alreadyRevoked: outcome.alreadyRevoked.map((t) => t.publicId),
    };
  });
}
