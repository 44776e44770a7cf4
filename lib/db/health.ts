import "server-only";
import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { getConfig } from "../config/config";
import { registerSingleCopy } from "../single-copy";
import { pgPoolConfig, sqliteFilePath } from "./database-url";
import { db } from "./db";
import { isDatabaseUnavailable } from "./errors";

/** `reason` is for clients: plain words, never a driver message, a host name or a path. */
export type Health = { ok: true } | { ok: false; reason: string };

registerSingleCopy("lib/db/health");

type FileIdentity = { dev: number; ino: number };
let openedFile: FileIdentity | undefined;

/**
 * Remembers which SQLite file the console opened at start. A file deleted or replaced while the console
 * runs would otherwise go unnoticed: the open connection keeps writing into the unlinked file, and
 * everything written is gone at the next start.
 */
export function rememberDatabaseFile(): void {
  const { provider, databaseUrl } = getConfig();
  if (provider !== "sqlite") return;
  const stat = statSync(sqliteFilePath(databaseUrl));
  openedFile = { dev: stat.dev, ino: stat.ino };
}

function checkSqliteFile(): Health {
  const identity = openedFile;
  const file = sqliteFilePath(getConfig().databaseUrl);
  if (identity) {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return { ok: false, reason: "the database file was removed while the console was running" };
    }
    if (stat.dev !== identity.dev || stat.ino !== identity.ino) {
      return { ok: false, reason: "the database file was replaced while the console was running" };
    }
  }
  try {
    accessSync(file, constants.W_OK);
    // SQLite writes its journal (-wal, -shm) next to the file.
    accessSync(path.dirname(file), constants.W_OK);
  } catch {
    return { ok: false, reason: "the database file or its folder is not writable" };
  }
  return { ok: true };
}

/** Asks the database a trivial question, with a deadline so a hung database still gets an answer. */
export async function checkDatabase(timeoutMs = 2_500): Promise<Health> {
  if (getConfig().provider === "sqlite") {
    const file = checkSqliteFile();
    if (!file.ok) return file;
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Health>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `the database did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const probe = ask()
    .then((): Health => ({ ok: true }))
    .catch((error: unknown): Health => {
      const e = error as
        { name?: string; code?: string; message?: string; cause?: { kind?: string; code?: string } } | null | undefined;
      logOnce(
        `database check failed: ${e?.name ?? "Error"}${e?.code ? ` ${e.code}` : ""}${e?.cause?.kind ? ` (${e.cause.kind}${e.cause.code ? ` ${e.cause.code}` : ""})` : ""}: ${String(e?.message ?? error).split("\n")[0]}`,
      );
      return {
        ok: false,
        reason: isDatabaseUnavailable(error) ? "the database cannot be reached" : "the database answered with an error",
      };
    });
  try {
    return await Promise.race([probe, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

// PostgreSQL is asked on a connection of its own: through the console's pool, the question would wait
// behind every query in flight, and a console busy with a burst of writes would read as one whose
// database is gone.
let probe: { url: string; pool: pg.Pool } | undefined;

function ask(): Promise<unknown> {
  const { provider, databaseUrl } = getConfig();
  if (provider === "sqlite") return db().$queryRawUnsafe("SELECT 1");
  if (probe?.url !== databaseUrl) {
    void probe?.pool.end().catch(() => {});
    const pool = new pg.Pool({ ...pgPoolConfig(databaseUrl), max: 1, allowExitOnIdle: true });
    // An idle connection the server drops is reported here; the next probe opens a new one.
    pool.on("error", () => {});
    probe = { url: databaseUrl, pool };
  }
  return probe.pool.query("SELECT 1");
}

let lastLogged = "";
/** The driver's own words go to the log, once per change, never to clients. */
function logOnce(line: string): void {
  if (line === lastLogged) return;
  lastLogged = line;
  console.error(`console: ${line}`);
}
