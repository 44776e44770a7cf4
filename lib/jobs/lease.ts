// One lease per job name in the database: whoever holds an unexpired lease runs the job; the holder
// renews it while it works; a holder that dies (crash, SIGKILL, network partition) stops renewing and
// the next instance to ask takes it over once it has expired. Leases, not `FOR UPDATE SKIP LOCKED`: a
// job may wait on the network for seconds (a slow syslog receiver) and must not hold a transaction open
// meanwhile, and the same SQL serves SQLite. Times come from the instances' clocks, which therefore must
// agree to well within a lease (NTP).
import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db, type Db, type Tx } from "../db/db";

/** This process, as lease holders name it. */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/**
 * Takes or extends the lease `name` until `expiresAt` if it is free, expired, or already ours; true when
 * we hold it now. One atomic upsert, so two instances asking at once never both get it. Called inside the
 * transaction that records a job's progress, it also fences that progress: a holder whose lease another
 * instance has taken commits nothing.
 */
export async function acquireLease(
  name: string,
  holder: string,
  now: number,
  expiresAt: number,
  client: Db | Tx = db(),
): Promise<boolean> {
  const changed = await client.$executeRaw`
    INSERT INTO "job_leases" ("name", "holder", "expiresAt", "acquiredAt") VALUES (${name}, ${holder}, ${expiresAt}, ${now})
    ON CONFLICT ("name") DO UPDATE SET
      "holder" = excluded."holder",
      "expiresAt" = excluded."expiresAt",
      "acquiredAt" = CASE WHEN "job_leases"."holder" = excluded."holder" THEN "job_leases"."acquiredAt" ELSE excluded."acquiredAt" END
    WHERE "job_leases"."holder" = excluded."holder" OR "job_leases"."expiresAt" <= ${now}`;
  return changed === 1;
}

/** Gives a lease up at once (on shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(name: string, holder: string, client: Db | Tx = db()): Promise<void> {
  await client.$executeRaw`UPDATE "job_leases" SET "expiresAt" = 0 WHERE "name" = ${name} AND "holder" = ${holder}`;
}

export async function leaseHolder(name: string, now: number): Promise<string | null> {
  const row = await db().jobLease.findUnique({ where: { name }, select: { holder: true, expiresAt: true } });
  return row && Number(row.expiresAt) > now ? row.holder : null;
}
