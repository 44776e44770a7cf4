import "server-only";
import path from "node:path";

/**
 * Every setting the console reads from its environment, in one place, with its default.
 * The README's Configuration table documents the same list.
 */
export type DatabaseProvider = "sqlite" | "postgresql";

export type Config = {
  dataDir: string;
  databaseUrl: string;
  provider: DatabaseProvider;
  maxUploadBytes: number;
  trustProxy: boolean;
  /** Failed sign-ins per (username, address) within SIGN_IN_WINDOW before that pair is refused. */
  signInFailuresPerUser: number;
  /** Failed sign-ins per address, over all usernames, within SIGN_IN_WINDOW before the address is refused. */
  signInFailuresPerAddress: number;
  signInWindowMs: number;
  /** Failed Bearer authentications per address and minute before 429s. */
  apiAuthFailuresPerMinute: number;
};

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  }
  return value;
}

export function providerOf(databaseUrl: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return "postgresql";
  if (databaseUrl.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${databaseUrl.split(":")[0]}:…".`,
  );
}

let cached: Config | undefined;

export function getConfig(): Config {
  if (cached) return cached;
  const dataDir = path.resolve(/* turbopackIgnore: true */ process.env.DATA_DIR || "data");
  const databaseUrl = process.env.DATABASE_URL || `file:${path.join(dataDir, "console.db")}`;
  cached = {
    dataDir,
    databaseUrl,
    provider: providerOf(databaseUrl),
    maxUploadBytes: positiveInt("MAX_UPLOAD_BYTES", 100 * 1024 * 1024),
    trustProxy: process.env.TRUST_PROXY === "true" || process.env.TRUST_PROXY === "1",
    signInFailuresPerUser: positiveInt("SIGN_IN_FAILURES_PER_USER", 5),
    signInFailuresPerAddress: positiveInt("SIGN_IN_FAILURES_PER_ADDRESS", 20),
    signInWindowMs: positiveInt("SIGN_IN_WINDOW_MINUTES", 15) * 60_000,
    apiAuthFailuresPerMinute: positiveInt("API_AUTH_FAILURES_PER_MINUTE", 20),
  };
  return cached;
}
