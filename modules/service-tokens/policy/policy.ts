// The token lifetime policy: one row, read wherever a token's expiry is decided, changed only by
// administrators and audited with its old and new values.
import "server-only";
import {
  EXPIRY_PRESETS,
  type ExpiryPresetValue,
  type TokenType,
  DEFAULT_TOKEN_POLICY,
  policyValues,
  policyViolation,
  type TokenPolicy,
} from "@/lib/tokens";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db, type Db, type Tx } from "@/lib/db/db";

const POLICY_ID = "default";

/** The policy's expiry limit was exceeded; `message` is for the user (it names the type and the limit). */
export class TokenPolicyError extends Error {
  override name = "TokenPolicyError";
}

function presetValue(value: string): ExpiryPresetValue {
  return EXPIRY_PRESETS.find((p) => p.value === value)?.value ?? DEFAULT_TOKEN_POLICY.defaultExpiration;
}

export type StoredTokenPolicy = TokenPolicy & { updatedAt: Date | null; updatedByName: string | null };

/** The policy in force: the saved one, or the defaults (the old 3-year limit) until one is saved. */
export async function getTokenPolicy(client: Db | Tx = db()): Promise<StoredTokenPolicy> {
  const row = await client.tokenPolicy.findUnique({ where: { id: POLICY_ID } });
  if (!row) return { ...DEFAULT_TOKEN_POLICY, updatedAt: null, updatedByName: null };
  return {
    connectorMaxDays: row.connectorMaxDays,
    developerMaxDays: row.developerMaxDays,
    defaultExpiration: presetValue(row.defaultExpiration),
    revokeUnusedDays: row.revokeUnusedDays,
    updatedAt: row.updatedAt,
    updatedByName: row.updatedByName,
  };
}

/** Throws TokenPolicyError when `expiresAt` is later than the policy allows for `type`. */
export async function assertWithinPolicy(client: Db | Tx, type: TokenType, expiresAt: Date, now: Date): Promise<void> {
  const problem = policyViolation(await getTokenPolicy(client), type, expiresAt, now);
  if (problem) throw new TokenPolicyError(problem);
}

/**
 * Saves the policy (already validated by tokenPolicySchema) with one audit event carrying the old and
 * new values. Saving the same values again changes nothing and records nothing.
 */
export async function updateTokenPolicy(
  values: TokenPolicy,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<{ policy: StoredTokenPolicy; changed: boolean }> {
  return db().$transaction(async (tx) => {
    const old = await getTokenPolicy(tx);
    const next = policyValues(values);
    if (JSON.stringify(policyValues(old)) === JSON.stringify(next) && old.updatedAt !== null)
      return { policy: old, changed: false };
    const data = { ...next, updatedAt: new Date(), updatedByName: actor.username };
    await tx.tokenPolicy.upsert({ where: { id: POLICY_ID }, create: { id: POLICY_ID, ...data }, update: data });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "token_policy.update",
        outcome: "success",
        targetType: "token_policy",
        targetId: POLICY_ID,
        details: { old: policyValues(old), new: next },
        meta,
      },
      tx,
    );
    return { policy: { ...next, updatedAt: data.updatedAt, updatedByName: data.updatedByName }, changed: true };
  });
}
