import { afterEach, describe, expect, it } from "vitest";
import { db } from "../platform/db";
import { attemptSignIn, LOCKOUT_WINDOW_MS, MAX_FAILED_SIGN_INS } from "./sign-in";
import { TEST_PASSWORD, testUsers, uniqueUsername } from "../testing/users";

const users = testUsers();
const meta = { ip: "203.0.113.7", userAgent: "vitest sign-in test" };

afterEach(() => users.cleanup());

function eventsOf(username: string) {
  return db().auditEvent.findMany({
    where: { actorName: username },
    orderBy: { createdAt: "asc" },
    select: { action: true, outcome: true, actorType: true, actorId: true, ip: true, userAgent: true, details: true },
  });
}

async function failTimes(username: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    expect(await attemptSignIn({ username, password: "wrong password, surely" }, meta)).toEqual({
      ok: false,
      code: "invalid_credentials",
    });
  }
}

describe("attemptSignIn", () => {
  it("signs in with the right password, records the time and an audit event", async () => {
    const user = await users.create("ADMIN", { displayName: "Signe In" });
    const now = new Date("2030-01-02T03:04:05.000Z");

    const result = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, meta, now);

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

  it(`locks a username after ${MAX_FAILED_SIGN_INS} failures: the right password is refused for 15 minutes`, async () => {
    const user = await users.create();
    await failTimes(user.username, MAX_FAILED_SIGN_INS);

    const locked = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, meta, new Date());

    expect(locked).toMatchObject({ ok: false, code: "locked" });
    const retryAfter = (locked as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(LOCKOUT_WINDOW_MS / 1000 - 60);
    expect(retryAfter).toBeLessThanOrEqual(LOCKOUT_WINDOW_MS / 1000);
    const actions = (await eventsOf(user.username)).map((e) => e.action);
    expect(actions).toEqual([...Array<string>(MAX_FAILED_SIGN_INS).fill("auth.sign_in_failed"), "auth.sign_in_locked"]);
  });

  it("does not lock after one failure fewer", async () => {
    const user = await users.create();
    await failTimes(user.username, MAX_FAILED_SIGN_INS - 1);
    expect((await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, meta)).ok).toBe(true);
  });

  it("counts failures per username: others still sign in", async () => {
    const locked = await users.create();
    const other = await users.create();
    await failTimes(locked.username, MAX_FAILED_SIGN_INS);

    expect((await attemptSignIn({ username: other.username, password: TEST_PASSWORD }, meta)).ok).toBe(true);
  });

  it("counts failures of any spelling of a username together", async () => {
    const user = await users.create();
    await failTimes(user.username.toUpperCase(), MAX_FAILED_SIGN_INS);
    const result = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, meta);
    expect(result).toMatchObject({ ok: false, code: "locked" });
  });

  it("lets failures older than 15 minutes age out", async () => {
    const user = await users.create();
    await failTimes(user.username, MAX_FAILED_SIGN_INS);
    const failedAt = Date.now();

    const stillLocked = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, meta, new Date(failedAt + LOCKOUT_WINDOW_MS - 60_000));
    expect(stillLocked).toMatchObject({ ok: false, code: "locked" });
    expect((stillLocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);

    const later = new Date(failedAt + LOCKOUT_WINDOW_MS + 1_000);
    const result = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, meta, later);
    expect(result.ok).toBe(true);
    const row = await db().user.findUnique({ where: { id: user.id }, select: { lastSignInAt: true } });
    expect(row?.lastSignInAt?.toISOString()).toBe(later.toISOString());
  });

  it("does not extend the lockout with refused attempts while locked", async () => {
    const user = await users.create();
    await failTimes(user.username, MAX_FAILED_SIGN_INS);
    const failedAt = Date.now();

    for (let i = 0; i < 3; i++) {
      const result = await attemptSignIn({ username: user.username, password: "still wrong, again" }, meta);
      expect(result).toMatchObject({ ok: false, code: "locked" });
    }
    const after = await attemptSignIn({ username: user.username, password: TEST_PASSWORD }, meta, new Date(failedAt + LOCKOUT_WINDOW_MS + 1_000));
    expect(after.ok).toBe(true);
  });
});
