// The outbox: each notification is a row written in the transaction that decided it, so a crash never
// loses one nor sends one that was not decided. The notifications job delivers due rows (deliver.ts).
import "server-only";
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

/** Writes entries due at once (digest entries are held for the day's digest). */
export async function enqueue(tx: Tx, entries: readonly OutboxEntry[], now: number): Promise<void> {
  if (entries.length === 0) return;
  await tx.notificationOutbox.createMany({
    data: entries.map((e) => ({
      id: newId(),
      channel: e.channel,
      webhookId: e.webhookId ?? null,
      event: e.event,
      payload: JSON.stringify(e.payload),
      recipients: e.recipients ? e.recipients.join("\n") : null,
      createdAt: new Date(now),
      state: e.channel === "digest" ? "held" : "pending",
      attempts: 0,
      nextAttemptAt: BigInt(now),
    })),
  });
}
