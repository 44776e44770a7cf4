// The console's environment: every variable it reads, declared once with its default and meaning, and
// read only through this module. The Configuration table of docs/operations.md lists the same variables (a test
// compares them). A bad value stops the start with one line that names the variable.
import "server-only";
import path from "node:path";
import { z } from "zod";
import { registerSingleCopy } from "../single-copy";
import { formatCidr, parseCidr } from "../tokens/ip-addresses";

export type DatabaseProvider = "sqlite" | "postgresql";

type Variable<T> = {
  schema: z.ZodType<T, string | undefined>;
  /** As docs/operations.md shows it. */
  default: string;
  meaning: string;
  /** How a bad value may be echoed in the error line: never a secret, never a URL's password. */
  echo?: (raw: string) => string;
};

const blankAsUndefined = (value: string | undefined) => (value === "" ? undefined : value);

function wholeNumber(fallback: number, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}) {
  const range = max === Number.MAX_SAFE_INTEGER && min === 1 ? "a positive whole number" : `a whole number from ${min} to ${max}`;
  return z.preprocess(
    blankAsUndefined,
    z
      .string()
      .regex(/^\d+$/, `must be ${range}`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `must be ${range}`)
      .optional()
      .transform((n) => n ?? fallback),
  ) as unknown as z.ZodType<number, string | undefined>;
}

function optionalText() {
  return z.preprocess(blankAsUndefined, z.string().optional()) as unknown as z.ZodType<string | undefined, string | undefined>;
}

/**
 * Which reverse proxies the console believes about the client (X-Forwarded-For, X-Forwarded-Proto): how
 * many stand in front of it, or their addresses. Off by default.
 */
export type TrustProxy = false | { hops: number } | { proxies: string[] };

/** proxy-addr's names for address ranges, which TRUST_PROXY accepts too. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
const MAX_PROXY_HOPS = 10;
const TRUST_PROXY_FORMS = `the number of reverse proxies in front of the console (1 to ${MAX_PROXY_HOPS}) or a comma-separated list of their addresses`;

function trustProxy() {
  return z.preprocess(
    blankAsUndefined,
    z
      .string()
      .optional()
      .transform((raw, ctx): TrustProxy => {
        const text = raw?.trim().toLowerCase();
        if (text === undefined || text === "false" || text === "0") return false;
        if (text === "true") {
          // What it used to mean: the left-most X-Forwarded-For entry, which a client writes itself.
          ctx.addIssue({
            code: "custom",
            message: `must be ${TRUST_PROXY_FORMS}; "true" would believe addresses that clients write themselves;`,
          });
          return z.NEVER;
        }
        if (/^\d+$/.test(text)) {
          const hops = Number(text);
          if (hops <= MAX_PROXY_HOPS) return { hops };
          ctx.addIssue({ code: "custom", message: `must be ${TRUST_PROXY_FORMS};` });
          return z.NEVER;
        }
        const proxies: string[] = [];
        for (const entry of text.split(",").map((e) => e.trim())) {
          if (PROXY_RANGE_NAMES.has(entry)) {
            proxies.push(entry);
            continue;
          }
          const range = parseCidr(entry);
          if (!range.ok) {
            ctx.addIssue({ code: "custom", message: `must be ${TRUST_PROXY_FORMS}: ${range.message.replace(/\.$/, "")};` });
            return z.NEVER;
          }
          proxies.push(formatCidr(range.range));
        }
        return { proxies };
      }),
  ) as unknown as z.ZodType<TrustProxy, string | undefined>;
}

/** Comma-separated addresses and CIDR ranges, normalised one per line (the form allowedCidrs are stored in); null when empty. */
function addressList() {
  return z.preprocess(
    blankAsUndefined,
    z
      .string()
      .optional()
      .transform((raw, ctx): string | null => {
        if (raw === undefined) return null;
        const ranges: string[] = [];
        for (const entry of raw
          .split(",")
          .map((e) => e.trim())
          .filter(Boolean)) {
          const range = parseCidr(entry);
          if (!range.ok) {
            ctx.addIssue({
              code: "custom",
              message: `must be a comma-separated list of addresses or CIDR ranges: ${range.message.replace(/\.$/, "")};`,
            });
            return z.NEVER;
          }
          ranges.push(formatCidr(range.range));
        }
        return ranges.length > 0 ? ranges.join("\n") : null;
      }),
  ) as unknown as z.ZodType<string | null, string | undefined>;
}

export const ENVIRONMENT = {
  PORT: {
    // 0: any free port (tests).
    schema: wholeNumber(3000, { min: 0, max: 65_535 }),
    default: "3000",
    meaning: "port of the console and its API",
  },
  HOST: {
    schema: z.preprocess(blankAsUndefined, z.string().default("0.0.0.0")),
    default: "0.0.0.0",
    meaning: "address to listen on",
  },
  DATA_DIR: {
    schema: optionalText(),
    default: "./data",
    meaning: "the SQLite database, the generated session secret and uploaded files",
  },
  DATABASE_URL: {
    schema: z.preprocess(
      blankAsUndefined,
      z
        .string()
        .refine((url) => /^postgres(ql)?:\/\//i.test(url) || url.startsWith("file:"), {
          error: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL);',
        })
        .optional(),
    ),
    default: "file:$DATA_DIR/console.db",
    meaning: "SQLite file or PostgreSQL server",
    echo: (raw) => `${raw.split(":")[0]}:…`,
  },
  ADMIN_PASSWORD: {
    schema: optionalText(),
    default: "generated",
    meaning: "password of the `admin` user created on the very first start",
  },
  AUTH_SECRET: {
    schema: optionalText(),
    default: "generated",
    meaning: "key that seals session cookies",
  },
  NEXTAUTH_SECRET: {
    schema: optionalText(),
    default: "generated",
    meaning: "another name of AUTH_SECRET",
  },
  NEXTAUTH_URL: {
    schema: z.preprocess(
      blankAsUndefined,
      z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
    ),
    default: "the host the browser used",
    meaning: "public URL of the console",
  },
  TRUST_PROXY: {
    schema: trustProxy(),
    default: "false",
    meaning: "the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto give the client's address and scheme",
  },
  MAX_UPLOAD_BYTES: {
    // Larger values are accepted and capped at what the file store can hold (2 GiB - 1).
    schema: wholeNumber(100 * 1024 * 1024),
    default: "104857600",
    meaning: "largest file accepted by POST /api/v1/files",
  },
  REQUEST_TIMEOUT_SECONDS: {
    schema: wholeNumber(600, { min: 1, max: 24 * 60 * 60 }),
    default: "600",
    meaning: "longest a client may take to send one whole request, headers and body (an upload included)",
  },
  IDLE_TIMEOUT_SECONDS: {
    schema: wholeNumber(30, { min: 1, max: 60 * 60 }),
    default: "30",
    meaning: "a connection on which nothing arrives or leaves for this long during a request is closed",
  },
  API_AUTH_FAILURES_PER_MINUTE: {
    schema: wholeNumber(20),
    default: "20",
    meaning: "failed Bearer authentications allowed per client address per minute",
  },
  SIGN_IN_FAILURES_PER_USER: {
    schema: wholeNumber(5),
    default: "5",
    meaning:
      "failed sign-ins for one username from one address (IPv6: one /64) within the window before that address is refused for that username",
  },
  SIGN_IN_FAILURES_PER_ADDRESS: {
    schema: wholeNumber(20),
    default: "20",
    meaning: "failed sign-ins from one address over all usernames within the window before the address is refused",
  },
  SIGN_IN_WINDOW_MINUTES: {
    schema: wholeNumber(15, { min: 1, max: 24 * 60 }),
    default: "15",
    meaning: "the sign-in counting window; a refused address may try again when its window closes",
  },
  DIRECTORY_RECHECK_MINUTES: {
    schema: wholeNumber(5, { min: 1, max: 5 }),
    default: "5",
    meaning:
      "how often a signed-in directory user's groups are checked again; a user removed from the groups loses access at the next check",
  },
  METRICS_ALLOWED_ADDRESSES: {
    schema: addressList(),
    default: "none",
    meaning: "addresses and CIDR ranges that may read GET /metrics without a token",
  },
  USAGE_FLUSH_SECONDS: {
    schema: wholeNumber(60, { min: 1, max: 60 }),
    default: "60",
    meaning: "how often each instance writes the API usage it counted in memory (what SIGKILL may lose)",
  },
  USAGE_RETENTION_DAYS: {
    schema: wholeNumber(400, { min: 31, max: 3660 }),
    default: "400",
    meaning: "how long daily API usage per token is kept",
  },
} satisfies Record<string, Variable<unknown>>;

export type EnvironmentName = keyof typeof ENVIRONMENT;
/** The process environment, or any other set of variables (tests). */
export type Environment = Readonly<Record<string, string | undefined>>;
type ValueOf<N extends EnvironmentName> = z.output<(typeof ENVIRONMENT)[N]["schema"]>;

/** Thrown for a bad value; the message is the one line the console prints before it stops. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** One variable, parsed now (for values read once, such as ADMIN_PASSWORD on the first start). */
export function readEnv<N extends EnvironmentName>(name: N, env: Environment = process.env): ValueOf<N> {
  const raw = env[name];
  const variable: Variable<unknown> = ENVIRONMENT[name];
  const result = variable.schema.safeParse(raw);
  if (!result.success) {
    const message = result.error.issues[0]?.message ?? "is invalid";
    const shown = variable.echo ? variable.echo(raw ?? "") : (raw ?? "").slice(0, 60);
    throw new ConfigError(`${name} ${message}${message.endsWith(";") ? "" : ","} got "${shown}".`);
  }
  return result.data as ValueOf<N>;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  provider: DatabaseProvider;
  maxUploadBytes: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  trustProxy: TrustProxy;
  authFailuresPerMinute: number;
  /** Failed sign-ins per (username, address) within the window before that pair is refused. */
  signInFailuresPerUser: number;
  /** Failed sign-ins per address, over all usernames, within the window before the address is refused. */
  signInFailuresPerAddress: number;
  signInWindowMs: number;
  /** How long a directory user's session goes between two checks of their groups. */
  directoryRecheckMs: number;
  /** Who may read /metrics without a token: CIDR ranges one per line, or null for nobody. */
  metricsAllowedAddresses: string | null;
  /** How often each instance writes the API usage it counted (modules/usage). */
  usageFlushMs: number;
  usageRetentionDays: number;
  /** NEXTAUTH_URL, when the operator set the console's public URL. */
  publicUrl: string | undefined;
};

function providerOf(databaseUrl: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";
}

/** Every setting, parsed and derived once per process. */
export function loadConfig(env: Environment = process.env): Config {
  const dataDir = path.resolve(/* turbopackIgnore: true */ readEnv("DATA_DIR", env) ?? "data");
  const databaseUrl = readEnv("DATABASE_URL", env) ?? `file:${path.join(dataDir, "console.db")}`;
  return {
    port: readEnv("PORT", env),
    host: readEnv("HOST", env),
    dataDir,
    databaseUrl,
    provider: providerOf(databaseUrl),
    maxUploadBytes: readEnv("MAX_UPLOAD_BYTES", env),
    requestTimeoutMs: readEnv("REQUEST_TIMEOUT_SECONDS", env) * 1000,
    idleTimeoutMs: readEnv("IDLE_TIMEOUT_SECONDS", env) * 1000,
    trustProxy: readEnv("TRUST_PROXY", env),
    authFailuresPerMinute: readEnv("API_AUTH_FAILURES_PER_MINUTE", env),
    signInFailuresPerUser: readEnv("SIGN_IN_FAILURES_PER_USER", env),
    signInFailuresPerAddress: readEnv("SIGN_IN_FAILURES_PER_ADDRESS", env),
    signInWindowMs: readEnv("SIGN_IN_WINDOW_MINUTES", env) * 60_000,
    directoryRecheckMs: readEnv("DIRECTORY_RECHECK_MINUTES", env) * 60_000,
    metricsAllowedAddresses: readEnv("METRICS_ALLOWED_ADDRESSES", env),
    usageFlushMs: readEnv("USAGE_FLUSH_SECONDS", env) * 1000,
    usageRetentionDays: readEnv("USAGE_RETENTION_DAYS", env),
    publicUrl: readEnv("NEXTAUTH_URL", env),
  };
}

registerSingleCopy("lib/config/config");

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

/**
 * This thread's configuration from the process environment with some variables given otherwise: for a
 * worker thread, which has its own copy of this module (modules/audit-forwarding/delivery-worker.ts).
 */
export function configureThread(overrides: Partial<Record<EnvironmentName, string>>): Config {
  cached = loadConfig({ ...process.env, ...overrides });
  return cached;
}

/**
 * next-auth reads its secret, and whether to trust the Host header, from the environment. Without
 * NEXTAUTH_URL it uses the host the browser asked for: an appliance is reached by whatever name or address
 * the network gives it.
 */
export function exposeToNextAuth(secret: string): void {
  process.env.NEXTAUTH_SECRET = secret;
  if (!getConfig().publicUrl) process.env.AUTH_TRUST_HOST = "1";
}
