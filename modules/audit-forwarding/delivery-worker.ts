// The senders' worker thread: reads, formats and delivers batches for the senders of every destination
// (batch.ts), so that forwarding takes no time from the thread that answers requests (docs/audit.md,
// docs/architecture.md). Started by delivery.ts; an entry of its own in the server package.
//
// It has its own V8 isolate, and so its own copy of the modules it imports: the configuration and a
// database client of its own (one connection on SQLite, a pool of two on PostgreSQL) that only reads
// audit events. It holds no other state: cursors, leases and failures stay with the main thread.
import "server-only";
import { parentPort, workerData } from "node:worker_threads";
import { configureThread } from "@/lib/config/config";
import { sendBatch, type BatchRequest, type BatchResult } from "./batch";
import { isBusyIn, Pacer } from "./pacing";

/** What the main thread sends: a batch to send, or the end of one it no longer waits for. */
export type WorkerRequest = { kind: "send"; id: number; batch: BatchRequest } | { kind: "abort"; id: number };
/** What the worker answers: a batch's result, or why it could not run it (the database is away…). */
export type WorkerReply = { id: number; result: BatchResult } | { id: number; error: string };
export type WorkerData = { databaseUrl: string; load: SharedArrayBuffer };

/** The reader needs few connections: the senders read one slice at a time. */
function readerUrl(databaseUrl: string): string {
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) return databaseUrl;
  const url = new URL(databaseUrl);
  url.searchParams.set("connection_limit", "2");
  return url.href;
}

function serve(port: NonNullable<typeof parentPort>, data: WorkerData): void {
  // The main thread's database (DATABASE_URL may be unset there: the data folder's default), in this
  // thread's copy of lib/config, before the database client's first use.
  configureThread({ DATABASE_URL: readerUrl(data.databaseUrl) });
  const pacer = new Pacer(isBusyIn(data.load));
  const running = new Map<number, AbortController>();
  port.on("message", (request: WorkerRequest) => {
    if (request.kind === "abort") {
      running.get(request.id)?.abort();
      return;
    }
    const stop = new AbortController();
    running.set(request.id, stop);
    void sendBatch(request.batch, pacer, stop.signal)
      .then(
        (result): WorkerReply => ({ id: request.id, result }),
        (error: unknown): WorkerReply => ({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
      )
      .then((reply) => {
        running.delete(request.id);
        port.postMessage(reply);
      });
  });
}

if (parentPort) serve(parentPort, workerData as WorkerData);
