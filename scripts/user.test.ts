// `npm run user -- …` end to end: the bundled command in a child process, on this test file's database
// (DATABASE_URL from the test setup), checked through the data layer.
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { TEST_PASSWORD, testUsers, uniqueUsername } from "@/lib/testing/users";
import { findUserCredentials, getUserById } from "@/lib/auth/users";
import { buildBundle, lines, runNode } from "./testing/bundle";

let bundle: ReturnType<typeof buildBundle>;
let cli: string;
const users = testUsers();

beforeAll(() => {
  bundle = buildBundle();
  cli = path.join(bundle.dir, "user.mjs");
});
afterAll(() => bundle.remove());
afterEach(() => users.cleanup());

const user = (args: string[], input = "") => runNode(cli, args, { input });

describe("npm run user -- add", () => {
  it("adds a user with the password from standard input, without its newline", async () => {
    const name = users.track(uniqueUsername("Cli"));

    const result = await user(["add", name, "--role", "ADMIN", "--name", "Casey Line"], `${TEST_PASSWORD}\n`);

    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(lines(result.stdout)).toEqual([`Added ADMIN "${name.toLowerCase()}".`]);
    const row = await findUserCredentials(name.toLowerCase());
    expect(row).toMatchObject({ username: name.toLowerCase(), displayName: "Casey Line", role: "ADMIN" });
    expect(await verifyPassword(row!.passwordHash, TEST_PASSWORD)).toBe(true);
  });

  it("generates and prints a password once when standard input is empty", async () => {
    const name = users.track(uniqueUsername("gen"));

    const result = await user(["add", name]);

    expect(result.code).toBe(0);
    const printed = /^Added VIEWER "[^"]+"\. Password \(shown once\): (\S+)$/.exec(result.stdout.trim())?.[1];
    expect(printed).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await verifyPassword((await findUserCredentials(name))!.passwordHash, printed!)).toBe(true);
  });

  it("refuses a duplicate username, whatever its case, with one clear line and exit 1", async () => {
    const existing = await users.create();

    const result = await user(["add", existing.username.toUpperCase()], `${TEST_PASSWORD}\n`);

    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([`error: A user named "${existing.username}" already exists.`]);
    expect(result.stdout).toBe("");
  });

  it.each([
    [["add", "bob-x", "--role", "OWNER"], 'error: Role must be one of ADMIN, VIEWER; got "OWNER".'],
    [["add", "bob-x", "--role"], "error: --role needs a value."],
    [
      ["add", "bob x"],
      "error: Usernames may contain only letters, digits, dots, dashes and underscores, and must start with a letter or digit.",
    ],
    [["add", "a", "b"], "error: add takes exactly one username."],
  ])("refuses %j with a clear message", async (args, message) => {
    const result = await user(args, `${TEST_PASSWORD}\n`);

    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([message]);
    expect(await findUserCredentials("bob-x")).toBeNull();
  });

  it("refuses a short password", async () => {
    const name = users.track(uniqueUsername());
    const result = await user(["add", name], "short\n");

    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual(["error: Passwords must be at least 12 characters long."]);
    expect(await findUserCredentials(name)).toBeNull();
  });
});

describe("npm run user -- set-password / set-role / list", () => {
  it("sets a new password", async () => {
    const existing = await users.create();
    const result = await user(["set-password", existing.username], "a different passphrase\n");

    expect(result).toMatchObject({ code: 0, stderr: "" });
    const { passwordHash } = (await findUserCredentials(existing.username))!;
    expect(await verifyPassword(passwordHash, "a different passphrase")).toBe(true);
    expect(await verifyPassword(passwordHash, TEST_PASSWORD)).toBe(false);
  });

  it("changes a role, and names the allowed roles for a bad one", async () => {
    const existing = await users.create("VIEWER");

    expect((await user(["set-role", existing.username, "admin"])).code).toBe(0);
    expect((await getUserById(existing.id))?.role).toBe("ADMIN");

    const bad = await user(["set-role", existing.username, "root"]);
    expect(bad.code).toBe(1);
    expect(lines(bad.stderr)).toEqual(['error: Role must be one of ADMIN, VIEWER; got "root".']);
    expect((await getUserById(existing.id))?.role).toBe("ADMIN");
  });

  it("names a user that does not exist", async () => {
    const ghost = uniqueUsername("ghost");
    const result = await user(["set-password", ghost], `${TEST_PASSWORD}\n`);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([`error: There is no user named "${ghost}".`]);
  });

  it("lists users without their password hashes", async () => {
    const existing = await users.create("ADMIN", { displayName: "Listed Person" });
    const result = await user(["list"]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^${existing.username}\\s+ADMIN\\s+Listed Person\\s+\\(last sign-in: never\\)$`, "m"),
    );
    expect(result.stdout).not.toContain("$argon2");
  });

  it("rejects an unknown command and shows the usage", async () => {
    const result = await user(["frobnicate"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Unknown command "frobnicate"\.\n\nUsage: npm run user -- <command>/);
  });
});
