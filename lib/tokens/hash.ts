import { createHash } from "node:crypto";

// Only this digest is stored. A plain SHA-256 suffices (no salt, no slow KDF): the token carries
// 256 random bits, so there is nothing to brute-force, and a fast hash keeps the lookup indexable.

/** Lowercase hex SHA-256 of the whole token (prefix, body and checksum). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
