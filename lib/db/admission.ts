import "server-only";
import { Semaphore, withTimeout } from "async-mutex";
import { registerSingleCopy } from "../single-copy";
import { databaseFaultOf } from "./errors";

/**
 * How long a transaction waits here for its turn before its request answers 503. Far longer than any
 * single query may take: waiting in this queue is what a healthy database under a burst of writes looks
 * like, and a database that stopped answering ends every wait at once (`setTransactionAdmission`).
 */
const ADMISSION_WAIT_MS = 20_000;

/**
 * Every audited write takes the audit chain's head row (lib/audit/chain.ts), so on PostgreSQL the writes
 * of all instances queue on one row lock, and each query there has the pool's 4 s deadline, which a
 * frozen server needs. Under a burst (a hundred creates at once on a loaded machine) the last ones in that
 * queue, or in the pool's queue for a connection, waited past it and answered "unavailable" though the
 * database was well.
 *
 * So a process runs at most half its pool's connections as interactive transactions at once and keeps
 * the others waiting here, in order, so plain reads (the Bearer API) always find a free connection; and a
 * transaction whose wait for a row lock ended (the pool's `lock_timeout`, shorter than the query deadline)
 * is run again from the start. Both waits are bounded by the database's health, not by a fixed time:
 * when the availability probe finds the database gone, every waiting transaction fails at once with an
 * "unavailable" error, none is tried again, and new ones that would have to wait fail at once until it
 * answers again. ADMISSION_WAIT_MS is the backstop.
 *
 * Running a transaction's callback again is safe because a callback only works through its transaction
 * (which was rolled back), as Prisma's own advice for retrying write conflicts assumes.
 */
class TransactionQueueError extends Error {
  override name = "TransactionQueueError";
  /** Prisma's code for "timed out fetching a connection from the pool": an unavailable database (lib/db/errors.ts). */
  readonly code = "P2024";
}

registerSingleCopy("lib/db/admission");

const TIMED_OUT = new TransactionQueueError(`waited ${ADMISSION_WAIT_MS} ms for a turn to write`);

let semaphore: Semaphore | undefined;
let open = true;

/**
 * Sets how many transactions run at once (called when the PostgreSQL client is created); `undefined`: no
 * limit. Transactions waiting for the limit replaced are refused.
 */
export function limitConcurrentTransactions(limit: number | undefined): void {
  semaphore?.cancel();
  semaphore =
    limit === undefined
      ? undefined
      : new Semaphore(Math.max(1, limit), new TransactionQueueError("the database became unavailable while this write waited"));
}

/**
 * Called with every availability probe's answer (lib/db/availability.ts): while the database is down, the
 * waiting transactions are refused and so is any new one that would have to wait.
 */
export function setTransactionAdmission(available: boolean): void {
  if (open && !available) semaphore?.cancel();
  open = available;
}

/**
 * Runs `work` (one interactive transaction) when its turn comes (without a limit set, at once), and again
 * while it fails for a row lock and the database is well.
 */
export async function admitTransaction<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ADMISSION_WAIT_MS;
  const current = semaphore;
  if (current && !open && current.isLocked()) throw new TransactionQueueError("the database is unavailable");
  const [, release] = current ? await withTimeout(current, ADMISSION_WAIT_MS, TIMED_OUT).acquire() : [0, () => {}];
  try {
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (databaseFaultOf(error) !== "locked" || !open || Date.now() >= deadline) throw error;
      }
    }
  } finally {
    release();
  }
}
