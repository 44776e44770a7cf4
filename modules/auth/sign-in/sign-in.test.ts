import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/db";
import { attemptSignIn } from "./sign-in";
import { TEST_PASSWORD, testUsers, uniqueUsername } from "@/lib/testing/users";

const users = testUsers();
const meta = { ip: "203.0.113.7", userAgent: "vitest sign-in test" };
const PER_USER = 5;
const PER_ADDRESS = 20;
const WINDOW_MS = 15 * 60 * 1000;
let addressCounter = 0;
/** A fresh client address: each test's failures are counted on their own. */
const nextMeta = () => ({
  ip: `198.18.${Math.floor(addressCounter / 250)}.${(addressCounter++ % 250) + 1}`,
  userAgent: "vitest sign-in test",
});

afterEach(async () => {
  vi.useRealTimers();
  await users.cleanup();
  await db().auditEvent.deleteMany({ where: { ip: { startsWith: "198.18." } } });
});

function eventsOf(username: string) {
  return db().auditEvent.findMany({
    where: { actorName: username },
    orderBy: { createdAt: "asc" },
    select: { action: true, outcome: true, actorType: true, actorId: true, ip: true, userAgent: true, details: true },
  });
}

async function failTimes(username: string, times: number, from = meta): Promise<void> {
  for (let i = 0; i < times; i++) {
    expect(await attemptSignIn({ username, password: "wrong password, surely" }, from)).toEqual({
      ok: false,
      code: "invalid_credentials",
    });
  }
}

describe("attemptSignIn", () => {
  it("signs in with the right password, records the time and an audit event", async () => {
    const user = await users.create("ADMIN", { displayName: "Signe In" });
    const now = new Date("2030-01-02T03:04:05.000Z");
    vi.useFakeTimers({ toFake: ["Date"], now });

    const result = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, meta);

    expect(result).toEqual({ ok: true, user });
    expect(JSON.stringify(result)).not.toContain("argon2");
    const row = await db().user.findUnique({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(row?.lastSignInAt?.toISOString()).toBe(now.toISOString());
    expect(await eventsOf(user.username)).toEqual([
      { action: "auth.sign_in", outcome: "success", actorType: "user", actorId: user.id, ...meta, details: null },
    ]);
  });

  it("accepts the username in any case and with surrounding spaces", async () => {
    const user = await users.create();
    const result = await attemptSignIn({ username: `  ${user.username.toUpperCase()} `, password: TEST_PASSWORD }, meta);
    expect(result.ok).toBe(true);
  });

  it("answers a wrong password and an unknown user identically, and records both", async () => {
    const user = await users.create();
    const ghost = users.track(uniqueUsername("ghost"));

    const wrongPassword = await attemptSignIn({ username: user.username, password: "not the password" }, meta);
    const unknownUser = await attemptSignIn({ username: ghost, password: TEST_PASSWORD }, meta);

    expect(wrongPassword).toEqual({ ok: false, code: "invalid_credentials" });
    expect(unknownUser).toEqual(wrongPassword);
    expect(await eventsOf(user.username)).toEqual([
      expect.objectContaining({ action: "auth.sign_in_failed", outcome: "failure", actorId: user.id, ...meta }),
    ]);
    expect(await eventsOf(ghost)).toEqual([
      expect.objectContaining({ action: "auth.sign_in_failed", outcome: "failure", actorId: null, ...meta }),
    ]);
    const row = await db().user.findUnique({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(row?.lastSignInAt).toBeNull();
  });

  it("refuses a malformed username like a wrong one", async () => {
    const result = await attemptSignIn({ username: users.track("not a valid name"), password: TEST_PASSWORD }, meta);
    expect(result).toEqual({ ok: false, code: "invalid_credentials" });
  });

  it(`refuses a (username, address) after ${PER_USER} failures, before checking the password, for the window`, async () => {
    const user = await users.create();
    const from = nextMeta();
    await failTimes(user.username, PER_USER, from);

    const refused = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, from);

    expect(refused).toMatchObject({ ok: false, code: "throttled", scope: "user_address" });
    const retryAfter = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(WINDOW_MS / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    const actions = (await eventsOf(user.username)).map((e) => e.action);
    expect(actions).toEqual([...Array(PER_USER).fill("auth.sign_in_failed"), "auth.sign_in_throttled"]);
  });

  it("lets the right password in from another address while strangers are refused (no lock-out of the admin)", async () => {
    const admin = await users.create("ADMIN");
    const attackers = [nextMeta(), nextMeta(), nextMeta()];
    for (const attacker of attackers) {
      await failTimes(admin.username, PER_USER, attacker);
      expect(await attemptSignIn({ username: admin.username, password: "guess again!!" }, attacker)).toMatchObject({
        code: "throttled",
      });
    }
    expect((await attemptSignIn({ username: admin.username, password: TEST_PASSWORD }, nextMeta())).ok).toBe(true);
  });

  it("counts an IPv6 /64 as one address", async () => {
    const user = await users.create();
    for (let i = 0; i < PER_USER; i++) {
      await failTimes(user.username, 1, { ip: `2001:db8:77:${addressCounter}::${i + 1}`, userAgent: null } as never);
    }
    const sameNetwork = { ip: `2001:db8:77:${addressCounter}::ffff`, userAgent: null };
    expect(await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, sameNetwork)).toMatchObject({
      code: "throttled",
    });
    addressCounter++;
  });

  it(`refuses an address after ${PER_ADDRESS} failures over any usernames, and records each block once`, async () => {
    const from = nextMeta();
    const names = Array.from({ length: PER_ADDRESS }, () => users.track(uniqueUsername("spray")));
    for (const name of names) await failTimes(name, 1, from);
    const victim = await users.create();

    const refused = await attemptSignIn({ username: victim.username, password: TEST_PASSWORD }, from);
    expect(refused).toMatchObject({ ok: false, code: "throttled", scope: "address" });
    // Further refusals write nothing.
    for (let i = 0; i < 5; i++) await attemptSignIn({ username: victim.username, password: "nope nope nope" }, from);
    const rows = await db().auditEvent.findMany({ where: { ip: from.ip }, select: { action: true } });
    expect(rows.filter((r) => r.action === "auth.sign_in_failed")).toHaveLength(PER_ADDRESS);
    expect(rows.filter((r) => r.action === "auth.sign_in_throttled")).toHaveLength(1);
    expect(rows).toHaveLength(PER_ADDRESS + 1);
    // Another address is unaffected.
    expect((await attemptSignIn({ username: victim.username, password: TEST_PASSWORD }, nextMeta())).ok).toBe(true);
  });

  it("refuses throttled attempts without computing a password hash", async () => {
    const user = await users.create();
    const from = nextMeta();
    await failTimes(user.username, PER_USER, from);
    const started = performance.now();
    for (let i = 0; i < 10; i++) await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, from);
    const perAttempt = (performance.now() - started) / 10;
    const verifyStarted = performance.now();
    await attemptSignIn({ username: user.username, password: "one more wrong" }, nextMeta());
    const verifyTime = performance.now() - verifyStarted;
    // argon2id dominates a checked attempt; a refused one is a single indexed read.
    expect(perAttempt).toBeLessThan(verifyTime / 2);
  });

  it("does not refuse after one failure fewer, and a success clears the pair's count", async () => {
    const user = await users.create();
    const from = nextMeta();
    await failTimes(user.username, PER_USER - 1, from);
    expect((await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, from)).ok).toBe(true);
    await failTimes(user.username, PER_USER - 1, from);
    expect((await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, from)).ok).toBe(true);
  });

  it("counts failures of any spelling of a username together", async () => {
    const user = await users.create();
    const from = nextMeta();
    await failTimes(user.username.toUpperCase(), PER_USER, from);
    const result = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, from);
    expect(result).toMatchObject({ ok: false, code: "throttled" });
  });

  it("ends the block when the window closes, and refused attempts do not extend it", async () => {
    const user = await users.create();
    const from = nextMeta();
    const failedAt = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: failedAt });
    await failTimes(user.username, PER_USER, from);

    for (let i = 0; i < 3; i++) {
      vi.setSystemTime(failedAt + (i + 1) * 60_000);
      expect(await attemptSignIn({ username: user.username, password: "still wrong, again" }, from)).toMatchObject({
        code: "throttled",
      });
    }
    vi.setSystemTime(failedAt + WINDOW_MS - 60_000);
    const stillRefused = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, from);
    expect(stillRefused).toMatchObject({ ok: false, code: "throttled" });
    expect((stillRefused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);

    const later = new Date(failedAt + WINDOW_MS + 1_000);
    vi.setSystemTime(later);
    const result = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, from);
    expect(result.ok).toBe(true);
    const row = await db().user.findUnique({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(row?.lastSignInAt?.toISOString()).toBe(later.toISOString());
  });

  it("does not count successful sign-ins against the address", async () => {
    const user = await users.create();
    const from = nextMeta();
    for (let i = 0; i < PER_ADDRESS + 5; i++) {
      expect((await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, from)).ok, `sign-in ${i + 1}`).toBe(true);
    }
  });

  it(`checks at most ${PER_USER} passwords when 60 guesses for one username arrive at once`, async () => {
    const user = await users.create();
    const from = nextMeta();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attemptSignIn({ username: user.username, password: `parallel guess ${i}` }, from)),
    );
    expect(results.filter((r) => !r.ok && r.code === "invalid_credentials")).toHaveLength(PER_USER);
    expect(results.filter((r) => !r.ok && r.code === "throttled")).toHaveLength(60 - PER_USER);
    const actions = (await eventsOf(user.username)).map((e) => e.action);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(PER_USER);
    expect(actions.filter((a) => a === "auth.sign_in_throttled")).toHaveLength(1);
  });

  it(`checks at most ${PER_ADDRESS} passwords when 80 usernames are tried from one address at once`, async () => {
    const from = nextMeta();
    const names = Array.from({ length: 80 }, () => users.track(uniqueUsername("burst")));
    const results = await Promise.all(names.map((username) => attemptSignIn({ username, password: "parallel spray" }, from)));
    expect(results.filter((r) => !r.ok && r.code === "invalid_credentials")).toHaveLength(PER_ADDRESS);
    expect(results.filter((r) => !r.ok && r.code === "throttled")).toHaveLength(80 - PER_ADDRESS);
  });
});
