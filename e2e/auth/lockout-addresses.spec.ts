import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { INSTANCE_ADMIN, signInOverHttp, startInstance, type Instance } from "../support/instance";

// Behind a trusted proxy (TRUST_PROXY=1: one proxy, which appends the address it saw to X-Forwarded-For)
// the console reads the client's address from the header's right-most entry, so this spec can play a
// stranger at one address and the administrator at another.
let instance: Instance;
test.beforeAll(async () => {
  instance = await startInstance({ TRUST_PROXY: "1" });
});
test.afterAll(async () => {
  // Unset when beforeAll failed: stopping must not hide that failure.
  await (instance as Instance | undefined)?.stop();
});

test("strangers cannot lock the administrator out; their own address is refused with a wait time", async () => {
  const stranger = "203.0.113.66";
  for (let i = 0; i < 5; i++) {
    expect((await signInOverHttp(instance.url, "admin", `wrong guess ${i}`, stranger)).error).toBe("CredentialsSignin");
  }
  // The stranger's address is refused now, even with the right password, and told how long to wait.
  const refused = await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password, stranger);
  expect(refused.error).toMatch(/^throttled:\d+$/);
  expect(Number(refused.error.split(":")[1])).toBeGreaterThan(800);
  expect(refused.cookie).toBeNull();

  // The administrator, from another address, signs in.
  const admin = await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password, "198.51.100.10");
  expect(admin.error).toBe("");
  expect(admin.cookie).toMatch(/session-token=/);

  // An IPv6 stranger is counted per /64: rotating addresses inside it does not help.
  for (let i = 0; i < 5; i++) {
    await signInOverHttp(instance.url, "admin", `v6 guess ${i}`, `2001:db8:5:6::${i + 1}`);
  }
  expect((await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password, "2001:db8:5:6::beef")).error).toMatch(
    /^throttled:/,
  );
  expect((await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password, "2001:db8:5:7::1")).error).toBe("");
});

test("one address trying many usernames is refused after 20 failures, without more audit rows", async () => {
  const sprayer = "203.0.113.77";
  for (let i = 0; i < 20; i++) {
    expect((await signInOverHttp(instance.url, `nobody-${i}`, "password123456", sprayer)).error).toBe("CredentialsSignin");
  }
  for (let i = 0; i < 10; i++) {
    expect((await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password, sprayer)).error).toMatch(/^throttled:/);
  }
  expect((await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password, "198.51.100.11")).error).toBe("");

  // 20 failures and one event for the block; the 10 refused attempts wrote nothing.
  const database = new Database(path.join(instance.dataDir, "console.db"), { readonly: true });
  const rows = database
    .prepare("SELECT action, COUNT(*) AS n FROM audit_events WHERE ip = ? GROUP BY action ORDER BY action")
    .all(sprayer);
  database.close();
  expect(rows).toEqual([
    { action: "auth.sign_in_failed", n: 20 },
    { action: "auth.sign_in_throttled", n: 1 },
  ]);
});

test("what a client writes into X-Forwarded-For itself changes neither its throttle nor its audit address", async () => {
  const stranger = "203.0.113.88";
  // The proxy appends the address it saw after whatever the client sent.
  for (let i = 0; i < 5; i++) {
    const result = await signInOverHttp(instance.url, "admin", `spoofed guess ${i}`, `198.51.100.${i + 20}, ${stranger}`);
    expect(result.error).toBe("CredentialsSignin");
  }
  const refused = await signInOverHttp(instance.url, "admin", INSTANCE_ADMIN.password, `198.51.100.99, ${stranger}`);
  expect(refused.error).toMatch(/^throttled:\d+$/);

  const database = new Database(path.join(instance.dataDir, "console.db"), { readonly: true });
  const failuresFrom = (ip: string) =>
    (
      database.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'auth.sign_in_failed' AND ip = ?").get(ip) as {
        n: number;
      }
    ).n;
  try {
    expect(failuresFrom(stranger)).toBe(5);
    for (let i = 0; i < 5; i++) expect(failuresFrom(`198.51.100.${i + 20}`)).toBe(0);
  } finally {
    database.close();
  }
});

test("of 30 guesses at once for one username from one address, at most 5 reach a password check", async () => {
  const stranger = "203.0.113.99";
  // Each attempt reserves its count before the password is checked (next-auth's credentials endpoint).
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => signInOverHttp(instance.url, "admin", `burst guess ${i}`, stranger)),
  );
  const errors = results.map((r) => (r.error.startsWith("throttled:") ? "throttled" : r.error));
  expect(errors.filter((e) => e === "CredentialsSignin")).toHaveLength(5);
  expect(errors.filter((e) => e === "throttled")).toHaveLength(25);

  const database = new Database(path.join(instance.dataDir, "console.db"), { readonly: true });
  const failed = database
    .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'auth.sign_in_failed' AND ip = ?")
    .get(stranger);
  database.close();
  expect(failed).toEqual({ n: 5 });
});
