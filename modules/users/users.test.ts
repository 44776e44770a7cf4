// Settings > Users' data layer and Change password on a real database (SQLite, or PostgreSQL when
// DATABASE_URL says so): each change audited, the last active administrator kept, sessions ended.
import { afterEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { createSession, findSessionUser } from "@/lib/auth/sessions";
import { findUserCredentials, UserInputError } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import { TEST_PASSWORD, testUsers, uniqueUsername } from "@/lib/testing/users";
import { attemptSignIn } from "@/modules/auth/sign-in/sign-in";
import { changeOwnPassword } from "./change-password";
import { addLocalUser, changeUserRole, listUserRows, resetUserPassword, setUserDisabled, signOutUserEverywhere } from "./users";

const users = testUsers();
const meta = { ip: "192.0.2.10", userAgent: "vitest" };
const later = () => new Date(Date.now() + 3_600_000);

afterEach(() => users.cleanup());

async function eventsFor(targetId: string) {
  return db().auditEvent.findMany({
    where: { targetId },
    orderBy: { seq: "asc" },
    select: { action: true, details: true, actorName: true },
  });
}

describe("Add user", () => {
  it("creates a local user with a generated password, shown once and stored only as a hash, and audits it", async () => {
    const admin = await users.create("ADMIN");
    const username = users.track(uniqueUsername("New.User"));
    const { user, password } = await addLocalUser({ username, displayName: "New Person", role: "VIEWER" }, admin, meta);

    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = await findUserCredentials(user.username);
    expect(stored).toMatchObject({ source: "LOCAL", disabledAt: null, role: "VIEWER", displayName: "New Person" });
    expect(stored!.passwordHash).not.toContain(password);
    expect(await verifyPassword(stored!.passwordHash, password)).toBe(true);
    const events = await eventsFor(user.id);
    expect(events).toEqual([
      {
        action: "user.create",
        actorName: admin.username,
        details: JSON.stringify({ username: user.username, role: "VIEWER", source: "LOCAL" }),
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(password);
    const row = (await listUserRows()).find((r) => r.id === user.id);
    expect(row).toEqual({
      id: user.id,
      username: user.username,
      displayName: "New Person",
      role: "VIEWER",
      source: "LOCAL",
      lastSignInAt: null,
      disabled: false,
    });
  });

  it("refuses a bad or taken username with the core's message, and adds nothing", async () => {
    const admin = await users.create("ADMIN");
    const before = await db().user.count();
    await expect(addLocalUser({ username: "*)(uid=*", displayName: "", role: "VIEWER" }, admin, meta)).rejects.toThrow(
      UserInputError,
    );
    await expect(addLocalUser({ username: admin.username, displayName: "", role: "VIEWER" }, admin, meta)).rejects.toThrow(
      `A user named "${admin.username}" already exists.`,
    );
    expect(await db().user.count()).toBe(before);
  });
});

describe("the last active administrator", () => {
  it("cannot be demoted or disabled; with another active administrator both work, and each change is audited", async () => {
    // Each test file has its own database: these are the only administrators.
    expect(await db().user.count({ where: { role: "ADMIN" } })).toBe(0);
    const first = await users.create("ADMIN");
    const second = await users.create("ADMIN");
    await setUserDisabled(second.id, true, first, meta);

    // `second` is disabled: `first` is the last active administrator.
    await expect(changeUserRole(first.id, "VIEWER", second, meta)).rejects.toThrow("This is the last active administrator");
    await expect(setUserDisabled(first.id, true, second, meta)).rejects.toThrow(
      /last active administrator|cannot disable yourself/,
    );
    expect(await findUserCredentials(first.username)).toMatchObject({ role: "ADMIN", disabledAt: null });
    // The refused changes left no audit event (the transaction rolled back with them).
    expect((await eventsFor(first.id)).map((e) => e.action)).toEqual([]);

    await setUserDisabled(second.id, false, first, meta);
    await changeUserRole(first.id, "VIEWER", second, meta);
    expect((await findUserCredentials(first.username))?.role).toBe("VIEWER");
    expect((await eventsFor(second.id)).map((e) => e.action)).toEqual(["user.disable", "user.enable"]);
    expect((await eventsFor(first.id)).map((e) => [e.action, e.details])).toEqual([
      ["user.role_change", JSON.stringify({ username: first.username, old: "ADMIN", new: "VIEWER" })],
    ]);
  });
});

describe("Disable, Enable, Reset password, Sign out everywhere", () => {
  it("Disable ends the user's sessions and refuses their sign-in like a wrong password; Enable lets them in again", async () => {
    const admin = await users.create("ADMIN");
    const viewer = await users.create("VIEWER");
    const session = await createSession(viewer.id, later(), meta);
    expect(await findSessionUser(session)).not.toBeNull();

    await setUserDisabled(viewer.id, true, admin, meta);
    expect(await findSessionUser(session)).toBeNull();
    const refused = await attemptSignIn({ username: viewer.username, password: TEST_PASSWORD }, { ...meta, ip: "192.0.2.11" });
    expect(refused).toEqual({ ok: false, code: "invalid_credentials" });
    const failed = await db().auditEvent.findFirst({
      where: { action: "auth.sign_in_failed", actorId: viewer.id },
      select: { details: true },
    });
    expect(JSON.parse(failed!.details!)).toEqual({ reason: "disabled" });

    await setUserDisabled(viewer.id, false, admin, meta);
    expect(
      await attemptSignIn({ username: viewer.username, password: TEST_PASSWORD }, { ...meta, ip: "192.0.2.11" }),
    ).toMatchObject({ ok: true });
  });

  it("refuses to disable yourself", async () => {
    const admin = await users.create("ADMIN");
    await users.create("ADMIN");
    await expect(setUserDisabled(admin.id, true, admin, meta)).rejects.toThrow("You cannot disable yourself.");
  });

  it("Reset password replaces the password, ends the sessions, and never records the password", async () => {
    const admin = await users.create("ADMIN");
    const viewer = await users.create("VIEWER");
    const session = await createSession(viewer.id, later(), meta);
    const { password } = await resetUserPassword(viewer.id, admin, meta);

    const stored = await findUserCredentials(viewer.username);
    expect(await verifyPassword(stored!.passwordHash, password)).toBe(true);
    expect(await verifyPassword(stored!.passwordHash, TEST_PASSWORD)).toBe(false);
    expect(await findSessionUser(session)).toBeNull();
    const events = await eventsFor(viewer.id);
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["user.password_reset", JSON.stringify({ username: viewer.username, sessionsEnded: 1 })],
    ]);
  });

  it("Reset password refuses a directory user: their password lives in the directory", async () => {
    const admin = await users.create("ADMIN");
    const ldap = await users.create("VIEWER");
    await db().user.update({ where: { id: ldap.id }, data: { source: "LDAP" } });
    await expect(resetUserPassword(ldap.id, admin, meta)).rejects.toThrow("signs in through the directory");
  });

  it("Sign out everywhere ends every session of the user and counts them", async () => {
    const admin = await users.create("ADMIN");
    const viewer = await users.create("VIEWER");
    const sessions = [await createSession(viewer.id, later(), meta), await createSession(viewer.id, later(), meta)];
    expect(await signOutUserEverywhere(viewer.id, admin, meta)).toEqual({ sessionsEnded: 2 });
    for (const s of sessions) expect(await findSessionUser(s)).toBeNull();
    expect((await eventsFor(viewer.id)).map((e) => e.action)).toEqual(["user.sign_out_everywhere"]);
  });
});

describe("Change password (the user panel)", () => {
  it("needs the current password; then replaces it and ends the other sessions, not this one", async () => {
    const viewer = await users.create("VIEWER");
    const current = await createSession(viewer.id, later(), meta);
    const other = await createSession(viewer.id, later(), meta);

    expect(
      await changeOwnPassword(viewer, current, { current: "not the password", next: "a brand new passphrase" }, meta),
    ).toEqual({
      ok: false,
      field: "current",
      message: "The current password is wrong.",
    });
    expect(await changeOwnPassword(viewer, current, { current: TEST_PASSWORD, next: "short" }, meta)).toEqual({
      ok: false,
      field: "next",
      message: "Passwords must be at least 12 characters long.",
    });
    expect(await changeOwnPassword(viewer, current, { current: TEST_PASSWORD, next: "a brand new passphrase" }, meta)).toEqual({
      ok: true,
      sessionsEnded: 1,
    });
    expect(await findSessionUser(current)).not.toBeNull();
    expect(await findSessionUser(other)).toBeNull();
    const stored = await findUserCredentials(viewer.username);
    expect(await verifyPassword(stored!.passwordHash, "a brand new passphrase")).toBe(true);
    const actions = await db().auditEvent.findMany({
      where: { actorId: viewer.id },
      orderBy: { seq: "asc" },
      select: { action: true, details: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["user.password_change_failed", "user.password_change"]);
    expect(JSON.stringify(actions)).not.toContain("brand new");
  });
});
