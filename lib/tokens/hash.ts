import { hash } from "node:crypto";

// Only this digest is stored. A plain SHA-256 suffices (no salt, no slow KDF): the token carries
// 256 random bits, so there is nothing to brute-force, and a fast hash keeps the lookup indexable.

/**
 * Lowercase hex SHA-256 of the whole token (prefix, body and checksum), UTF-8 encoded. One call, without
 * a Hash object to create and collect: this runs on every API request.
 */
export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}
