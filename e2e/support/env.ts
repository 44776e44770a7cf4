// What the e2e specs know about the console under test. e2e/start-server.mjs starts it on a fresh data
// folder and writes the details (paths, users, passwords) to a JSON file that the specs read here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const E2E_PORT = Number(process.env.E2E_PORT || 3210);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** Signed-in browser states saved by e2e/support/auth.setup.ts. */
export const STORAGE_STATE = {
  admin: fileURLToPath(new URL("../.auth/admin.json", import.meta.url)),
  viewer: fileURLToPath(new URL("../.auth/viewer.json", import.meta.url)),
};

export type E2eUser = { username: string; password: string; displayName: string };

export type E2eEnv = {
  baseURL: string;
  dataDir: string;
  /** The console's SQLite file, to inspect what was stored. */
  databaseFile: string;
  /** Everything the console's process printed (stdout and stderr), to look for leaked secrets. */
  serverLog: string;
  /** The bundled users command (scripts/user.ts) to run against this console's database. */
  userCli: string;
  users: { admin: E2eUser; viewer: E2eUser };
};

export const E2E_ENV_FILE = fileURLToPath(new URL(`../../test-results/e2e-${E2E_PORT}.json`, import.meta.url));

let cached: E2eEnv | undefined;

export function e2eEnv(): E2eEnv {
  cached ??= JSON.parse(readFileSync(E2E_ENV_FILE, "utf8")) as E2eEnv;
  return cached;
}
