import "server-only";
import { db } from "./db";

export type Health = { ok: true } | { ok: false; reason: string };

/** Asks the database a trivial question, with a deadline so a hung database still gets an answer. */
export async function checkDatabase(timeoutMs = 3_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Health>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `database did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const probe = db()
    .$queryRawUnsafe("SELECT 1")
    .then((): Health => ({ ok: true }))
    .catch((error: unknown): Health => ({ ok: false, reason: `database error: ${(error as Error).message.split("\n")[0]}` }));
  try {
    return await Promise.race([probe, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
