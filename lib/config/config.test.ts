import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, ENVIRONMENT, loadConfig } from "./config";

/** The Configuration table of docs/operations.md: variable names (first column) → the default column's text. */
function documentedConfigurationTable(): Map<string, string> {
  const readme = readFileSync(path.join(ROOT, "docs", "operations.md"), "utf8");
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = new Map<string, string>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    if (cells.length < 5 || !cells[1]?.startsWith("`")) continue;
    for (const [, name] of cells[1].matchAll(/`([A-Z_]+)`/g)) rows.set(name!, cells[2]!);
  }
  return rows;
}

const ROOT = path.resolve(__dirname, "../..");

describe("the environment schema", () => {
  it("is the Configuration table of docs/operations.md: the same variables with the same defaults", () => {
    const table = documentedConfigurationTable();
    expect([...table.keys()].sort()).toEqual(Object.keys(ENVIRONMENT).sort());
    for (const [name, variable] of Object.entries(ENVIRONMENT)) {
      expect(table.get(name), name).toContain(variable.default);
    }
  });

  it("gives every default when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: "0.0.0.0",
      dataDir: path.resolve("data"),
      databaseUrl: `file:${path.resolve("data", "console.db")}`,
      provider: "sqlite",
      maxUploadBytes: 104_857_600,
      trustProxy: false,
      authFailuresPerMinute: 20,
      publicUrl: undefined,
    });
  });

  it("reads usage and metrics settings, refusing a bad address or interval with the variable named", () => {
    expect(loadConfig({})).toMatchObject({ usageFlushMs: 60_000, usageRetentionDays: 400, metricsAllowedAddresses: null });
    const config = loadConfig({
      USAGE_FLUSH_SECONDS: "5",
      USAGE_RETENTION_DAYS: "90",
      METRICS_ALLOWED_ADDRESSES: "10.0.0.5, 192.0.2.0/24",
    });
    expect(config).toMatchObject({
      usageFlushMs: 5_000,
      usageRetentionDays: 90,
      metricsAllowedAddresses: "10.0.0.5/32\n192.0.2.0/24",
    });
    expect(() => loadConfig({ METRICS_ALLOWED_ADDRESSES: "10.0.0.5, nonsense" })).toThrow(/^METRICS_ALLOWED_ADDRESSES must be/);
    expect(() => loadConfig({ USAGE_FLUSH_SECONDS: "61" })).toThrow(/^USAGE_FLUSH_SECONDS must be a whole number from 1 to 60/);
  });

  it("treats an empty value as unset", () => {
    expect(loadConfig({ PORT: "", TRUST_PROXY: "", DATABASE_URL: "" }).port).toBe(3000);
  });

  it("reads each variable", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "127.0.0.1",
      DATA_DIR: "/srv/console",
      DATABASE_URL: "postgresql://console:secret@db.local:5432/console",
      TRUST_PROXY: "1",
      MAX_UPLOAD_BYTES: "1024",
      API_AUTH_FAILURES_PER_MINUTE: "5",
      NEXTAUTH_URL: "https://console.example.local",
    });
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      dataDir: "/srv/console",
      provider: "postgresql",
      trustProxy: { hops: 1 },
      maxUploadBytes: 1024,
      authFailuresPerMinute: 5,
      publicUrl: "https://console.example.local",
    });
  });

  it.each([
    [{ PORT: "abc" }, 'PORT must be a whole number from 0 to 65535, got "abc".'],
    [{ PORT: "70000" }, 'PORT must be a whole number from 0 to 65535, got "70000".'],
    [{ MAX_UPLOAD_BYTES: "0" }, 'MAX_UPLOAD_BYTES must be a positive whole number, got "0".'],
    [{ API_AUTH_FAILURES_PER_MINUTE: "1.5" }, 'API_AUTH_FAILURES_PER_MINUTE must be a positive whole number, got "1.5".'],
    [
      { TRUST_PROXY: "yes" },
      'TRUST_PROXY must be the number of reverse proxies in front of the console (1 to 10) or a comma-separated list of their addresses: "yes" is not an IPv4 or IPv6 range; got "yes".',
    ],
    [{ NEXTAUTH_URL: "console.local" }, 'NEXTAUTH_URL must be an http:// or https:// URL, got "console.local".'],
    [
      { DATABASE_URL: "mysql://root:hunter2@db/console" },
      'DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "mysql:…".',
    ],
  ])("stops on %o with one line naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});

describe("configureThread", () => {
  it("gives this thread the process's settings with the variables given replaced, and validates them", async () => {
    const { configureThread, getConfig } = await import("./config");
    const before = getConfig();
    try {
      const url = "postgresql://reader:secret@db.example:5432/console?connection_limit=2";
      const config = configureThread({ DATABASE_URL: url });
      expect(getConfig()).toBe(config);
      expect(config).toMatchObject({ databaseUrl: url, provider: "postgresql", dataDir: before.dataDir });
      expect(() => configureThread({ USAGE_FLUSH_SECONDS: "soon" })).toThrow(/USAGE_FLUSH_SECONDS/);
    } finally {
      configureThread({ DATABASE_URL: before.databaseUrl });
    }
  });
});
