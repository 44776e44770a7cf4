// The console's process (server.ts, bundled) at start: a database it cannot use ends the start with
// one line starting "console:" and exit code 1, never a stack trace; the first administrator's password
// is printed on the first start only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { verifyPassword } from "@/lib/auth/passwords";
import { buildBundle, lines, runNode, type RunResult } from "./testing/bundle";

let bundle: ReturnType<typeof buildBundle>;
let dataDirs: string[] = [];

beforeAll(() => {
  bundle = buildBundle();
});
afterAll(() => bundle.remove());
afterEach(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  dataDirs = [];
});

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "console-start-"));
  dataDirs.push(dir);
  return dir;
}

function start(env: Record<string, string | undefined>): Promise<RunResult> {
  return runNode(path.join(bundle.dir, "server.mjs"), [], {
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      ADMIN_PASSWORD: undefined,
      AUTH_SECRET: "server-start-test-secret",
      // No production build there: a start that gets past the database stops at Next, by itself.
      NEXT_DIST_DIR: ".next-does-not-exist",
      ...env,
    },
  });
}

function expectOneLineFailure(result: RunResult, message: string | RegExp): void {
  expect(result.code).toBe(1);
  expect(lines(result.stderr)).toEqual([expect.stringMatching(/^console: /)]);
  expect(lines(result.stderr)[0]).toMatch(typeof message === "string" ? `console: ${message}` : message);
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
}

describe("starting the console", () => {
  it("stops with one line when the PostgreSQL server is unreachable", async () => {
    const result = await start({ DATABASE_URL: "postgresql://nobody:x@127.0.0.1:1/none" });
    expectOneLineFailure(result, "Cannot reach the PostgreSQL server at 127.0.0.1:1/none: connection refused.");
    expect(result.stdout).toBe("");
  });

  it("stops with one line for a DATABASE_URL it does not support", async () => {
    const result = await start({ DATABASE_URL: "mysql://root@localhost/console" });
    expectOneLineFailure(result, 'DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "mysql:…".');
  });

  it("stops with one line when the database was migrated by a newer version", async () => {
    const dataDir = newDataDir();
    const file = path.join(dataDir, "console.db");
    await migrateDatabase("sqlite", `file:${file}`);
    const sqlite = new Database(file);
    sqlite.prepare("INSERT INTO _console_migrations (name, checksum, applied_at) VALUES (?, ?, ?)").run("9999_newer", "0", "x");
    sqlite.close();

    const result = await start({ DATA_DIR: dataDir, DATABASE_URL: undefined });
    expectOneLineFailure(
      result,
      /^console: The database has migration "9999_newer", which this version of the console does not know/,
    );
  });

  it("stops with one line when there is no production build", async () => {
    const result = await start({ DATA_DIR: newDataDir(), DATABASE_URL: undefined, ADMIN_PASSWORD: "a long enough password" });
    expectOneLineFailure(result, /^console: Could not find a production build in the '\.next-does-not-exist' directory/);
  });

  it("prints a generated password for the first administrator on the first start only", async () => {
    const dataDir = newDataDir();
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined };

    const first = await start(env);
    const match = /^console: created the first administrator\. Username: admin {2}Password: (\S+)$/m.exec(first.stdout);
    expect(match, first.stdout).not.toBeNull();
    const sqlite = new Database(path.join(dataDir, "console.db"), { readonly: true });
    const row = sqlite.prepare("SELECT passwordHash, role FROM users WHERE username = 'admin'").get() as {
      passwordHash: string;
      role: string;
    };
    sqlite.close();
    expect(row.role).toBe("ADMIN");
    expect(await verifyPassword(row.passwordHash, match![1]!)).toBe(true);

    const second = await start(env);
    expect(second.stdout).toMatch(/^console: database SQLite .* is up to date$/m);
    expect(second.stdout).not.toContain("first administrator");
    expect(second.stdout).not.toContain(match![1]);
  });
});
