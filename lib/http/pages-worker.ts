import "server-only";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { takeConnectionShare } from "../db/db";
import { errorLine } from "../log/error-line";
import { pagesProxy } from "./pages-proxy";

/**
 * Next.js runs in a worker thread of the console's process, the pages worker, and the main thread passes
 * it the page requests (docs/architecture.md, "Two isolates, one process"): what Next.js does to the
 * process's heap and to the code it shares with the API (V8's inline caches in Node's HTTP and stream
 * code, pg's result reader) then stays in its own isolate, and the Bearer API keeps the main thread's.
 */

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type StartNext = (where: { hostname: string; port: number }) => Promise<RequestHandler>;

type PagesWorkerData = { role: "pages"; socketPath: string; hostname: string; port: number };
type PagesWorkerReport = { ready: true } | { ready: false; error: string };

/** Whether this isolate is the pages worker (the module `startPagesWorker` was given, run as one). */
export function isPagesWorker(): boolean {
  return parentPort !== null && (workerData as PagesWorkerData | null)?.role === "pages";
}

/**
 * On the main thread: starts `entry` (the console's own process module) as the pages worker, waits until
 * it serves, and returns the handler that passes page requests to it. The worker listens on a unix socket
 * in a folder only this user may enter. Should the worker ever stop, the process stops with it, for its
 * supervisor to restart: a console without pages is not one to keep running.
 */
export async function startPagesWorker(entry: URL, where: { hostname: string; port: number }): Promise<RequestHandler> {
  const folder = mkdtempSync(path.join(tmpdir(), "console-pages-"));
  process.on("exit", () => rmSync(folder, { recursive: true, force: true }));
  const socketPath = path.join(folder, "pages.sock");
  const data: PagesWorkerData = { role: "pages", socketPath, ...where };
  const worker = new Worker(entry, { workerData: data });
  await new Promise<void>((resolve, reject) => {
    const stopped = (code: number) => reject(new Error(`the pages worker stopped while starting (exit code ${code})`));
    worker.once("exit", stopped);
    worker.once("error", reject);
    worker.once("message", (report: PagesWorkerReport) => {
      worker.off("exit", stopped);
      worker.off("error", reject);
      if (report.ready) resolve();
      else reject(new Error(report.error));
    });
  });
  worker.on("error", (error) => console.error(`console: the pages worker failed: ${errorLine(error)}`));
  worker.on("exit", (code) => {
    console.error(`console: the pages worker stopped (exit code ${code}); stopping the console`);
    process.exit(1);
  });
  return pagesProxy(socketPath);
}

/**
 * In the pages worker: takes its part of the database pool, prepares Next.js and serves it on the main
 * thread's socket. The main thread has applied migrations and decided each request's client address
 * (CLIENT_IP_HEADER) and scheme; its availability probe's answers arrive here (lib/db/availability.ts).
 */
export async function servePagesWorker(startNext: StartNext): Promise<void> {
  const { socketPath, hostname, port } = workerData as PagesWorkerData;
  const report = (message: PagesWorkerReport) => parentPort?.postMessage(message);
  takeConnectionShare("pages");
  let handle: RequestHandler;
  try {
    handle = await startNext({ hostname, port });
  } catch (error) {
    report({ ready: false, error: errorLine(error) });
    return;
  }
  const server = createServer((req, res) => void handle(req, res));
  // The main thread keeps the deadlines towards the browser; its connections here are its own, kept open.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 0;
  server.on("error", (error) => {
    report({ ready: false, error: error.message });
  });
  server.listen(socketPath, () => report({ ready: true }));
}
