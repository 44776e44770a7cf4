// The hash chain on the test's database (SQLite, or PostgreSQL with DATABASE_URL): links, times that
// never go backwards, concurrent writers from several connections, and events from before the chain.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "../db/db";
import { newId } from "../db/ids";
import { appendToChain, auditEventHash, canonicalAuditEvent, GENESIS_HASH, sealLegacyAuditEvents } from "./chain";
import { recordAuditEvent } from "./record";
import { verifyChain, type ChainRecord } from "./verify";

async function* stored(): AsyncGenerator<ChainRecord> {
  let after = -1n;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: 500 });
    for (const r of rows) yield { ...r, createdAt: r.createdAt.toISOString(), prevHash: r.prevHash ?? "" };
    if (rows.length < 500) return;
    after = rows.at(-1)!.seq;
  }
}

async function head() {
  const h = await db().auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  return { seq: h.seq, hash: h.hash };
}

const signOut = (name: string) =>
  ({ actorType: "user", actorId: name, actorName: name, action: "auth.sign_out", outcome: "success" }) as const;

describe("the audit hash chain", () => {
  it("gives each event the next seq, the previous hash and a hash anyone can recompute", async () => {
    const a = await recordAuditEvent(signOut("chain-a"));
    const b = await recordAuditEvent(signOut("chain-b"));
    expect(b.seq).toBe(a.seq + 1n);
    const rows = await db().auditEvent.findMany({ where: { seq: { in: [a.seq, b.seq] } }, orderBy: { seq: "asc" } });
    expect(rows[0]!.hash).toBe(a.hash);
    expect(rows[1]!.prevHash).toBe(a.hash);
    const fields = { ...rows[1]!, createdAt: rows[1]!.createdAt.toISOString(), prevHash: rows[1]!.prevHash! };
    expect(canonicalAuditEvent(fields)).toBe(
      JSON.stringify([
        "audit-event/1",
        String(b.seq),
        b.id,
        fields.createdAt,
        "user",
        "chain-b",
        "chain-b",
        "auth.sign_out",
        "success",
        null,
        null,
        null,
        null,
        null,
        a.hash,
      ]),
    );
    expect(auditEventHash(fields)).toBe(b.hash);
    expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
    if (a.seq === 1n) expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(await verifyChain(stored(), { start: "genesis", head: await head() })).toMatchObject({ ok: true });
  });

  it("never gives an event an earlier time than the one before it", async () => {
    const future = new Date(Date.now() + 3_600_000);
    const row = {
      id: newId(),
      actorType: "system",
      actorId: null,
      actorName: null,
      action: "auth.sign_out",
      outcome: "success",
      targetType: null,
      targetId: null,
      ip: null,
      userAgent: null,
      details: null,
    };
    const first = await db().$transaction((tx) => appendToChain(tx, row, future));
    const next = await db().$transaction((tx) => appendToChain(tx, { ...row, id: newId() }, new Date()));
    expect(next.createdAt.getTime()).toBe(first.createdAt.getTime());
    expect(next.seq).toBe(first.seq + 1n);
  });

  it("rolls back with the change it belongs to: no seq is left half-used", async () => {
    const before = await head();
    await expect(
      db().$transaction(async (tx) => {
        await recordAuditEvent(signOut("chain-rollback"), tx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await head()).toEqual(before);
    expect(await db().auditEvent.count({ where: { actorName: "chain-rollback" } })).toBe(0);
  });

  it("stays one unbroken chain under concurrent writers on several connections", async () => {
    const before = await head();
    const writes = Array.from({ length: 40 }, (_, i) => recordAuditEvent(signOut(`chain-c${i}`)));
    // Another process on the same database, as a second console instance or the command line would be:
    // writers meet at the database's own lock (PostgreSQL: the head row; SQLite: the write lock).
    const other = new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--conditions=react-server", "--import", "tsx", "lib/testing/record-audit-events.ts", "20", "chain-o"],
        { env: { ...process.env }, stdio: ["ignore", "inherit", "inherit"] },
      );
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`the other writer exited with ${code}`))));
    });
    await Promise.all([...writes, other]);
    const rows = await db().auditEvent.findMany({
      where: { seq: { gt: before.seq } },
      orderBy: { seq: "asc" },
      select: { seq: true, actorName: true },
    });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => before.seq + 1n + BigInt(i)));
    expect(rows.filter((r) => r.actorName?.startsWith("chain-o"))).toHaveLength(20);
    expect(await verifyChain(stored(), { start: "genesis", head: await head() })).toMatchObject({ ok: true, problem: null });
  });

  it("seals events recorded before the chain existed, once, and continues from them", async () => {
    // What migration 0010 leaves: numbered events without hashes, and a head without a hash.
    await db().auditEvent.updateMany({ data: { hash: null, prevHash: null } });
    await db().auditChainHead.update({ where: { id: 1 }, data: { hash: null } });
    const { seq } = await head();
    expect(await sealLegacyAuditEvents()).toBe(Number(seq));
    expect(await sealLegacyAuditEvents()).toBe(0);
    expect(await verifyChain(stored(), { start: "genesis", head: await head() })).toMatchObject({ ok: true, count: Number(seq) });

    // A writer that comes before the start-up sealing seals them itself.
    await db().auditEvent.updateMany({ data: { hash: null, prevHash: null } });
    await db().auditChainHead.update({ where: { id: 1 }, data: { hash: null } });
    await recordAuditEvent(signOut("chain-after-legacy"));
    expect(await verifyChain(stored(), { start: "genesis", head: await head() })).toMatchObject({
      ok: true,
      count: Number(seq) + 1,
    });
  });
});
