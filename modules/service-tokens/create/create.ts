import "server-only";
import { generatePublicId, generateToken, type CreateServiceTokenValues } from "@/lib/tokens/server";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";
import type { SessionUser } from "@/lib/auth/users";
import { serviceTokenSelect, type ServiceTokenView } from "../token-view";
import { assertWithinPolicy } from "../policy/policy";
import type { TokenDetailsValues } from "../revoke/reason";

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
    // The instant the policy is checked at is the stored creation: "over the policy" compares the same two.
    const now = new Date();
    await assertWithinPolicy(tx, values.type, values.expiresAt, now); // throws TokenPolicyError
    const row = await tx.serviceToken.create({
      data: {
        id: newId(),
        publicId: generatePublicId(),
        createdAt: now,
        type: values.type,
        issuedTo: values.issuedTo,
        tokenHash: hash,
        hint,
        createdById: actor.id,
        createdByName: actor.username,
        expiresAt: values.expiresAt,
        description: values.description ?? null,
        allowedCidrs: values.allowedCidrs ?? null,
        notifyEmails: values.notifyEmails ?? null,
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
  return { token, serviceToken: { ...serviceToken, type: values.type } };
}
