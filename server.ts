// The console's process: applies migrations, creates the first administrator, then serves Next.js and
// the Bearer API on one port. /api/v1/* goes to a lean node:http handler (Next's request pipeline costs
// ~10x the token check itself; docs/architecture.md), everything else to Next.
import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { handleApiRequest } from "./lib/api/http/handler";
import { getAuthSecret } from "./lib/server/auth/secret";
import { CLIENT_IP_HEADER, clientIpOf } from "./lib/server/platform/client-ip";
import { getConfig } from "./lib/server/platform/config";
import { pgPoolConfig } from "./lib/server/platform/database-url";
import { migrateDatabase } from "./lib/server/platform/migrate";
import { ensureFirstAdmin } from "./lib/server/auth/users";

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

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  let config;
  try {
    config = getConfig();
    process.env.NEXTAUTH_SECRET = getAuthSecret();
  } catch (error) {
    fail((error as Error).message);
  }
  // Without NEXTAUTH_URL, next-auth uses the host the browser asked for: an appliance is reached by
  // whatever name or address the network gives it.
  if (!config.publicUrl) process.env.AUTH_TRUST_HOST = "1";
  const { port, host: hostname } = config;

  try {
    const applied = await migrateDatabase(config.provider, config.databaseUrl);
    console.log(
      `console: database ${describeDatabase()} ${applied.length ? `migrated (${applied.join(", ")})` : "is up to date"}`,
    );
    const admin = await ensureFirstAdmin();
    if (admin?.generated) {
      console.log(
        `console: created the first administrator. Username: ${admin.username}  Password: ${admin.password}\n` +
          "console: this password is shown once; change it with: npm run user -- set-password admin",
      );
    } else if (admin) {
      console.log(`console: created the first administrator "${admin.username}" with ADMIN_PASSWORD.`);
    }
  } catch (error) {
    fail((error as Error).message.split("\n")[0] ?? "database error");
  }

  const app = next({ dev, dir: process.cwd(), hostname, port });
  try {
    await app.prepare();
  } catch (error) {
    // E.g. no production build: Next's own handler would print a stack trace and exit 0.
    fail((error as Error).message.split("\n")[0] ?? "Next.js failed to start");
  }
  const handleNext = app.getRequestHandler();

  const server = createServer((req, res) => {
    if (req.url?.startsWith("/api/v1/") || req.url === "/api/v1") {
      handleApiRequest(req, res);
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
    console.log(`console: ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${dev ? " (dev)" : ""}`);
  });

  const shutdown = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

void main();
