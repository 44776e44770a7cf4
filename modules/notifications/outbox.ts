// The outbox: each notification is a row written in the transaction that decided it, so a crash never
// loses one nor sends one that was not decided. The notifications job delivers due rows (deliver.ts).
import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Tx } from "@/lib/db/db";
import { newId } from "@/lib/db/ids";

type OutboxChannel = "email" | "digest" | "webhook";

export type OutboxEntry = {
  channel: OutboxChannel;
  event: string;
  /** Email and digest: the event and its data; webhook: the JSON body's `data`. */
  payload: unknown;
  recipients?: string[];
  webhookId?: string;
};

/** Rows per INSERT: eight parameters each, under the SQLite client's 999. */
const ROWS_PER_INSERT = 100;

const { sql, join, raw } = Prisma;

/**
 * Writes entries due at once (digest entries are held for the day's digest). A plain multi-row INSERT:
 * the first expiry scan writes thousands, and Prisma's createMany spent most of that scan building its
 * query (bench/README.md, "The expiry scan of notifications").
 */
export async function enqueue(tx: Tx, entries: readonly OutboxEntry[], now: number): Promise<void> {
  const createdAt = new Date(now);
  for (let i = 0; i < entries.length; i += ROWS_PER_INSERT) {
    const rows = entries
      .slice(i, i + ROWS_PER_INSERT)
      .map(
        (e) =>
          sql`(${newId()}, ${e.channel}, ${e.webhookId ?? null}, ${e.event}, ${JSON.stringify(e.payload)}, ${
            e.recipients ? e.recipients.join("\n") : null
          }, ${createdAt}, ${e.channel === "digest" ? "held" : "pending"}, 0, ${raw(String(Math.trunc(now)))})`,
      );
    await tx.$executeRaw`
      INSERT INTO "notification_outbox" ("id", "channel", "webhookId", "event", "payload", "recipients", "createdAt", "state", "attempts", "nextAttemptAt")
      VALUES ${join(rows)}`;
  }
}
