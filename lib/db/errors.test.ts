import { describe, expect, it } from "vitest";
import { DatabaseLockedError } from "./busy";
import { databaseFaultOf, isDatabaseUnavailable } from "./errors";

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["pg's pool timeout", new Error("timeout exceeded when trying to connect")],
    ["pg's query timeout", new Error("Query read timeout")],
    [
      "a server shutting down, wrapped by Prisma",
      Object.assign(new Error("terminating connection"), {
        name: "DriverAdapterError",
        cause: { kind: "postgres", code: "57P01" },
      }),
    ],
    ["an unreachable database, wrapped by Prisma", Object.assign(new Error("x"), { cause: { kind: "DatabaseNotReachable" } })],
    ["a Prisma connection code", Object.assign(new Error("x"), { code: "P1001" })],
    [
      "a read-only SQLite database",
      Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" }),
    ],
    [
      "a SQLite I/O error via the adapter",
      Object.assign(new Error("x"), { cause: { kind: "sqlite", extendedCode: 10 | (13 << 8) } }),
    ],
  ])("%s → yes", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" })],
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["not an error", "nope"],
    ["null", null],
  ])("%s → no", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("databaseFaultOf", () => {
  it.each([
    ["SQLite's full disk", Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }), "disk_full"],
    [
      "a file write on a full disk",
      Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }),
      "disk_full",
    ],
    ["a user's disk quota", Object.assign(new Error("EDQUOT"), { code: "EDQUOT" }), "disk_full"],
    [
      "PostgreSQL's disk_full, wrapped by Prisma",
      Object.assign(new Error("x"), { name: "DriverAdapterError", cause: { kind: "postgres", code: "53100" } }),
      "disk_full",
    ],
    [
      "SQLite's full disk via the adapter",
      Object.assign(new Error("x"), { cause: { kind: "sqlite", extendedCode: 13 } }),
      "disk_full",
    ],
    ["a write lock not given in time", new DatabaseLockedError(3000), "locked"],
    [
      "SQLITE_BUSY wrapped by Prisma's adapter",
      Object.assign(new Error("x"), { cause: { kind: "SocketTimeout", originalCode: "SQLITE_BUSY" } }),
      "locked",
    ],
    ["better-sqlite3's busy error", Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY_RECOVERY" }), "locked"],
    [
      "PostgreSQL's lock_timeout, wrapped by Prisma's adapter (its message says timeout too)",
      Object.assign(new Error("canceling statement due to lock timeout"), {
        name: "DriverAdapterError",
        cause: { kind: "postgres", code: "55P03", originalCode: "55P03" },
      }),
      "locked",
    ],
    [
      "PostgreSQL's statement_timeout",
      Object.assign(new Error("canceling statement due to statement timeout"), {
        name: "DriverAdapterError",
        cause: { kind: "postgres", code: "57014", originalCode: "57014" },
      }),
      "unavailable",
    ],
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "unavailable"],
    [
      "PostgreSQL's other resource errors",
      Object.assign(new Error("x"), { cause: { kind: "postgres", code: "53300" } }),
      "unavailable",
    ],
    ["a unique violation", Object.assign(new Error("Unique constraint failed"), { code: "P2002" }), null],
  ])("%s → %s", (_name, error, fault) => {
    expect(databaseFaultOf(error)).toBe(fault);
  });
});
