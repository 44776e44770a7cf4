// The chain check names the first event changed, deleted or inserted, on records made here.
import { describe, expect, it } from "vitest";
import { auditEventHash, GENESIS_HASH, type ChainFields } from "./chain";
import { verifyChain, type ChainRecord } from "./verify";

type Sealed = ChainRecord & { hash: string };

function chain(length: number, start = { seq: 0n, hash: GENESIS_HASH }): Sealed[] {
  const records: Sealed[] = [];
  let prevHash = start.hash;
  for (let i = 1; i <= length; i++) {
    const fields: ChainFields = {
      seq: start.seq + BigInt(i),
      id: `id-${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorType: "user",
      actorId: "u1",
      actorName: "alice",
      action: "service_token.create",
      outcome: "success",
      targetType: "service_token",
      targetId: `tok_${i}`,
      ip: "192.0.2.1",
      userAgent: null,
      details: JSON.stringify({ issuedTo: "a|b=c\\d\n😀" }),
      prevHash,
    };
    const hash = auditEventHash(fields);
    records.push({ ...fields, hash });
    prevHash = hash;
  }
  return records;
}

async function* from(records: ChainRecord[]) {
  yield* records;
}

const rehash = (r: ChainRecord): Sealed => ({ ...r, hash: auditEventHash(r) });

describe("verifyChain", () => {
  it("accepts an intact chain and reports where it ends", async () => {
    const records = chain(5);
    const report = await verifyChain(from(records), { start: "genesis", head: { seq: 5n, hash: records[4]!.hash } });
    expect(report).toEqual({ ok: true, count: 5, firstSeq: 1n, lastSeq: 5n, lastHash: records[4]!.hash, problem: null });
  });

  it("names an event whose content was changed", async () => {
    const records = chain(5);
    records[2] = { ...records[2]!, actorName: "mallory" };
    expect((await verifyChain(from(records), { start: "genesis" })).problem).toMatchObject({
      kind: "changed",
      seq: 3n,
      message: "event #3 (id-3) was changed: it does not match its hash",
    });
  });

  it("names an event that was changed and re-hashed: the next link no longer fits", async () => {
    const records = chain(5);
    records[2] = rehash({ ...records[2]!, actorName: "mallory" });
    expect((await verifyChain(from(records), { start: "genesis" })).problem).toMatchObject({
      kind: "changed",
      seq: 3n,
      id: "id-3",
    });
  });

  it("names deleted events, in the middle and at the end", async () => {
    const records = chain(6);
    expect((await verifyChain(from([...records.slice(0, 2), ...records.slice(4)]), { start: "genesis" })).problem).toMatchObject({
      kind: "deleted",
      seq: 3n,
      message: "events #3–#4 were deleted (the chain goes from #2 to #5)",
    });
    expect(
      (await verifyChain(from(records.slice(0, 4)), { start: "genesis", head: { seq: 6n, hash: records[5]!.hash } })).problem,
    ).toMatchObject({ kind: "deleted", seq: 5n, message: "events #5–#6 were deleted from the end of the chain" });
    expect((await verifyChain(from(records.slice(1)), { start: "genesis" })).problem).toMatchObject({ kind: "deleted", seq: 1n });
  });

  it("names an inserted event whose followers were renumbered", async () => {
    const records = chain(4);
    const inserted = rehash({ ...records[1]!, id: "forged", seq: 3n, prevHash: records[1]!.hash, actorName: "mallory" });
    const renumbered = records.slice(2).map((r) => ({ ...r, seq: BigInt(r.seq) + 1n }));
    const forged = [...records.slice(0, 2), inserted, ...renumbered];
    expect((await verifyChain(from(forged), { start: "genesis" })).problem).toMatchObject({
      kind: "inserted",
      seq: 3n,
      id: "forged",
    });
  });

  it("checks an export from its first record, and a filtered one only between neighbours", async () => {
    const records = chain(8);
    expect(await verifyChain(from(records.slice(3)), { start: "first" })).toMatchObject({ ok: true, count: 5, firstSeq: 4n });
    const filtered = [records[1]!, records[4]!, records[5]!];
    expect((await verifyChain(from(filtered), { start: "first" })).problem).toMatchObject({ kind: "deleted", seq: 3n });
    expect(await verifyChain(from(filtered), { start: "first", allowGaps: true })).toMatchObject({ ok: true, count: 3 });
    filtered[2] = { ...filtered[2]!, outcome: "failure" };
    expect((await verifyChain(from(filtered), { start: "first", allowGaps: true })).problem).toMatchObject({
      kind: "changed",
      seq: 6n,
    });
  });

  it("starts after a pruning checkpoint and holds events to signed checkpoints", async () => {
    const all = chain(6);
    const anchor = { seq: 3n, hash: all[2]!.hash };
    expect(await verifyChain(from(all.slice(3)), { start: anchor })).toMatchObject({ ok: true, count: 3 });
    expect((await verifyChain(from(all.slice(4)), { start: anchor })).problem).toMatchObject({ kind: "deleted", seq: 4n });
    // Events rewritten from #5 on, consistently: only the checkpoint of #5 shows it.
    const rewritten: Sealed[] = [...all.slice(0, 4)];
    let prevHash = all[3]!.hash;
    for (const r of all.slice(4)) {
      const next = rehash({ ...r, actorName: "mallory", prevHash });
      rewritten.push(next);
      prevHash = next.hash;
    }
    expect(await verifyChain(from(rewritten), { start: "genesis" })).toMatchObject({ ok: true });
    expect(
      (await verifyChain(from(rewritten), { start: "genesis", anchors: [{ seq: 5n, hash: all[4]!.hash }] })).problem,
    ).toMatchObject({
      kind: "changed",
      seq: 5n,
      message: "event #5 (id-5) was changed after a signed checkpoint recorded its hash",
    });
  });
});
