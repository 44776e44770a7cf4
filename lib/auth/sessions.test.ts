import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/db";
import { createSession, findSessionUser, revokeSession, revokeUserSessions } from "./sessions";
import { testUsers } from "../testing/users";
import { setPassword } from "./users";

const users = testUsers();
afterAll(() => users.cleanup());

const meta = { ip: "198.51.100.4", userAgent: "vitest" };
const inAnHour = () => new Date(Date.now() + 3_600_000);

describe("sessions", () => {
  it("an active session resolves to its user, with the role read fresh", async () => {
    const user = await users.create("VIEWER");
    const sid = await createSession(user.id, inAnHour(), meta);
    expect(await findSessionUser(sid)).toEqual({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: "VIEWER",
    });
    await db().user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    expect((await findSessionUser(sid))?.role).toBe("ADMIN");
    const row = await db().session.findUnique({ where: { id: sid } });
    expect(row).toMatchObject({ userId: user.id, ip: meta.ip, userAgent: "vitest", revokedAt: null });
  });

  it("a revoked, expired or unknown session resolves to nobody", async () => {
    const user = await users.create();
    const revoked = await createSession(user.id, inAnHour(), meta);
    await revokeSession(revoked);
    expect(await findSessionUser(revoked)).toBeNull();

    const expired = await createSession(user.id, new Date(Date.now() + 1_000), meta);
    expect(await findSessionUser(expired, new Date(Date.now() + 2_000))).toBeNull();
    expect(await findSessionUser("no-such-session")).toBeNull();
  });

  it("revoking a user's sessions, or changing the password, ends every session of that user only", async () => {
    const [alice, bob] = [await users.create(), await users.create()];
    const a1 = await createSession(alice.id, inAnHour(), meta);
    const a2 = await createSession(alice.id, inAnHour(), meta);
    const b1 = await createSession(bob.id, inAnHour(), meta);
    expect(await revokeUserSessions(alice.id)).toBe(2);
    expect(await findSessionUser(a1)).toBeNull();
    expect(await findSessionUser(a2)).toBeNull();
    expect(await findSessionUser(b1)).not.toBeNull();

    await setPassword(bob.username, "a brand new long password");
    expect(await findSessionUser(b1)).toBeNull();
  });
});
