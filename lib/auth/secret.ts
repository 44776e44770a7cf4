import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig, readEnv } from "../config/config";

/**
 * The key that signs and encrypts session cookies: AUTH_SECRET or NEXTAUTH_SECRET when set, otherwise a
 * random key generated once and kept in the data folder (mode 0600) so that restarts keep sessions.
 */
export function getAuthSecret(): string {
  const fromEnv = readEnv("AUTH_SECRET") ?? readEnv("NEXTAUTH_SECRET");
  if (fromEnv) return fromEnv;
  const file = path.join(getConfig().dataDir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      // "wx": if another process created it first, keep theirs.
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}
