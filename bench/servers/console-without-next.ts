// The console's process (server.ts) with everything but Next.js: the same server core, Bearer API,
// /metrics and background work, while every other path answers 404 instead of a page. bench/run.mjs
// starts it instead of the build's dist/server.mjs with BENCH_CONSOLE=without-next: it measured what
// Next.js in the same isolate cost the Bearer path (bench/README.md, "The honest baseline"), and is now
// what the as-built main thread, whose pages run in a worker, should cost ("The pages in a worker thread").
// It bundles this file like scripts/build-server.mjs bundles server.ts: the core stays the package in
// node_modules, so this runs the built console's own code.
import "@console/server/async-context";
import { handleApiRequest, handleMetricsRequest } from "@console/server/api";
import { auditForwardingWork } from "@console/server/audit-forwarding";
import { auditMaintenanceWork } from "@console/server/audit-log";
import { notificationsWork } from "@console/server/notifications";
import { startConsoleServer } from "@console/server/core";
import { unusedTokensWork } from "@console/server/service-tokens";
import { usageWork } from "@console/server/usage";
import "@console/server/auth";
import "@console/server/overview";

await startConsoleServer({
  dev: false,
  handleApi: handleApiRequest,
  handleMetrics: handleMetricsRequest,
  background: [auditForwardingWork, auditMaintenanceWork, usageWork, notificationsWork, unusedTokensWork],
  async startNext() {
    return async (_req, res) => {
      res.statusCode = 404;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end("Not served: this is the console without Next.js (bench/servers/console-without-next.ts).\n");
    };
  },
});
