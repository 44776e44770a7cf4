// Small secrets the console must be able to use again (a syslog destination's TLS client key; later SMTP,
// LDAP bind and OpenID client secrets) are stored sealed: AES-256-GCM under a key derived (HKDF-SHA256)
// from the console's session secret, bound to the place they are stored (the associated data), so a
// database copy alone reveals nothing and a sealed value moved to another row does not open.
//
// A sealed value reads "sb1.<key id>.<iv>.<ciphertext+tag>" (base64url parts). "sb1" is the format's
// version; the key id (derived from the key, never the key) tells a value sealed under an earlier
// session secret apart from a damaged one, so the console can ask for the secret to be entered again.
import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { getAuthSecret } from "../auth/secret";

const VERSION = "sb1";
const INFO = "console secret-box v1";

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
  constructor(
    message: string,
    /** "other_key": sealed under another session secret; "damaged": not a sealed value or altered. */
    readonly reason: "other_key" | "damaged",
  ) {
    super(message);
  }
}

type Key = { id: string; bytes: Buffer };

function deriveKey(secret: string): Key {
  const bytes = Buffer.from(hkdfSync("sha256", secret, "console secret box", INFO, 32));
  const id = createHash("sha256").update(bytes).update("key id").digest("base64url").slice(0, 8);
  return { id, bytes };
}

let cached: { secret: string; key: Key } | undefined;

function currentKey(secret = getAuthSecret()): Key {
  if (cached?.secret !== secret) cached = { secret, key: deriveKey(secret) };
  return cached.key;
}

/** Seals `plaintext` for the place named by `context` (e.g. "audit-destination:<id>:client-key"). */
export function sealSecret(plaintext: string, context: string, secret?: string): string {
  const key = currentKey(secret);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.bytes, iv);
  cipher.setAAD(Buffer.from(`${VERSION}|${context}`, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, key.id, iv.toString("base64url"), body.toString("base64url")].join(".");
}

/** The plaintext of a value sealed by sealSecret for the same context; throws SecretBoxError otherwise. */
export function openSecret(sealed: string, context: string, secret?: string): string {
  const [version, keyId, iv, body, extra] = sealed.split(".");
  if (version !== VERSION || !keyId || !iv || !body || extra !== undefined) {
    throw new SecretBoxError("The stored secret is not in a form this console knows.", "damaged");
  }
  const key = currentKey(secret);
  if (keyId !== key.id) {
    throw new SecretBoxError(
      "The stored secret was sealed under another session secret (AUTH_SECRET changed): enter it again.",
      "other_key",
    );
  }
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < 16) throw new SecretBoxError("The stored secret is damaged.", "damaged");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`${VERSION}|${context}`, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("The stored secret is damaged or belongs elsewhere.", "damaged");
  }
}
