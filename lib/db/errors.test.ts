import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

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
