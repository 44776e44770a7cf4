import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkHealth } from "../db/availability";

/**
 * GET /api/health, answered by the main thread (beside the availability gate it updates, so a monitor
 * and the pages never disagree). Unauthenticated on purpose: load balancers and monitors call it, and it
 * reveals nothing but up or down, and why in plain words.
 */
export async function handleHealthRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "cache-control": "no-store", "content-length": 0 });
    res.end();
    return;
  }
  const health = await checkHealth();
  const body = JSON.stringify(health.ok ? { status: "ok" } : { status: "unavailable", reason: health.reason });
  res.writeHead(health.ok ? 200 : 503, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    // What Next.js sent on it (next.config.js), and the Bearer API sends: nothing here may be framed or run.
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
