import "server-only";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { sealLegacyAuditEvents } from "../audit/chain";
import { getAuthSecret } from "../auth/secret";
import { ensureFirstAdmin } from "../auth/users";
import { exposeToNextAuth, getConfig } from "../config/config";
import { databaseState, startAvailabilityMonitor } from "../db/availability";
import { pgPoolConfig, sqliteFilePath } from "../db/database-url";
import { rememberDatabaseFile } from "../db/health";
import { migrateDatabase } from "../db/migrate";
import { startBackgroundWork, type BackgroundWork } from "../jobs/background";
import { systemClock } from "../jobs/clock";
import { CLIENT_IP_HEADER, clientIpOf } from "./client-address";
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

function prepareForNext(req: IncomingMessage, trustProxy: boolean): void {
  req.headers[CLIENT_IP_HEADER] = clientIpOf(req, trustProxy) ?? "";
  // next-auth derives its origin (and whether cookies are Secure) from these headers.
  if (!trustProxy || !req.headers["x-forwarded-proto"]) {
    req.headers["x-forwarded-proto"] = "encrypted" in req.socket && req.socket.encrypted ? "https" : "http";
  }
  if (!trustProxy) delete req.headers["x-forwarded-host"];
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
  });
  res.end(body);
}

/**
 * Whether the client reached the console over HTTPS: its own TLS socket, or with TRUST_PROXY the proxy's
 * X-Forwarded-Proto (never believed otherwise: a client could claim https over plain HTTP).
 */
function reachedOverHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ("encrypted" in req.socket && req.socket.encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers["x-forwarded-proto"];
  return (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim().toLowerCase() === "https";
}

/** Two years, as browsers' preload lists expect; only ever sent over HTTPS (RFC 6797 §7.2). */
const HSTS = "max-age=63072000; includeSubDomains";

/** Requests that never need the database, or answer its absence themselves (health, sign-in's handler). */
function passesWhileUnavailable(url: string): boolean {
  return (
    url.startsWith("/_next/") ||
    url.startsWith("/api/health") ||
    url.startsWith("/api/auth/") ||
    url === "/favicon.svg" ||
    url === "/favicon.ico"
  );
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

type ConsoleServerOptions = {
  dev: boolean;
  /** The Bearer API's handler, for every /api/v1 request. */
  handleApi: RequestHandler;
  /** Prepares Next.js and returns its handler, for every other request. */
  startNext: (where: { hostname: string; port: number }) => Promise<RequestHandler>;
  /** The features' background work (audit forwarding, retention…), started after migrations, stopped on shutdown. */
  background?: readonly BackgroundWork[];
};

/**
 * The console's process: reads the configuration, applies migrations, creates the first administrator,
 * then serves Next.js and the Bearer API on one port. /api/v1/* goes to the lean node:http handler (Next's
 * request pipeline costs far more than the token check itself; docs/architecture.md), the rest to Next.
 */
export async function startConsoleServer({ dev, handleApi, startNext, background = [] }: ConsoleServerOptions): Promise<void> {
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
    fail((error as Error).message.split("\n")[0] ?? "database error");
  }
  startAvailabilityMonitor();

  let handleNext: RequestHandler;
  try {
    handleNext = await startNext({ hostname, port });
  } catch (error) {
    // E.g. no production build: Next's own handler would print a stack trace and exit 0.
    fail((error as Error).message.split("\n")[0] ?? "Next.js failed to start");
  }

  const server = createServer((req, res) => {
    const url = wellFormedTarget(req.url);
    if (url === null) {
      sendBadTarget(res);
      return;
    }
    if (reachedOverHttps(req, config.trustProxy)) res.setHeader("strict-transport-security", HSTS);
    if (url.startsWith("/api/v1/") || url === "/api/v1" || url.startsWith("/api/v1?")) {
      void handleApi(req, res);
      return;
    }
    if (!databaseState().ok && !passesWhileUnavailable(url)) {
      res.writeHead(UNAVAILABLE_PAGE.status, UNAVAILABLE_PAGE.headers);
      res.end(req.method === "HEAD" ? undefined : UNAVAILABLE_PAGE.body);
      return;
    }
    prepareForNext(req, config.trustProxy);
    void handleNext(req, res);
  });
  server.keepAliveTimeout = 65_000;
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
