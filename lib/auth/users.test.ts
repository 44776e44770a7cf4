import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../db/db";
import { verifyPassword } from "./passwords";
import { TEST_PASSWORD, testUsers, uniqueUsername } from "../testing/users";
import {
  createUser,
  ensureFirstAdmin,
  findUserCredentials,
  getUserById,
  normalizeUsername,
  parseRole,
  setPassword,
  setRole,
  UserInputError,
} from "./users";

const users = testUsers();

afterEach(async () => {
  vi.unstubAllEnvs();
  await users.cleanup();
});

describe("createUser", () => {
  it("stores the username lower-cased and returns the user without its hash", async () => {
    const name = users.track(uniqueUsername("Mixed.Case"));
    const user = await createUser({
      username: `  ${name.toUpperCase()} `,
      password: TEST_PASSWORD,
      role: "ADMIN",
      displayName: "Ada L",
    });

    expect(user).toEqual({ id: expect.any(String), username: name.toLowerCase(), displayName: "Ada L", role: "ADMIN" });
    expect(await getUserById(user.id)).toEqual(user);
  });

  it("uses the username as display name when none is given", async () => {
    const user = await users.create("VIEWER", { displayName: "   " });
    expect(user.displayName).toBe(user.username);
  });

  it("refuses a username that differs from an existing one only in case", async () => {
    const existing = await users.create();
    const attempt = createUser({ username: existing.username.toUpperCase(), password: TEST_PASSWORD, role: "VIEWER" });

    await expect(attempt).rejects.toThrow(new UserInputError(`A user named "${existing.username}" already exists.`));
    expect(await db().user.count({ where: { username: existing.username } })).toBe(1);
  });

  it("stores an argon2id hash, never the password", async () => {
    const user = await users.create();
    const row = await findUserCredentials(user.username);

    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(TEST_PASSWORD);
    expect(await verifyPassword(row!.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(await verifyPassword(row!.passwordHash, `${TEST_PASSWORD}!`)).toBe(false);
  });

  it.each([
    ["", "Enter a username."],
    ["   ", "Enter a username."],
    ["a".repeat(65), "Usernames must be at most 64 characters long."],
    [
      "john smith",
      "Usernames may contain only letters, digits, dots, dashes and underscores, and must start with a letter or digit.",
    ],
    ["-lead", "Usernames may contain only letters, digits, dots, dashes and underscores, and must start with a letter or digit."],
    ["jöhn", "Usernames may contain only letters, digits, dots, dashes and underscores, and must start with a letter or digit."],
  ])("refuses the username %j with a clear message", async (username, message) => {
    const before = await db().user.count();
    await expect(createUser({ username, password: TEST_PASSWORD, role: "VIEWER" })).rejects.toThrow(new UserInputError(message));
    expect(await db().user.count()).toBe(before);
  });

  it.each([
    ["short", "Passwords must be at least 12 characters long."],
    ["x".repeat(257), "Passwords must be at most 256 characters long."],
  ])("refuses a bad password with a clear message", async (password, message) => {
    const username = users.track(uniqueUsername());
    await expect(createUser({ username, password, role: "VIEWER" })).rejects.toThrow(new UserInputError(message));
    expect(await findUserCredentials(username)).toBeNull();
  });

  it("refuses a display name over 100 characters", async () => {
    const username = users.track(uniqueUsername());
    await expect(createUser({ username, password: TEST_PASSWORD, role: "VIEWER", displayName: "n".repeat(101) })).rejects.toThrow(
      "Display names must be at most 100 characters long.",
    );
  });
});

describe("parseRole", () => {
  it("accepts the roles in any case", () => {
    expect(parseRole("admin")).toBe("ADMIN");
    expect(parseRole(" Viewer ")).toBe("VIEWER");
  });

  it("names the allowed roles when given another", () => {
    expect(() => parseRole("OWNER")).toThrow(new UserInputError('Role must be one of ADMIN, VIEWER; got "OWNER".'));
  });
});

describe("normalizeUsername", () => {
  it("trims and lower-cases", () => {
    expect(normalizeUsername("  Bob.Smith_2 ")).toBe("bob.smith_2");
  });
});

describe("setPassword", () => {
  it("replaces the password: the old one stops working", async () => {
    const user = await users.create();
    await setPassword(user.username.toUpperCase(), "a brand new passphrase");
    const { passwordHash } = (await findUserCredentials(user.username))!;

    expect(await verifyPassword(passwordHash, "a brand new passphrase")).toBe(true);
    expect(await verifyPassword(passwordHash, TEST_PASSWORD)).toBe(false);
  });

  it("refuses a short password and keeps the old one", async () => {
    const user = await users.create();
    await expect(setPassword(user.username, "too short")).rejects.toThrow("Passwords must be at least 12 characters long.");
    expect(await verifyPassword((await findUserCredentials(user.username))!.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("names a user that does not exist", async () => {
    const username = uniqueUsername("ghost");
    await expect(setPassword(username, TEST_PASSWORD)).rejects.toThrow(
      new UserInputError(`There is no user named "${username}".`),
    );
  });
});

describe("setRole", () => {
  it("promotes and demotes", async () => {
    const admin = await users.create("ADMIN");
    const user = await users.create("VIEWER");

    await setRole(user.username, "ADMIN");
    expect((await getUserById(user.id))?.role).toBe("ADMIN");
    await setRole(user.username, "VIEWER");
    expect((await getUserById(user.id))?.role).toBe("VIEWER");
    expect((await getUserById(admin.id))?.role).toBe("ADMIN");
  });

  it("refuses to demote the last administrator, and allows it once there is another", async () => {
    // Only meaningful when no other administrator exists; each test file has its own database.
    expect(await db().user.count({ where: { role: "ADMIN" } })).toBe(0);
    const first = await users.create("ADMIN");

    await expect(setRole(first.username, "VIEWER")).rejects.toThrow(
      new UserInputError("This is the last active administrator: make another user ADMIN first."),
    );
    expect((await getUserById(first.id))?.role).toBe("ADMIN");

    const second = await users.create("ADMIN");
    await setRole(first.username, "VIEWER");
    expect((await getUserById(first.id))?.role).toBe("VIEWER");
    await expect(setRole(second.username, "VIEWER")).rejects.toThrow("This is the last active administrator");
  });

  it("names a user that does not exist", async () => {
    const username = uniqueUsername("ghost");
    await expect(setRole(username, "ADMIN")).rejects.toThrow(`There is no user named "${username}".`);
  });
});

describe("ensureFirstAdmin", () => {
  // Each test starts with no users at all (own database per file, cleanup after each test).
  it("creates admin with ADMIN_PASSWORD when there are no users", async () => {
    expect(await db().user.count()).toBe(0);
    vi.stubEnv("ADMIN_PASSWORD", "the operator's own passphrase");
    users.track("admin");

    expect(await ensureFirstAdmin()).toEqual({ username: "admin", password: "the operator's own passphrase", generated: false });
    const admin = await findUserCredentials("admin");
    expect(admin).toMatchObject({ username: "admin", displayName: "Administrator", role: "ADMIN" });
    expect(await verifyPassword(admin!.passwordHash, "the operator's own passphrase")).toBe(true);
  });

  it("generates a strong password when ADMIN_PASSWORD is not set", async () => {
    expect(await db().user.count()).toBe(0);
    vi.stubEnv("ADMIN_PASSWORD", "");
    users.track("admin");

    const result = await ensureFirstAdmin();
    expect(result).toMatchObject({ username: "admin", generated: true });
    expect(result!.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await verifyPassword((await findUserCredentials("admin"))!.passwordHash, result!.password)).toBe(true);
  });

  it("does nothing once any user exists", async () => {
    await users.create("VIEWER");
    vi.stubEnv("ADMIN_PASSWORD", "the operator's own passphrase");

    expect(await ensureFirstAdmin()).toBeNull();
    expect(await findUserCredentials("admin")).toBeNull();
    expect(await db().user.count()).toBe(1);
  });

  it("stops with the password rule when ADMIN_PASSWORD is too short", async () => {
    vi.stubEnv("ADMIN_PASSWORD", "admin");
    users.track("admin");

    await expect(ensureFirstAdmin()).rejects.toThrow(new UserInputError("Passwords must be at least 12 characters long."));
    expect(await db().user.count()).toBe(0);
  });
});
