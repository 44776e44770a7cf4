// GET /metrics: the console's Prometheus metrics in the text exposition format, for a Developer token
// (Authorization: Bearer, as Prometheus' `authorization` scrape setting sends it) or a client address in
// METRICS_ALLOWED_ADDRESSES. Anything else is answered like the API: 401 with WWW-Authenticate, or 403.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Gauge } from "prom-client";
import { getConfig } from "@/lib/config/config";
import { databaseState } from "@/lib/db/availability";
import { errorLine } from "@/lib/log/error-line";
import { clientIpOf } from "@/lib/http/client-address";
import { metricsRegistry } from "@/lib/metrics/registry";
import { storedRangesAllow, TOKEN_TYPE_LABELS } from "@/lib/tokens";
import { countTokensByTypeAndStatus } from "@/modules/service-tokens/server";
import { authenticateBearer } from "../auth/authenticate";
import { wwwAuthenticate } from "../auth/header";
import { currentTime } from "../clock";
import { answerFailure, sendUnavailable } from "./handler";
import { sendError } from "./respond";

new Gauge({
  name: "console_service_tokens",
  help: "Service tokens by type and status (as the list's Status filter counts them), read at each scrape.",
  labelNames: ["type", "status"] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    // Without its database the console still has process metrics to give (to an allowed address): the
    // token counts are then left out rather than failing the whole scrape.
    try {
      const counts = await countTokensByTypeAndStatus(currentTime());
      for (const { type, status, count } of counts) this.labels(type.toLowerCase(), status).set(count);
    } catch (error) {
      console.error(`metrics: counting tokens failed: ${errorLine(error)}`);
    }
  },
});

function allowedByAddress(ip: string | null): boolean {
  const allowed = getConfig().metricsAllowedAddresses;
  return allowed !== null && ip !== null && storedRangesAllow(allowed, ip);
}

export function handleMetricsRequest(req: IncomingMessage, res: ServerResponse): void {
  answer(req, res).catch((error: unknown) => answerFailure("metrics", req, res, error));
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, 405, "method_not_allowed", "Use GET or HEAD for this route.", { allow: "GET, HEAD" });
    return;
  }
  const ip = clientIpOf(req, getConfig().trustProxy);
  if (!allowedByAddress(ip)) {
    // Known down (the availability probe saw it): a token cannot be checked, so answer as the API does.
    if (!databaseState().ok) {
      sendUnavailable(res);
      return;
    }
    const auth = await authenticateBearer(req.headers.authorization, ip, currentTime(), {
      userAgent: req.headers["user-agent"] ?? null,
      route: "metrics",
    });
    if (!auth.ok) {
      const { status, code, message, headers } = auth.failure;
      sendError(res, status, code, message, headers);
      return;
    }
    if (auth.token.type !== "DEVELOPER") {
      const message = `The metrics need a ${TOKEN_TYPE_LABELS.DEVELOPER} token; this is a ${TOKEN_TYPE_LABELS[auth.token.type]} token.`;
      sendError(res, 403, "insufficient_scope", message, {
        "www-authenticate": wwwAuthenticate({ error: "insufficient_scope" }),
      });
      return;
    }
  }
  const body = await metricsRegistry.metrics();
  res.writeHead(200, {
    "content-type": metricsRegistry.contentType,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
