// The console's process. Everything it runs comes from the server core, @console/server, which Next.js
// loads from the same files (an external package): one copy of each module per process.
// First, before Next.js and React are loaded: their AsyncLocalStorage stores, carried as one.
import "@console/server/async-context";
import next from "next";
import { handleApiRequest, handleMetricsRequest } from "@console/server/api";
import { auditForwardingWork } from "@console/server/audit-forwarding";
import { auditMaintenanceWork } from "@console/server/audit-log";
import { notificationsWork } from "@console/server/notifications";
import { startConsoleServer } from "@console/server/core";
import { unusedTokensWork } from "@console/server/service-tokens";
import { usageWork } from "@console/server/usage";
// Every entry Next.js may import is loaded now, at start, so a later rebuild on disk never meets a
// console that has loaded only half of the package.
import "@console/server/auth";
import "@console/server/audit-log";
import "@console/server/audit-forwarding";
import "@console/server/notifications";
import "@console/server/overview";

const dev = process.argv.includes("--dev");

await startConsoleServer({
  dev,
  handleApi: handleApiRequest,
  handleMetrics: handleMetricsRequest,
  background: [auditForwardingWork, auditMaintenanceWork, usageWork, notificationsWork, unusedTokensWork],
  async startNext({ hostname, port }) {
    const app = next({ dev, dir: process.cwd(), hostname, port });
    await app.prepare();
    return app.getRequestHandler();
  },
});
