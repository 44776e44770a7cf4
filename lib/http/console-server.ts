import "server-only";
import { errorLine } from "../log/error-line";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { sealLegacyAuditEvents } from "../audit/chain";
import { getAuthSecret } from "../auth/secret";
import { ensureFirstAdmin } from "../auth/users";
import { exposeToNextAuth, getConfig, type TrustProxy } from "../config/config";
import { databaseState, startAvailabilityMonitor } from "../db/availability";
import { takeConnectionShare } from "../db/db";
import { pgPoolConfig, sqliteFilePath } from "../db/database-url";
import { rememberDatabaseFile } from "../db/health";
import { migrateDatabase } from "../db/migrate";
import { startBackgroundWork, type BackgroundWork } from "../jobs/background";
import { systemClock } from "../jobs/clock";
import { CLIENT_IP_HEADER, clientIpOf, fromTrustedProxy, reachedOverHttps } from "./client-address";
import { handleHealthRequest } from "./health-endpoint";
import { closeIdleConnections } from "./idle-connections";
import { startPagesWorker, type StartNext } from "./pages-worker";
import { wellFormedTarget } from "./request-target";
import { UNAVAILABLE_PAGE } from "./unavailable-page";

function fail(message: string): never {
  console.error(`console: ${message}`);
  process.exit(1);
}

function describeDatabase(): string {
  const { provider, databaseUrl } = getConfig();
  if (provider === "sqlite") return `SQLite ${databaseUrl.slice("file:".length)}`;
  const { host, port, database } = pgPoolConfig(databaseUrl);
  return `PostgreSQL ${host}:${port}/${database ?? ""}`;
}

/**
 * What Next.js reads about the client is what the console decided (client-address.ts): its address in
 * CLIENT_IP_HEADER, and for next-auth (its origin, whether cookies are Secure) the scheme, overwritten
 * either way; X-Forwarded-Host only from a trusted proxy.
 */
function prepareForNext(req: IncomingMessage, trustProxy: TrustProxy, https: boolean): void {
  req.headers[CLIENT_IP_HEADER] = clientIpOf(req, trustProxy) ?? "";
  req.headers["x-forwarded-proto"] = https ? "https" : "http";
  if (!fromTrustedProxy(req, trustProxy)) delete req.headers["x-forwarded-host"];
}

/** Stops the start with one line when a folder the console must write to refuses writes (e.g. read-only). */
function ensureWritable(folder: string): void {
  const probe = path.join(folder, `.write-test-${process.pid}`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      `The data folder ${folder} is not writable${code ? ` (${code})` : ""}: the console keeps its database, session secret and files there.`,
    );
  }
}

function sendBadTarget(res: ServerResponse): void {
  const body = JSON.stringify({
    error: { code: "invalid_request", message: "The request target must be a path starting with /." },
  });
  res.writeHead(400, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  });
  res.end(body);
}

/** Request headers are a few KB: a client that has not sent them in this time is stalled (or a slowloris). */
const HEADERS_TIMEOUT_MS = 10_000;
/**
 * An idle keep-alive connection is kept this long, longer than the 60 s idle timeout of common load
 * balancers and proxies, so that they close it first and never send a request into a closing socket.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/**
 * How often Node checks the headers and request deadlines (its default, 30 s, would let a stalled
 * request live up to 30 s past them).
 */
const DEADLINE_CHECK_INTERVAL_MS = 1_000;

/** Two years, as browsers' preload lists expect; only ever sent over HTTPS (RFC 6797 §7.2). */
const HSTS = "max-age=63072000; includeSubDomains";

/** Requests that never need the database, or answer its absence themselves (sign-in's handler). */
function passesWhileUnavailable(url: string): boolean {
  return url.startsWith("/_next/") || url.startsWith("/api/auth/") || url === "/favicon.svg" || url === "/favicon.ico";
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

type ConsoleServerOptions = {
  dev: boolean;
  /** The Bearer API's handler, for every /api/v1 request. */
  handleApi: RequestHandler;
  /** Prometheus' scrape target, GET /metrics. */
  handleMetrics?: RequestHandler;
  /** Prepares Next.js in this isolate and returns its handler, for every other request (development). */
  startNext: StartNext;
  /**
   * The console's process module, run as the pages worker (lib/http/pages-worker.ts): Next.js then runs
   * there, not in this isolate, and every other request is passed to it.
   */
  pagesWorker?: URL;
  /** The features' background work (audit forwarding, retention…), started after migrations, stopped on shutdown. */
  background?: readonly BackgroundWork[];
};

/**
 * The console's process: reads the configuration, applies migrations, creates the first administrator,
 * then serves Next.js and the Bearer API on one port. /api/v1/* goes to the lean node:http handler (Next's
 * request pipeline costs far more than the token check itself; docs/architecture.md), /metrics and
 * /api/health are answered here too, and the rest goes to Next.js: in the pages worker when one is given.
 */
export async function startConsoleServer({
  dev,
  handleApi,
  handleMetrics,
  startNext,
  pagesWorker,
  background = [],
}: ConsoleServerOptions): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    fail((error as Error).message);
  }
  // The session secret (when generated), uploads and a SQLite database are written there.
  ensureWritable(config.dataDir);
  if (config.provider === "sqlite") ensureWritable(path.dirname(sqliteFilePath(config.databaseUrl)));
  try {
    exposeToNextAuth(getAuthSecret());
  } catch (error) {
    fail((error as Error).message);
  }
  const { port, host: hostname } = config;
  if (pagesWorker) takeConnectionShare("api");

  try {
    const applied = await migrateDatabase(config.provider, config.databaseUrl);
    console.log(
      `console: database ${describeDatabase()} ${applied.length ? `migrated (${applied.join(", ")})` : "is up to date"}`,
    );
    const sealed = await sealLegacyAuditEvents();
    if (sealed > 0) console.log(`console: hashed the ${sealed} audit events recorded before the audit chain existed`);
    const admin = await ensureFirstAdmin();
    if (admin?.generated) {
      console.log(
        `console: created the first administrator. Username: ${admin.username}  Password: ${admin.password}\n` +
          "console: this password is shown once; change it with: npm run user -- set-password admin",
      );
    } else if (admin) {
      console.log(`console: created the first administrator "${admin.username}" with ADMIN_PASSWORD.`);
    }
    rememberDatabaseFile();
  } catch (error) {
    fail(errorLine(error));
  }
  startAvailabilityMonitor();

  let handleNext: RequestHandler;
  try {
    handleNext = pagesWorker ? await startPagesWorker(pagesWorker, { hostname, port }) : await startNext({ hostname, port });
  } catch (error) {
    // E.g. no production build: Next's own handler would print a stack trace and exit 0.
    fail(errorLine(error));
  }

  const server = createServer({ connectionsCheckingInterval: DEADLINE_CHECK_INTERVAL_MS }, (req, res) => {
    const url = wellFormedTarget(req.url);
    if (url === null) {
      sendBadTarget(res);
      return;
    }
    const https = reachedOverHttps(req, config.trustProxy);
    if (https) res.setHeader("strict-transport-security", HSTS);
    if (url.startsWith("/api/v1/") || url === "/api/v1" || url.startsWith("/api/v1?")) {
      void handleApi(req, res);
      return;
    }
    if (handleMetrics && (url === "/metrics" || url.startsWith("/metrics?"))) {
      void handleMetrics(req, res);
      return;
    }
    if (url === "/api/health" || url.startsWith("/api/health?")) {
      void handleHealthRequest(req, res);
      return;
    }
    if (!databaseState().ok && !passesWhileUnavailable(url)) {
      res.writeHead(UNAVAILABLE_PAGE.status, UNAVAILABLE_PAGE.headers);
      res.end(req.method === "HEAD" ? undefined : UNAVAILABLE_PAGE.body);
      return;
    }
    prepareForNext(req, config.trustProxy, https);
    void handleNext(req, res);
  });
  // Deadlines for clients that stop sending (docs/operations.md, "Timeouts"): a request must arrive
  // whole within requestTimeout (408 otherwise), its headers within HEADERS_TIMEOUT_MS, and a connection
  // on which nothing moves for idleTimeout during a request is closed, so that a stalled upload does not
  // hold its buffers and temporary file until the request deadline.
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs);
  // The idle timeout by a sweep, not by Node's server.timeout: a timer per request (idle-connections.ts).
  server.timeout = 0;
  closeIdleConnections(server, config.idleTimeoutMs);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on("error", (error: NodeJS.ErrnoException) => {
    fail(error.code === "EADDRINUSE" ? `port ${port} on ${hostname} is already in use.` : error.message);
  });
  server.listen(port, hostname, () => {
    // The bound port: PORT=0 asks for any free one.
    const bound = (server.address() as { port: number } | null)?.port ?? port;
    console.log(`console: ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${bound}${dev ? " (dev)" : ""}`);
  });

  const stopBackground = startBackgroundWork(background, systemClock);
  const shutdown = () => {
    // Background jobs finish their step and give their leases up, so another instance takes over at once.
    void Promise.all([new Promise((resolve) => server.close(resolve)), stopBackground()]).then(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
