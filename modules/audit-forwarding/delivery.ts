// The main thread's side of the senders' worker (delivery-worker.ts): one worker per process, started
// when a sender first has something to send, started again if it dies, stopped with the background work.
import "server-only";
import { Worker } from "node:worker_threads";
import { getConfig } from "@/lib/config/config";
import { registerSingleCopy } from "@/lib/single-copy";
import type { BatchRequest, BatchResult } from "./batch";
import type { WorkerData, WorkerReply, WorkerRequest } from "./delivery-worker";
import { LoopLoad } from "./pacing";

registerSingleCopy("modules/audit-forwarding/delivery");

type Pending = { resolve: (result: BatchResult) => void; reject: (error: Error) => void };

/**
 * Where the worker's code is: in the server package, its own entry (scripts/server-package.mjs); when
 * this module runs from its TypeScript source (the unit tests), the source, loaded through tsx.
 */
function startWorker(data: WorkerData): Worker {
  if (import.meta.url.endsWith(".ts")) {
    const source = new URL("./delivery-worker.ts", import.meta.url).href;
    return new Worker(
      `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`,
      { eval: true, workerData: data, execArgv: ["--conditions=react-server"] },
    );
  }
  return new Worker(new URL(import.meta.resolve("@console/server/audit-forwarding-worker")), { workerData: data });
}

class DeliveryWorker {
  private readonly worker: Worker;
  private readonly load = new LoopLoad();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped = false;

  constructor(onGone: () => void) {
    this.load.start();
    this.worker = startWorker({ databaseUrl: getConfig().databaseUrl, load: this.load.shared });
    // The background work stops it; until then it must not keep a process (a test, a command) alive.
    this.worker.unref();
    this.worker.on("message", (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ("error" in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.result);
    });
    const gone = (why: string) => {
      this.load.stop();
      onGone();
      for (const waiting of this.pending.values()) waiting.reject(new Error(why));
      this.pending.clear();
    };
    this.worker.on("error", (error) => {
      console.error(`audit forwarding: the senders' worker failed: ${error.message}`);
      gone(`The senders' worker failed: ${error.message}`);
    });
    this.worker.on("exit", (code) => gone(this.stopped ? "Stopped." : `The senders' worker exited (${code}).`));
  }

  send(batch: BatchRequest, signal: AbortSignal): Promise<BatchResult> {
    if (signal.aborted) return Promise.resolve({ kind: "aborted" });
    const id = this.nextId++;
    return new Promise<BatchResult>((resolve, reject) => {
      const onAbort = () => this.post({ kind: "abort", id });
      signal.addEventListener("abort", onAbort, { once: true });
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          signal.removeEventListener("abort", onAbort);
          then(value);
        };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.post({ kind: "send", id, batch });
    });
  }

  private post(request: WorkerRequest): void {
    this.worker.postMessage(request);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker.terminate();
  }
}

let current: DeliveryWorker | null = null;

/**
 * Sends a batch through the worker (started on first use): the batch's outcome, or a rejection when the
 * worker could not run it (the database is away, the worker died).
 */
export function sendThroughWorker(batch: BatchRequest, signal: AbortSignal): Promise<BatchResult> {
  const worker = (current ??= new DeliveryWorker(() => {
    if (current === worker) current = null;
  }));
  return worker.send(batch, signal);
}

/** Stops the worker, if one runs; the next batch starts a new one. */
export async function stopDeliveryWorker(): Promise<void> {
  const worker = current;
  current = null;
  await worker?.stop();
}
