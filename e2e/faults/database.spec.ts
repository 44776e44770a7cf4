// The database fails under a running console: PostgreSQL stopped, PostgreSQL frozen (its processes
// stopped with pooled connections open), the SQLite file deleted, a read-only data folder at start.
// Every answer within 5 s is a calm 503 that shows nothing internal, and the console recovers by itself.
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "../support/env";
import { INSTANCE_ADMIN, runToEnd, SERVER_BUNDLE, signInOverHttp, startInstance, type Instance } from "../support/instance";
import { createCluster, unavailableReason, type Cluster } from "../support/pg-cluster";
import { generateToken } from "@/lib/tokens/server";
import { needs, ROOT_MISSING } from "../support/needs";
import { expectNoAxeViolations } from "../support/axe";

test.describe.configure({ mode: "serial" });

const UNKNOWN_TOKEN = generateToken("DEVELOPER").token;
/** Words that would give away internals: drivers, queries, hosts, ports, paths. */
const INTERNALS = new RegExp(
  `prisma|postgres|sqlite|ECONN|SELECT|INSERT|invocation|\\bat \\S+:\\d+|127\\.0\\.0\\.1|${E2E_PORT + 50}|/tmp/|console\\.db|timeout exceeded|Query read|readonly|disk I/O`,
  "i",
);

type Probe = { name: string; status: number; body: string; ms: number };

async function probe(instance: Instance, cookie: string): Promise<Probe[]> {
  const get = async (name: string, path: string, headers: Record<string, string> = {}): Promise<Probe> => {
    const started = Date.now();
    const response = await fetch(`${instance.url}${path}`, { headers, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    return { name, status: response.status, body: await response.text(), ms: Date.now() - started };
  };
  const started = Date.now();
  const signIn = await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password);
  return Promise.all([
    get("health", "/api/health"),
    get("api token", "/api/v1/token", { authorization: `Bearer ${UNKNOWN_TOKEN}` }),
    get("api list", "/api/v1/service-tokens", { authorization: `Bearer ${UNKNOWN_TOKEN}` }),
    get("metrics", "/metrics", { authorization: `Bearer ${UNKNOWN_TOKEN}` }),
    get("tokens page", "/settings/service-tokens", { cookie }),
    get("sign-in page", "/sign-in"),
    Promise.resolve({
      name: "sign in",
      status: signIn.error === "unavailable" ? 503 : signIn.status,
      body: signIn.error,
      ms: Date.now() - started,
    }),
  ]);
}

/**
 * Probes in rounds from the moment of the fault: every answer, also those in flight when the fault
 * came, arrives within 5 s and shows nothing internal; and a round that started within 5 s of the fault
 * finds 503 everywhere.
 */
async function expectAllUnavailable(instance: Instance, cookie: string, since: number): Promise<void> {
  let last: Probe[] = [];
  let roundStart = since;
  while (Date.now() - since < 15_000) {
    roundStart = Date.now();
    last = await probe(instance, cookie);
    for (const p of last) {
      // Answers of the fault (a page rendered just before it was noticed is an ordinary page).
      if (p.status >= 400 || p.name === "sign in") expect(p.body, p.name).not.toMatch(INTERNALS);
      expect(p.ms, `${p.name} answered within 5 s`).toBeLessThan(5_000);
    }
    if (last.every((p) => p.status === 503)) break;
  }
  expect(last.map((p) => `${p.name} ${p.status}`)).toEqual(last.map((p) => `${p.name} 503`));
  expect(roundStart - since, "503 everywhere within 5 s of the fault").toBeLessThan(5_000);
  const byName = Object.fromEntries(last.map((p) => [p.name, p]));
  expect(JSON.parse(byName.health!.body)).toMatchObject({ status: "unavailable", reason: expect.stringMatching(/\S/) });
  expect((JSON.parse(byName["api token"]!.body) as { error: { code: string } }).error.code).toBe("unavailable");
  expect(byName["tokens page"]!.body).toContain("The console cannot reach its database");
  expect(byName["sign in"]!.body).toBe("unavailable");
  expect(instance.alive()).toBe(true);
}

async function healthStatus(instance: Instance): Promise<number> {
  return (await fetch(`${instance.url}/api/health`, { signal: AbortSignal.timeout(5_000) })).status;
}

async function expectRecovered(instance: Instance, cookie: string, since: number): Promise<void> {
  let last: Probe[] = [];
  while (Date.now() - since < 20_000) {
    last = await probe(instance, cookie);
    if (last.every((p) => p.status !== 503)) break;
  }
  expect(last.map((p) => `${p.name} ${p.status}`)).toEqual([
    "health 200",
    "api token 401",
    "api list 401",
    "metrics 401",
    "tokens page 200",
    "sign-in page 200",
    "sign in 200",
  ]);
}

test.describe("PostgreSQL", () => {
  needs(unavailableReason());
  let cluster: Cluster;
  let instance: Instance;
  let cookie: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    cluster = createCluster(E2E_PORT + 50);
    instance = await startInstance({ DATABASE_URL: cluster.url });
    const signedIn = await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password);
    cookie = signedIn.cookie!;
  });
  test.afterAll(async () => {
    // Unset when beforeAll failed: cleaning up must not hide that failure.
    await (instance as Instance | undefined)?.stop();
    (cluster as Cluster | undefined)?.destroy();
  });

  test("stopped: 503 everywhere within 5 s, nothing internal shown; back by itself when it returns", async () => {
    test.setTimeout(90_000);
    await expectRecovered(instance, cookie, Date.now());
    const stoppedAt = Date.now();
    cluster.stop();
    await expectAllUnavailable(instance, cookie, stoppedAt);
    cluster.start();
    await expectRecovered(instance, cookie, Date.now());
  });

  test("frozen with connections open: 503 everywhere within 5 s; back by itself when it thaws", async () => {
    test.setTimeout(90_000);
    await expectRecovered(instance, cookie, Date.now());
    const frozenAt = Date.now();
    cluster.freeze();
    try {
      await expectAllUnavailable(instance, cookie, frozenAt);
    } finally {
      cluster.thaw();
    }
    await expectRecovered(instance, cookie, Date.now());
  });
  test("the 503 page: no meta refresh, axe clean, Retry says it is still down, and it opens the console by itself when the database returns", async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    // Only the health endpoint is polled here: the other tests' probes already spend this address's
    // allowance of failed bearer attempts.
    await expect.poll(() => healthStatus(instance), { timeout: 20_000 }).toBe(200);
    cluster.stop();
    let stopped = true;
    try {
      await expect.poll(() => healthStatus(instance), { timeout: 10_000 }).toBe(503);
      // /api/health asks the database itself; pages read the monitor's state, which follows within its
      // next probe (once a second): wait for that, not for a page served in between (a CI flake).
      await expect
        .poll(async () => (await fetch(`${instance.url}/sign-in`, { signal: AbortSignal.timeout(5_000) })).status, {
          timeout: 5_000,
        })
        .toBe(503);
      const context = await browser.newContext();
      const page = await context.newPage();
      const response = await page.goto(`${instance.url}/sign-in`);
      expect(response!.status()).toBe(503);
      await expect(page.getByRole("heading", { name: "The console cannot reach its database" })).toBeVisible();
      await expect(page.locator('meta[http-equiv="refresh" i]')).toHaveCount(0);
      await expectNoAxeViolations(page, "the 503 page");
      // Retry by hand: the page stays and says so politely (its script ran: the CSP allowed it).
      const status = page.getByRole("status");
      await page.getByRole("link", { name: "Retry" }).click();
      await expect(status).toHaveText(/^Still unavailable \(checked at \d\d:\d\d:\d\d UTC\)/);
      expect(page.url()).toBe(`${instance.url}/sign-in`);
      // Without script, Retry is a link to the same address.
      const noScript = await browser.newContext({ javaScriptEnabled: false });
      const plain = await noScript.newPage();
      await plain.goto(`${instance.url}/sign-in`);
      await plain.getByRole("link", { name: "Retry" }).click();
      await expect(plain.getByRole("heading", { name: "The console cannot reach its database" })).toBeVisible();
      expect(plain.url()).toBe(`${instance.url}/sign-in`);
      await noScript.close();
      // The database returns: the open page finds out by itself and shows the sign-in form.
      cluster.start();
      stopped = false;
      await expect(page.getByLabel("Username")).toBeVisible({ timeout: 30_000 });
      await context.close();
    } finally {
      if (stopped) cluster.start();
    }
    await expect.poll(() => healthStatus(instance), { timeout: 20_000 }).toBe(200);
  });
});

test.describe("SQLite", () => {
  test("the database file deleted while running: 503 everywhere within 5 s, writes refused", async () => {
    test.setTimeout(60_000);
    const instance = await startInstance();
    try {
      const cookie = (await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password)).cookie!;
      await expectRecovered(instance, cookie, Date.now());
      const deletedAt = Date.now();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(path.join(instance.dataDir, `console.db${suffix}`), { force: true });
      await expectAllUnavailable(instance, cookie, deletedAt);
      const health = JSON.parse((await probe(instance, cookie))[0]!.body) as { reason: string };
      expect(health.reason).toBe("the database file was removed while the console was running");
    } finally {
      await instance.stop();
    }
  });

  test("an unwritable data folder at start stops the console with one line naming the folder", async () => {
    // Root, to start the console as another user (root may write anywhere).
    needs(ROOT_MISSING);
    const { mkdtempSync, chmodSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const folder = mkdtempSync(path.join(tmpdir(), "console-readonly-"));
    chmodSync(folder, 0o755);
    try {
      const result = await runToEnd(
        "setpriv",
        ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, SERVER_BUNDLE],
        {
          ...process.env,
          DATA_DIR: folder,
          PORT: "0",
          HOST: "127.0.0.1",
          AUTH_SECRET: "x".repeat(32),
          NEXT_DIST_DIR: ".next-e2e",
          DATABASE_URL: "",
        },
      );
      expect(result.code).toBe(1);
      const lines = result.output.split("\n").filter((line) => line.trim() !== "");
      expect(lines).toEqual([
        `console: The data folder ${folder} is not writable (EACCES): the console keeps its database, session secret and files there.`,
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
