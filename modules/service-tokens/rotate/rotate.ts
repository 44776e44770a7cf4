// Rotation: a new token of the same type and Issued To replaces an active one, which keeps working to
// the end of an overlap (never longer than it already would). Both are linked and belong to one chain.
// Reuse detection (after GitLab's token families): a token that was already rotated and asks to rotate
// again through the API is a copy someone else holds, so the whole chain is revoked, unless it is a
// retry of that very rotation with the same Idempotency-Key (retry.ts).
import "server-only";
import { generatePublicId, generateToken, isExpired, tokenTypeOf } from "@/lib/tokens/server";
import { expiryAfterRotation, policyViolation, REUSE_DETECTED } from "@/lib/tokens";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db, type Tx } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import { getTokenPolicy } from "../policy/policy";
import { revokeTokens } from "../revoke/revoke";
import { serviceTokenSelect, type ServiceTokenView } from "../token-view";
import { deriveSuccessor, findReplay, forgetEndedRetries, rememberRotation, type IdempotentRotation } from "./retry";

/** Who rotates: an administrator in the console, or the token itself through the API. */
export type Rotator = { kind: "user"; user: SessionUser } | { kind: "token"; publicId: string; hint: string };

export type RotateRequest = {
  publicId: string;
  overlapSeconds: number;
  expiresAt: Date;
  /** The new token's Notify addresses (one per line, or null for none); left out: the old token's. */
  notifyEmails?: string | null;
  /** API rotations with an Idempotency-Key: a retry of this rotation then gets the same new token. */
  idempotency?: IdempotentRotation;
};

export type RotateResult =
  | {
      ok: true;
      token: string;
      serviceToken: ServiceTokenView;
      replaced: { publicId: string; expiresAt: Date };
      /** A retry with the same Idempotency-Key: the rotation's answer again, nothing changed. */
      replayed: boolean;
    }
  | { ok: false; code: "not_found" }
  /** The Idempotency-Key of an earlier rotation with another body: nothing changed. */
  | { ok: false; code: "idempotency_mismatch" }
  | { ok: false; code: "not_active"; message: string }
  | { ok: false; code: "policy"; message: string }
  /** The console asked to rotate a token that was already replaced: nothing changed. */
  | { ok: false; code: "already_rotated"; replacedByPublicId: string }
  /** The API caller was a rotated token: its whole chain is now revoked. */
  | { ok: false; code: "reuse_detected"; revokedPublicIds: string[] };

function actorOf(by: Rotator) {
  return by.kind === "user"
    ? ({ actorType: "user", actorId: by.user.id, actorName: by.user.username } as const)
    : ({ actorType: "service_token", actorId: by.publicId, actorName: by.hint } as const);
}

/** Revokes every still-active token of a chain ("Reuse detected") with one audit event; returns their IDs. */
async function revokeChain(
  tx: Tx,
  chainId: string,
  presentedId: string,
  by: Rotator,
  meta: RequestMeta,
  now: Date,
): Promise<string[]> {
  const chain = await tx.serviceToken.findMany({
    where: { OR: [{ chainId }, { id: chainId }], revokedAt: null },
    select: { publicId: true },
    orderBy: { createdAt: "asc" },
  });
  const { revoked } = await revokeTokens(
    tx,
    chain.map((t) => t.publicId),
    {
      why: { reason: REUSE_DETECTED, reasonText: null },
      by: { kind: "console", name: "Reuse detection" },
      meta,
      now,
      audit: null,
    },
  );
  const ids = revoked.map((t) => t.publicId);
  await recordAuditEvent(
    {
      ...actorOf(by),
      action: "service_token.reuse_detected",
      outcome: "failure",
      targetType: "service_token",
      targetId: presentedId,
      details: { presentedId, revokedIds: ids },
      meta,
    },
    tx,
  );
  return ids;
}

export async function rotateServiceToken(
  request: RotateRequest,
  by: Rotator,
  meta: RequestMeta,
  now = new Date(),
): Promise<RotateResult> {
  await forgetEndedRetries(now);
  return db().$transaction(async (tx): Promise<RotateResult> => {
    const old = await tx.serviceToken.findUnique({
      where: { publicId: request.publicId },
      select: { ...serviceTokenSelect, id: true, chainId: true },
    });
    // A row of an unknown type is no token (toView): not found, as everywhere.
    const type = old ? tokenTypeOf(old.type) : null;
    if (!old || !type) return { ok: false, code: "not_found" };
    const chainId = old.chainId ?? old.id;

    /** The token asked to rotate again: a retry of its rotation with the same key, or reuse. */
    const retryOrReuse = async (self: { publicId: string; hint: string }): Promise<RotateResult> => {
      const replay = request.idempotency
        ? await findReplay(tx, old.id, request.overlapSeconds, request.idempotency, self, meta, now)
        : null;
      if (replay?.kind === "mismatch") return { ok: false, code: "idempotency_mismatch" };
      if (replay)
        return { ok: true, token: replay.token, serviceToken: replay.serviceToken, replaced: replay.replaced, replayed: true };
      return { ok: false, code: "reuse_detected", revokedPublicIds: await revokeChain(tx, chainId, old.publicId, by, meta, now) };
    };

    if (old.replacedByPublicId !== null) {
      if (by.kind === "token") return retryOrReuse(by);
      return { ok: false, code: "already_rotated", replacedByPublicId: old.replacedByPublicId };
    }
    if (old.revokedAt !== null) return { ok: false, code: "not_active", message: "A revoked token cannot be rotated." };
    if (isExpired(old.expiresAt, now)) return { ok: false, code: "not_active", message: "An expired token cannot be rotated." };

    const problem = policyViolation(await getTokenPolicy(tx), type, request.expiresAt, now);
    if (problem) return { ok: false, code: "policy", message: problem };
    if (isExpired(request.expiresAt, now))
      return { ok: false, code: "policy", message: "The new token's expiration must be in the future." };

    // With an Idempotency-Key the new token is derived, so that a retry can make it again (retry.ts).
    const derived = request.idempotency ? deriveSuccessor(type, request.idempotency) : null;
    const { token, hash, hint } = derived ?? generateToken(type);
    const newPublicId = generatePublicId();
    const replacedExpiresAt = expiryAfterRotation(old.expiresAt, now, request.overlapSeconds);
    // Guarded by "not yet replaced": of two concurrent rotations only one links a successor.
    const { count } = await tx.serviceToken.updateMany({
      where: { id: old.id, replacedByPublicId: null, revokedAt: null },
      data: { replacedByPublicId: newPublicId, expiresAt: replacedExpiresAt, chainId },
    });
    if (count === 0) {
      // A concurrent rotation won: this one is its retry (same key), or reuse.
      if (by.kind === "token") return retryOrReuse(by);
      return { ok: false, code: "not_active", message: "The token was changed meanwhile. Reload and try again." };
    }
    const created = await tx.serviceToken.create({
      data: {
        id: newId(),
        publicId: newPublicId,
        // The instant the policy was checked at: "over the policy" compares the same two dates.
        createdAt: now,
        type,
        issuedTo: old.issuedTo,
        tokenHash: hash,
        hint,
        createdById: by.kind === "user" ? by.user.id : old.publicId,
        createdByName: by.kind === "user" ? by.user.username : `${old.publicId} (rotation)`,
        expiresAt: request.expiresAt,
        description: old.description,
        allowedCidrs: old.allowedCidrs,
        notifyEmails: request.notifyEmails === undefined ? old.notifyEmails : request.notifyEmails,
        replacesPublicId: old.publicId,
        chainId,
      },
      select: serviceTokenSelect,
    });
    if (request.idempotency && derived) {
      await rememberRotation(tx, request.idempotency, {
        tokenId: old.id,
        overlapSeconds: request.overlapSeconds,
        salt: derived.salt,
        successorPublicId: newPublicId,
        now,
      });
    }
    await recordAuditEvent(
      {
        ...actorOf(by),
        action: "service_token.rotate",
        outcome: "success",
        targetType: "service_token",
        targetId: old.publicId,
        details: {
          type,
          issuedTo: old.issuedTo,
          hint,
          replacedId: old.publicId,
          newId: newPublicId,
          overlapSeconds: request.overlapSeconds,
          replacedExpiresAt: replacedExpiresAt.toISOString(),
          expiresAt: request.expiresAt.toISOString(),
          by: by.kind === "user" ? "console" : "api",
        },
        meta,
      },
      tx,
    );
    return {
      ok: true,
      token,
      serviceToken: { ...created, type },
      replaced: { publicId: old.publicId, expiresAt: replacedExpiresAt },
      replayed: false,
    };
  });
}
