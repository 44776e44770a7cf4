// How far the chain has got: each destination's backlog is the head's seq minus its cursor.
import "server-only";
import { db } from "@/lib/db/db";

export async function chainHeadSeq(): Promise<bigint> {
  return (await db().auditChainHead.findUnique({ where: { id: 1 }, select: { seq: true } }))?.seq ?? 0n;
}
