import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { recordAuditEvent } from "../audit/record";
import { admitTransaction, limitConcurrentTransactions, setTransactionAdmission } from "./admission";
import { db } from "./db";
import { databaseFaultOf } from "./errors";
import { isPostgresUrl } from "../testing/scratch-database";

/** A piece of work that says when it runs and ends when told. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { finish, done };
}

afterEach(() => {
  setTransactionAdmission(true);
  limitConcurrentTransactions(undefined);
});

describe("admitTransaction", () => {
  it("runs at most the limit at once, the others in the order they came", async () => {
    limitConcurrentTransactions(2);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const runs = gates.map((g, i) =>
      admitTransaction(async () => {
        started.push(i);
        await g.done;
        return i;
      }),
    );
    await sleep(20);
    expect(started).toEqual([0, 1]);
    gates[1]!.finish();
    await sleep(20);
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses the waiting ones at once when the database goes away, with an unavailable error; the running one ends as it will", async () => {
    limitConcurrentTransactions(1);
    const running = gate();
    const first = admitTransaction(() => running.done.then(() => "first"));
    const waiting = [admitTransaction(async () => "second"), admitTransaction(async () => "third")];
    const outcomes = waiting.map((p) =>
      p.then(
        () => null,
        (error: unknown) => error,
      ),
    );
    await sleep(10);

    setTransactionAdmission(false);
    const errors = await Promise.all(outcomes);
    for (const error of errors) expect(databaseFaultOf(error)).toBe("unavailable");

    // While it is down, a transaction that would have to wait is refused at once…
    await expect(admitTransaction(async () => "fourth")).rejects.toSatisfy((e) => databaseFaultOf(e) === "unavailable");
    running.finish();
    expect(await first).toBe("first");
    // …and one that finds a free turn still runs (the database decides).
    expect(await admitTransaction(async () => "fifth")).toBe("fifth");
    setTransactionAdmission(true);
    expect(await admitTransaction(async () => "sixth")).toBe("sixth");
  });
});

describe.runIf(isPostgresUrl(process.env.DATABASE_URL))("the PostgreSQL client's interactive transactions", () => {
  it("run at most half the pool at once, and all of a burst complete", async () => {
    // The client set the limit when it was created; this test's afterEach lifts it, so create it again.
    const { disconnectDb } = await import("./db");
    await disconnectDb();
    let inside = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db().$transaction(async (tx) => {
          most = Math.max(most, ++inside);
          await tx.$executeRawUnsafe("SELECT pg_sleep(0.02)");
          inside--;
          return i;
        }),
      ),
    );
    expect(results).toHaveLength(30);
    expect(most).toBe(5); // the default pool of 10 connections
  });

  it("wait for a row lock another transaction holds longer than any query may take, and finish when it is let go", async () => {
    // Another connection holds the audit chain's head for 5 s: past the pool's lock_timeout and its 4 s
    // query deadline. The database is well, so the event waits (its transaction is tried again) and is
    // recorded once the head is free, instead of failing as "unavailable".
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`);
      const heldAt = Date.now();
      const letGo = sleep(5_000).then(() => holder.query("COMMIT"));
      const event = await recordAuditEvent({ actorType: "system", action: "auth.sign_in", outcome: "success" });
      expect(Date.now() - heldAt).toBeGreaterThanOrEqual(4_900);
      expect(event.seq).toBeGreaterThan(0n);
      await letGo;
    } finally {
      await holder.end();
    }
  }, 20_000);
});
