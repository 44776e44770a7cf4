// Seeds token rows straight into the console's SQLite file, for specs about finding tokens among many
// (creating dozens through the dialog would take minutes). Rows look like the console's own: a random
// hash (no token exists for them), a hint, and dates in the format Prisma's SQLite adapter writes.
import { randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { e2eEnv } from "./env";

export type SeedToken = {
  issuedTo: string;
  type?: "CONNECTOR" | "DEVELOPER";
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt?: Date | null;
  /** Where it was last used from (with lastUsedAt); 192.0.2.7 unless given. */
  lastUsedIp?: string;
  revokedAt?: Date | null;
  createdByName?: string;
  hint?: string;
  /** The stored requests over 7 days (modules/usage keeps it from real usage). */
  requests7d?: number;
};

const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
const ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function randomPublicId(): string {
  return `tok_${Array.from(randomBytes(10), (b) => ID_ALPHABET[b % 32]).join("")}`;
}

/** Inserts the tokens and returns their public IDs, in the order given. */
export function seedTokenRows(tokens: SeedToken[]): string[] {
  const db = new Database(e2eEnv().databaseFile, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    const insert = db.prepare(
      `INSERT INTO service_tokens (id, publicId, type, issuedTo, tokenHash, hint, createdAt, createdById, createdByName, expiresAt, revokedAt, revokedById, revokedByName, lastUsedAt, lastUsedIp, requests7d)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'seed', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ids: string[] = [];
    db.transaction(() => {
      for (const t of tokens) {
        const publicId = randomPublicId();
        insert.run(
          randomUUID(),
          publicId,
          t.type ?? "CONNECTOR",
          t.issuedTo,
          randomBytes(32).toString("hex"),
          t.hint ?? `opc_con_…${randomBytes(2).toString("hex")}`,
          sqliteDate(t.createdAt),
          t.createdByName ?? "seeder",
          sqliteDate(t.expiresAt),
          t.revokedAt ? sqliteDate(t.revokedAt) : null,
          t.revokedAt ? "seed" : null,
          t.revokedAt ? "seeder" : null,
          t.lastUsedAt ? sqliteDate(t.lastUsedAt) : null,
          t.lastUsedAt ? (t.lastUsedIp ?? "192.0.2.7") : null,
          t.requests7d ?? 0,
        );
        ids.push(publicId);
      }
    })();
    return ids;
  } finally {
    db.close();
  }
}
