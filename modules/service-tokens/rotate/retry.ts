// Rotation retries with an Idempotency-Key: a client whose rotation response was lost asks again with
// the same key and gets the same new token, instead of being taken for a thief (reuse detection).
//
// No plaintext is stored. The successor of a rotation with a key is derived (HMAC-SHA256) from a random
// salt, the presented token and the key; only the salt, the key's hash and the successor's ID are kept,
// for ROTATION_RETRY_SECONDS. A retry presents the same token and key, so the successor can be derived
// again and checked against its stored hash. Deriving it needs the old token, which the console never
// stores, and the salt, which is deleted after the window: a copy of the database is not enough.
import "server-only";
import { hash, randomBytes } from "node:crypto";
import { deriveToken, ROTATION_RETRY_SECONDS, type GeneratedToken, type TokenType } from "@/lib/tokens/server";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db/db";
import { serviceTokenSelect, toView, type ServiceTokenView } from "../token-view";

/** What a rotation through the API with an Idempotency-Key brings besides its body. */
export type IdempotentRotation = {
  key: string;
  /** The calling token, as presented: one input of the derivation, kept in memory only. */
  presentedToken: string;
  /** As the body gave it (null: the policy's default): a retry must repeat the request. */
  expiresInDays: number | null;
};

const WINDOW_MS = ROTATION_RETRY_SECONDS * 1000;
const keyHash = (key: string) => hash("sha256", key, "hex");

function derive(type: TokenType, salt: Buffer, rotation: IdempotentRotation): GeneratedToken {
  return deriveToken(type, salt, ["service token rotation", rotation.presentedToken, rotation.key]);
}

/** A first rotation's successor: derived from a fresh salt, which rememberRotation then keeps. */
export function deriveSuccessor(type: TokenType, rotation: IdempotentRotation): GeneratedToken & { salt: Buffer } {
  const salt = randomBytes(32);
  return { ...derive(type, salt, rotation), salt };
}

/** Keeps what a retry needs (never the token), in the rotation's transaction. */
export async function rememberRotation(
  tx: Tx,
  rotation: IdempotentRotation,
  facts: { tokenId: string; overlapSeconds: number; salt: Buffer; successorPublicId: string; now: Date },
): Promise<void> {
  await tx.tokenRotationRetry.create({
    data: {
      tokenId: facts.tokenId,
      keyHash: keyHash(rotation.key),
      overlapSeconds: facts.overlapSeconds,
      expiresInDays: rotation.expiresInDays,
      salt: facts.salt.toString("base64url"),
      successorPublicId: facts.successorPublicId,
      createdAt: facts.now,
    },
  });
}

/** Deletes the records whose window has ended: their salts must not outlive it. */
export async function forgetEndedRetries(now: Date): Promise<void> {
  await db().tokenRotationRetry.deleteMany({ where: { createdAt: { lte: new Date(now.getTime() - WINDOW_MS) } } });
}

export type Replay =
  | { kind: "replay"; token: string; serviceToken: ServiceTokenView; replaced: { publicId: string; expiresAt: Date } }
  /** The same key with another body: nothing is answered or changed. */
  | { kind: "mismatch" };

/**
 * The answer to a retry of `tokenId`'s rotation: the same successor when the key matches, within the
 * window, and the successor is still in use (not revoked, not rotated itself); null when this is no
 * retry, which the caller then treats as reuse.
 */
export async function findReplay(
  tx: Tx,
  tokenId: string,
  overlapSeconds: number,
  rotation: IdempotentRotation,
  by: { publicId: string; hint: string },
  meta: RequestMeta,
  now: Date,
): Promise<Replay | null> {
  const record = await tx.tokenRotationRetry.findUnique({
    where: { tokenId },
    include: { token: { select: { publicId: true, expiresAt: true } } },
  });
  if (!record || record.keyHash !== keyHash(rotation.key) || now.getTime() - record.createdAt.getTime() >= WINDOW_MS) {
    return null;
  }
  if (record.overlapSeconds !== overlapSeconds || record.expiresInDays !== rotation.expiresInDays) return { kind: "mismatch" };
  const successor = await tx.serviceToken.findUnique({
    where: { publicId: record.successorPublicId },
    select: { ...serviceTokenSelect, tokenHash: true },
  });
  if (!successor || successor.revokedAt !== null || successor.replacedByPublicId !== null) return null;
  const { tokenHash, ...stored } = successor;
  const view = toView(stored);
  if (!view) return null;
  const again = derive(view.type, Buffer.from(record.salt, "base64url"), rotation);
  // The same token and key always derive the same successor; anything else is a fault, not a client's error.
  if (again.hash !== tokenHash) throw new Error("a rotation retry derived another token than the stored one");
  await recordAuditEvent(
    {
      actorType: "service_token",
      actorId: by.publicId,
      actorName: by.hint,
      action: "service_token.rotate_replayed",
      outcome: "success",
      targetType: "service_token",
      targetId: record.token.publicId,
      details: { replacedId: record.token.publicId, newId: view.publicId, hint: view.hint },
      meta,
    },
    tx,
  );
  return {
    kind: "replay",
    token: again.token,
    serviceToken: view,
    replaced: { publicId: record.token.publicId, expiresAt: record.token.expiresAt },
  };
}
