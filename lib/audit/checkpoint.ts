// Signed checkpoints of the audit chain: "the chain passed through the event at seq with this hash",
// signed with an Ed25519 key derived (HKDF) from the console's session secret. Written when events are
// pruned (the chain then starts after the checkpoint) and after each intact verification (an event
// rewritten later, or deleted from the end, no longer matches). The public key is printed by
// `npm run audit -- verify`, so an auditor can check a checkpoint without the secret.
import "server-only";
import { createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from "node:crypto";
import { getAuthSecret } from "../auth/secret";
import { db, type Db, type Tx } from "../db/db";
import { newId } from "../db/ids";

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows.
const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519 = Buffer.from("302a300506032b6570032100", "hex");

type SigningKey = { privateKey: KeyObject; publicKey: string };
let cached: { secret: string; key: SigningKey } | undefined;

function signingKey(): SigningKey {
  const secret = getAuthSecret();
  if (cached?.secret !== secret) {
    const seed = Buffer.from(hkdfSync("sha256", secret, "console audit checkpoint", "ed25519 v1", 32));
    const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: "der", type: "pkcs8" });
    const raw = createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(SPKI_ED25519.length);
    cached = { secret, key: { privateKey, publicKey: Buffer.from(raw).toString("base64url") } };
  }
  return cached.key;
}

/** This console's checkpoint key (base64url of the raw Ed25519 public key). */
export function checkpointPublicKey(): string {
  return signingKey().publicKey;
}

export type Checkpoint = { kind: string; seq: bigint; hash: string; createdAt: Date; publicKey: string; signature: string };

const payload = (c: Pick<Checkpoint, "kind" | "seq" | "hash" | "createdAt">) =>
  Buffer.from(`audit-checkpoint/1|${c.kind}|${c.seq}|${c.hash}|${c.createdAt.toISOString()}`, "utf8");

export async function writeCheckpoint(
  kind: "prune" | "verify",
  seq: bigint,
  hash: string,
  client: Db | Tx = db(),
): Promise<Checkpoint> {
  const key = signingKey();
  const createdAt = new Date();
  const signature = sign(null, payload({ kind, seq, hash, createdAt }), key.privateKey).toString("base64url");
  const row = { kind, seq, hash, createdAt, publicKey: key.publicKey, signature };
  await client.auditCheckpoint.create({ data: { id: newId(), ...row } });
  return row;
}

/** null when the checkpoint is genuine and this console's; otherwise why not. */
export function checkpointProblem(c: Checkpoint): string | null {
  let ok = false;
  try {
    const publicKey = createPublicKey({
      key: Buffer.concat([SPKI_ED25519, Buffer.from(c.publicKey, "base64url")]),
      format: "der",
      type: "spki",
    });
    ok = verify(null, payload(c), publicKey, Buffer.from(c.signature, "base64url"));
  } catch {
    ok = false;
  }
  if (!ok) return `the ${c.kind} checkpoint at event #${c.seq} has a bad signature: it was forged or altered`;
  if (c.publicKey !== checkpointPublicKey()) {
    return `the ${c.kind} checkpoint at event #${c.seq} was signed by another key than this console's (its session secret changed, or it was forged)`;
  }
  return null;
}
