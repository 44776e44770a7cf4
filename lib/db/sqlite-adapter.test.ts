import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOCK_WAIT_MS } from "./busy";
import { sqliteFilePath } from "./database-url";
import { db } from "./db";
import { databaseFaultOf } from "./errors";
import { isPostgresUrl } from "../testing/scratch-database";

// The console's SQLite adapter (sqlite-adapter.ts) against a real database file, with a second
// connection playing the other program (a backup tool, an operator's sqlite3).

const sqlite = !isPostgresUrl(process.env.DATABASE_URL);

/** Rejects when `work` has not settled within `ms`: a hang becomes a failure, not a stuck test. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The longest the event loop went without running a timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ stallMs: number; result: PromiseSettledResult<T> }> {
  let last = Date.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    stallMs = Math.max(stallMs, Date.now() - last);
    last = Date.now();
  }, 5);
  const [result] = await Promise.allSettled([work()]);
  clearInterval(timer);
  stallMs = Math.max(stallMs, Date.now() - last);
  return { stallMs, result };
}

describe.runIf(sqlite)("the SQLite adapter", () => {
  let other: Database.Database;

  beforeAll(async () => {
    await db().$executeRawUnsafe(`CREATE TABLE "fault_parents" ("id" TEXT PRIMARY KEY)`);
    // A deferred foreign key is checked at COMMIT: a COMMIT that fails, without filling a disk.
    await db().$executeRawUnsafe(
      `CREATE TABLE "fault_children" ("id" TEXT PRIMARY KEY, "parent" TEXT REFERENCES "fault_parents" ("id") DEFERRABLE INITIALLY DEFERRED)`,
    );
    other = new Database(sqliteFilePath(process.env.DATABASE_URL!), { timeout: 0 });
  });

  afterEach(() => {
    if (other.inTransaction) other.exec("ROLLBACK");
  });

  afterAll(() => other.close());

  const count = async (table: string) =>
    Number((await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);

  it("frees the database after a COMMIT that fails: the next transaction runs, and other programs may write", async () => {
    const failed = await db()
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "fault_children" VALUES ('orphan', 'no such parent')`);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(String(failed)).toMatch(/FOREIGN KEY constraint failed|ForeignKeyConstraintViolation/);

    await within(
      2_000,
      db().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "fault_parents" VALUES ('after a failed commit')`);
      }),
    );
    // Nothing of the failed transaction stayed, and no transaction holds the write lock.
    expect(await count("fault_children")).toBe(0);
    expect(() => other.exec("BEGIN IMMEDIATE; ROLLBACK")).not.toThrow();
  });

  it("makes a write wait for another program's write lock without stopping the event loop, then answers `locked`", async () => {
    const before = await count("fault_parents");
    other.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    const { stallMs, result } = await longestStall(async () => {
      const write = db().$executeRawUnsafe(`INSERT INTO "fault_parents" VALUES ('while locked')`);
      const transaction = db().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO "fault_parents" VALUES ('while locked, in a transaction')`);
      });
      // Reads do not need the write lock, and do not queue behind the writes.
      const readStarted = Date.now();
      await within(500, count("fault_parents"));
      const readMs = Date.now() - readStarted;
      return { readMs, writes: await Promise.allSettled([write, transaction]) };
    });
    const elapsed = Date.now() - started;

    expect(result.status).toBe("fulfilled");
    const { readMs, writes } = (result as PromiseFulfilledResult<{ readMs: number; writes: PromiseSettledResult<unknown>[] }>)
      .value;
    expect(readMs).toBeLessThan(500);
    for (const write of writes) {
      expect(write.status).toBe("rejected");
      expect(databaseFaultOf((write as PromiseRejectedResult).reason)).toBe("locked");
    }
    expect(elapsed).toBeGreaterThanOrEqual(LOCK_WAIT_MS - 50);
    expect(elapsed).toBeLessThan(LOCK_WAIT_MS + 1_500);
    // better-sqlite3's own busy handler would sleep on the event loop for the whole wait.
    expect(stallMs).toBeLessThan(250);
    other.exec("ROLLBACK");
    expect(await count("fault_parents")).toBe(before);
  });

  it("lets a waiting write through as soon as the other program lets go", async () => {
    const before = await count("fault_parents");
    other.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    const write = db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO "fault_parents" VALUES ('after the lock')`);
    });
    setTimeout(() => other.exec("ROLLBACK"), 300);
    await within(LOCK_WAIT_MS, write);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await count("fault_parents")).toBe(before + 1);
  });

  it("keeps reads outside this process's open transaction: they neither wait for it nor see its rows", async () => {
    const before = await count("fault_parents");
    let finish: () => void = () => {};
    const holding = new Promise<void>((resolve) => (finish = resolve));
    let inserted: () => void = () => {};
    const insertedRow = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO "fault_parents" VALUES ('uncommitted')`);
      inserted();
      await holding;
    });
    await insertedRow;
    expect(await within(500, count("fault_parents"))).toBe(before);
    finish();
    await transaction;
    expect(await count("fault_parents")).toBe(before + 1);
  });
});
