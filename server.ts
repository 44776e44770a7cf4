// The console's process. Everything it runs comes from the server core, @console/server, which Next.js
// loads from the same files (an external package): one copy of each module per isolate. In production
// this module runs twice: on the main thread (the listener, the Bearer API, /metrics, /api/health and
// the background work) and as the pages worker, where Next.js serves the pages (docs/architecture.md,
// "Two isolates, one process").
// First, before Next.js and React are loaded: their AsyncLocalStorage stores, carried as one.
import "@console/server/async-context";
import { handleApiRequest, handleMetricsRequest } from "@console/server/api";
import { auditForwardingWork } from "@console/server/audit-forwarding";
import { auditMaintenanceWork } from "@console/server/audit-log";
import { notificationsWork, queueTokenEventsOfAudit } from "@console/server/notifications";
import { isPagesWorker, servePagesWorker, startConsoleServer, type StartNext } from "@console/server/core";
import { unusedTokensWork } from "@console/server/service-tokens";
import { usageWork } from "@console/server/usage";

const dev = process.argv.includes("--dev");

// Next.js is loaded only where it serves the pages: the main thread of a production console never loads
// it (nor React, nor their request stores).
const startNext: StartNext = async ({ hostname, port }) => {
  // Every entry Next.js may import is loaded now, at start, so a later rebuild on disk never meets a
  // console that has loaded only half of the package.
  await Promise.all([import("@console/server/auth"), import("@console/server/overview")]);
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), hostname, port });
  await app.prepare();
  return app.getRequestHandler();
};

if (isPagesWorker()) {
  // The server actions' audit events queue their token notifications here as on the main thread.
  queueTokenEventsOfAudit();
  await servePagesWorker(startNext);
} else {
  await startConsoleServer({
    dev,
    handleApi: handleApiRequest,
    handleMetrics: handleMetricsRequest,
    background: [auditForwardingWork, auditMaintenanceWork, usageWork, notificationsWork, unusedTokensWork],
    startNext,
    // In development Next.js stays on the main thread: its dev server reloads pages in place.
    pagesWorker: dev ? undefined : new URL(import.meta.url),
  });
}
