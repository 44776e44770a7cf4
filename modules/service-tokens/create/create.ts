import "server-only";
import { generatePublicId, generateToken, type CreateServiceTokenValues } from "@/lib/tokens/server";
import { recordAuditEvent, type RequestMeta } from "../../../lib/audit/record";
import { db } from "../../../lib/db/db";
import { newId } from "../../../lib/db/ids";
import type { SessionUser } from "../../../lib/auth/users";
import { serviceTokenSelect, toView, type ServiceTokenView } from "../token-view";
import { assertWithinPolicy } from "../policy/policy";
import { reasonDetails, type RevokeReasonValues, type TokenDetailsValues } from "../revoke/reason";

export type { ServiceTokenView } from "../token-view";

/**
 * Creates a token and its audit event in one transaction. The plaintext is returned to the caller once
 * and exists nowhere else: only its SHA-256 hash and a hint are stored.
 */
export async function createServiceToken(
  values: CreateServiceTokenValues & TokenDetailsValues,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<{ token: string; serviceToken: ServiceTokenView }> {
  const { token, hash, hint } = generateToken(values.type);
  const serviceToken = await db().$transaction(async (tx) => {
    await assertWithinPolicy(tx, values.type, values.expiresAt, new Date()); // throws TokenPolicyError
    const row = await tx.serviceToken.create({
      data: {
        id: newId(),
        publicId: generatePublicId(),
        type: values.type,
        issuedTo: values.issuedTo,
        tokenHash: hash,
        hint,
        createdById: actor.id,
        createdByName: actor.username,
        expiresAt: values.expiresAt,
        description: values.description ?? null,
        allowedCidrs: values.allowedCidrs ?? null,
      },
      select: serviceTokenSelect,
    });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "service_token.create",
        outcome: "success",
        targetType: "service_token",
        targetId: row.publicId,
        details: { type: row.type, issuedTo: row.issuedTo, hint: row.hint, expiresAt: row.expiresAt.toISOString() },
        meta,
      },
      tx,
    );
    return row;
  });
  return { token, serviceToken: toView(serviceToken) };
}

export type RevokeResult =
  { ok: true; serviceToken: ServiceTokenView; alreadyRevoked: boolean } | { ok: false; code: "not_found" };

/**
 * Revokes a token for good, recording who and when, with its audit event in the same transaction.
 * Revoking a revoked token changes nothing and reports success: a double click is harmless.
 */
export async function revokeServiceToken(
  publicId: string,
  actor: SessionUser,
  meta: RequestMeta,
  why: RevokeReasonValues = { reason: null, reasonText: null },
): Promise<RevokeResult> {
  return db().$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.serviceToken.updateMany({
      where: { publicId, revokedAt: null },
      data: {
        revokedAt: now,
        revokedById: actor.id,
        revokedByName: actor.username,
        revokeReason: why.reason,
        revokeReasonText: why.reasonText,
      },
    });
    const row = await tx.serviceToken.findUnique({ where: { publicId }, select: serviceTokenSelect });
    if (!row) return { ok: false, code: "not_found" } as const;
    if (count > 0) {
      await recordAuditEvent(
        {
          actorType: "user",
          actorId: actor.id,
          actorName: actor.username,
          action: "service_token.revoke",
          outcome: "success",
          targetType: "service_token",
          targetId: row.publicId,
          details: { type: row.type, issuedTo: row.issuedTo, hint: row.hint, ...reasonDetails(why) },
          meta,
        },
        tx,
      );
    }
    return { ok: true, serviceToken: toView(row), alreadyRevoked: count === 0 } as const;
  });
}
