// The audit hash chain: every event's hash covers a canonical serialisation of the event and the hash of
// the event before it, so changing, deleting or inserting an event anywhere breaks every later link
// (lib/audit/verify.ts finds the first break). One chain per database: the head row (audit_chain_head)
// is updated first by every audit write, which serialises writers (PostgreSQL: the row's lock until
// commit; SQLite: its single write lock) so that seq order is commit order.
import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "../db/db";

/** The prevHash of the very first event. */
export const GENESIS_HASH = "0".repeat(64);
/** Names the canonical form inside it, so a later form can be told apart. */
const FORM = "audit-event/1";

/** Exactly what the hash covers: the stored columns, as stored (details as its JSON text). */
export type ChainFields = {
  seq: bigint | number | string;
  id: string;
  /** ISO 8601 with milliseconds and "Z" (Date.prototype.toISOString). */
  createdAt: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: string | null;
  prevHash: string;
};

/**
 * The canonical serialisation: a JSON array in this fixed order (JSON.stringify of strings and nulls is
 * deterministic), seq as decimal text. docs/audit.md shows it, so an auditor can recompute a hash.
 */
export function canonicalAuditEvent(e: ChainFields): string {
  return JSON.stringify([
    FORM,
    String(e.seq),
    e.id,
    e.createdAt,
    e.actorType,
    e.actorId,
    e.actorName,
    e.action,
    e.outcome,
    e.targetType,
    e.targetId,
    e.ip,
    e.userAgent,
    e.details,
    e.prevHash,
  ]);
}

export function auditEventHash(e: ChainFields): string {
  return createHash("sha256").update(canonicalAuditEvent(e), "utf8").digest("hex");
}

/** A row to append: everything but its place in the chain, its time and its hashes. */
export type NewChainRow = Omit<ChainFields, "seq" | "createdAt" | "prevHash">;

export type ChainLink = { seq: bigint; hash: string; createdAt: Date };

const HEAD = { id: 1 } as const;
const SEAL_BATCH = 1_000;

/**
 * Appends one event inside `tx`: takes the head (which holds the other writers until `tx` ends), gives
 * the event the next seq, a time no earlier than the previous event's, and its hash, and moves the head.
 */
export async function appendToChain(tx: Tx, row: NewChainRow, now: Date): Promise<ChainLink> {
  const head = await tx.auditChainHead.update({ where: HEAD, data: { seq: { increment: 1 } } });
  const seq = head.seq;
  const prevHash = head.hash ?? (seq > 1n ? await sealUnhashed(tx, seq - 1n) : GENESIS_HASH);
  const createdAt = head.lastAt && head.lastAt.getTime() > now.getTime() ? head.lastAt : now;
  const hash = auditEventHash({ ...row, seq, createdAt: createdAt.toISOString(), prevHash });
  await tx.auditEvent.create({ data: { ...row, seq, createdAt, prevHash, hash } });
  await tx.auditChainHead.update({ where: HEAD, data: { hash, lastAt: createdAt } });
  return { seq, hash, createdAt };
}

/**
 * Hashes the events written before the chain existed (migration 0010 numbered them, SQL could not hash
 * them), in seq order up to `upTo`, and returns the last hash. Runs once, normally at start.
 */
async function sealUnhashed(tx: Tx, upTo: bigint): Promise<string> {
  const before = await tx.auditEvent.findFirst({
    where: { hash: { not: null }, seq: { lte: upTo } },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  let prevHash = before?.hash ?? GENESIS_HASH;
  let after = before?.seq ?? 0n;
  for (;;) {
    const rows = await tx.auditEvent.findMany({
      where: { seq: { gt: after, lte: upTo } },
      orderBy: { seq: "asc" },
      take: SEAL_BATCH,
    });
    for (const r of rows) {
      const hash = auditEventHash({ ...r, createdAt: r.createdAt.toISOString(), prevHash });
      await tx.auditEvent.update({ where: { seq: r.seq }, data: { prevHash, hash } });
      prevHash = hash;
      after = r.seq;
    }
    if (rows.length < SEAL_BATCH) return prevHash;
  }
}

/**
 * At start: hashes the events recorded before the chain existed, if any (one instance does it, the
 * others wait on the head). Returns how many it sealed.
 */
export async function sealLegacyAuditEvents(): Promise<number> {
  return db().$transaction(
    async (tx) => {
      const head = await tx.auditChainHead.update({ where: HEAD, data: { seq: { increment: 0 } } });
      if (head.hash !== null || head.seq === 0n) return 0;
      const hash = await sealUnhashed(tx, head.seq);
      await tx.auditChainHead.update({ where: HEAD, data: { hash } });
      return Number(head.seq);
    },
    // A large old log takes a while, once; the usual deadline is for requests.
    { timeout: 30 * 60_000 },
  );
}
