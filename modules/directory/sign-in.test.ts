// Directory sign-in end to end on the data layer: Settings > Directory saved on a real database, then
// attemptSignIn (the same throttles and audit as local sign-in) against a real slapd: just-in-time
// users with Source LDAP, roles from groups at every sign-in, refusals that look like a wrong password
// and say why in the audit log, break-glass local sign-in, and a directory that is down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findUserCredentials } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import { TEST_PASSWORD, testUsers } from "@/lib/testing/users";
import { attemptSignIn } from "@/modules/auth/sign-in/sign-in";
import { setUserDisabled } from "@/modules/users/users";
import {
  ADMINS_GROUP,
  PEOPLE,
  personDn,
  SERVICE_DN,
  SERVICE_PASSWORD,
  startSlapd,
  USERS_DN,
  VIEWERS_GROUP,
  type Slapd,
} from "@/e2e/support/slapd";
import { createSession, findSessionState } from "@/lib/auth/sessions";
import { recheckDirectorySession } from "./recheck";
import { DirectoryInputError } from "./sealed-settings";
import { getLdapSettingsView, saveLdapSettings } from "./settings";
import type { LdapSettingsValues } from "./shared/ldap-schema";
import { freshAddresses, lastSignInFailure, startHungServer } from "./testing";

let slapd: Slapd;
const users = testUsers();
let admin: Awaited<ReturnType<typeof users.create>>;
/** A fresh client address per attempt: these tests are not about the throttles. */
const meta = freshAddresses("198.51.100", "vitest");

const values = (over: Partial<LdapSettingsValues> = {}): LdapSettingsValues => ({
  serverUrl: slapd.url,
  startTls: false,
  caCert: "",
  bindDn: SERVICE_DN,
  bindPassword: SERVICE_PASSWORD,
  userBase: USERS_DN,
  userFilter: "(uid={username})",
  adminGroup: ADMINS_GROUP,
  viewerGroup: VIEWERS_GROUP,
  localAdminsOnly: false,
  ...over,
});

beforeAll(async () => {
  slapd = await startSlapd();
  admin = await users.create("ADMIN");
}, 60_000);
afterAll(async () => {
  await db().user.deleteMany({ where: { source: "LDAP" } });
  await db().directorySettings.deleteMany({});
  await users.cleanup();
  await (slapd as Slapd | undefined)?.stop();
});
afterEach(async () => {
  await db().directorySettings.deleteMany({});
});

describe("Settings > Directory", () => {
  it("seals the bind password, never shows or audits it, and keeps it when left empty", async () => {
    await saveLdapSettings(values(), admin, meta());
    const row = await db().directorySettings.findUniqueOrThrow({ where: { id: "ldap" } });
    expect(row.bindPasswordSealed).not.toContain(SERVICE_PASSWORD);
    expect(JSON.stringify(await getLdapSettingsView())).not.toContain(SERVICE_PASSWORD);
    await saveLdapSettings(values({ bindPassword: "" }), admin, meta());
    expect(await attemptSignIn({ username: "alice", password: PEOPLE.alice.password }, meta())).toMatchObject({ ok: true });
    const events = await db().auditEvent.findMany({ where: { action: "directory.settings_update" }, select: { details: true } });
    expect(events.map((e) => JSON.parse(e.details!) as { bindPassword: string }).map((d) => d.bindPassword)).toEqual([
      "replaced",
      "kept",
    ]);
    expect(JSON.stringify(events)).not.toContain(SERVICE_PASSWORD);
  });

  it("refuses bad fields with a message each, and saves nothing", async () => {
    const attempt = saveLdapSettings(
      values({
        serverUrl: "http://dc1",
        bindDn: "console",
        userFilter: "(uid=alice)",
        caCert: "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----",
        adminGroup: "",
        viewerGroup: "",
        bindPassword: "",
      }),
      admin,
      meta(),
    );
    await expect(attempt).rejects.toThrow(DirectoryInputError);
    const error = (await attempt.catch((e: unknown) => e)) as DirectoryInputError;
    expect(error.fieldErrors).toEqual({
      serverUrl: "The Server URL must be ldap://host[:port] or ldaps://host[:port].",
      bindDn: "Bind DN must be a DN, e.g. cn=console,ou=services,dc=example,dc=org.",
      userFilter: "The user filter must contain {username}, e.g. (uid={username}).",
      caCert: "The CA certificate cannot be read: paste it in PEM form (-----BEGIN CERTIFICATE-----).",
      adminGroup: "Enter the Administrators group, the Viewers group or both.",
      bindPassword: "Enter the Bind password of the service account.",
    });
    expect(await db().directorySettings.count()).toBe(0);
    await expect(saveLdapSettings(values({ serverUrl: slapd.ldapsUrl, startTls: true }), admin, meta())).rejects.toThrow(
      DirectoryInputError,
    );
  });
});

describe("sign-in through LDAP", () => {
  it("creates the user just in time with Source LDAP and the group's role; refuses no group like a wrong password", async () => {
    await saveLdapSettings(values(), admin, meta());
    const alice = await attemptSignIn({ username: "Alice", password: PEOPLE.alice.password }, meta());
    expect(alice).toMatchObject({ ok: true, user: { username: "alice", displayName: "Alice Admin", role: "ADMIN" } });
    expect(await findUserCredentials("alice")).toMatchObject({ source: "LDAP", role: "ADMIN" });
    expect(await attemptSignIn({ username: "victor", password: PEOPLE.victor.password }, meta())).toMatchObject({
      ok: true,
      user: { role: "VIEWER" },
    });

    expect(await attemptSignIn({ username: "nora", password: PEOPLE.nora.password }, meta())).toEqual({
      ok: false,
      code: "invalid_credentials",
    });
    expect(await lastSignInFailure("nora")).toEqual({ reason: "no_group", source: "LDAP" });
    expect(await findUserCredentials("nora")).toBeNull();
    expect(await attemptSignIn({ username: "alice", password: "not alice's" }, meta())).toEqual({
      ok: false,
      code: "invalid_credentials",
    });
    expect(await lastSignInFailure("alice")).toEqual({ reason: "wrong_password", source: "LDAP" });
    // The stored placeholder is no password: the local path never lets a directory user in.
    expect(await attemptSignIn({ username: "alice", password: "!directory" }, meta())).toEqual({
      ok: false,
      code: "invalid_credentials",
    });
  });

  it("the role follows the groups at every sign-in", async () => {
    await saveLdapSettings(values(), admin, meta());
    slapd.modify(`dn: ${ADMINS_GROUP}\nchangetype: modify\nadd: member\nmember: ${personDn("victor")}\n`);
    expect(await attemptSignIn({ username: "victor", password: PEOPLE.victor.password }, meta())).toMatchObject({
      ok: true,
      user: { role: "ADMIN" },
    });
    slapd.modify(`dn: ${ADMINS_GROUP}\nchangetype: modify\ndelete: member\nmember: ${personDn("victor")}\n`);
    expect(await attemptSignIn({ username: "victor", password: PEOPLE.victor.password }, meta())).toMatchObject({
      ok: true,
      user: { role: "VIEWER" },
    });
    expect((await findUserCredentials("victor"))?.role).toBe("VIEWER");
  });

  it("refuses a disabled directory user, and injection attempts in the username", async () => {
    await saveLdapSettings(values(), admin, meta());
    const first = await attemptSignIn({ username: "o.brien", password: PEOPLE["o.brien"].password }, meta());
    expect(first).toMatchObject({ ok: true });
    await setUserDisabled(first.ok ? first.user.id : "", true, admin, meta());
    expect(await attemptSignIn({ username: "o.brien", password: PEOPLE["o.brien"].password }, meta())).toEqual({
      ok: false,
      code: "invalid_credentials",
    });
    expect(await lastSignInFailure("o.brien")).toEqual({ reason: "disabled", source: "LDAP" });

    for (const username of ["*", "*)(uid=*", "alice)(|(uid=*", "\\00", "alice\u0000", `uid=alice,${USERS_DN}`]) {
      expect(await attemptSignIn({ username, password: PEOPLE.alice.password }, meta()), username).toEqual({
        ok: false,
        code: "invalid_credentials",
      });
    }
  });
});

describe("throttles", () => {
  it("count directory failures like local ones: after 5 for one username from one address, that address is refused", async () => {
    await saveLdapSettings(values(), admin, meta());
    const from = { ip: "203.0.113.77", userAgent: "vitest" };
    for (let i = 0; i < 5; i++) {
      expect(await attemptSignIn({ username: "victor", password: `wrong ${i}` }, from)).toEqual({
        ok: false,
        code: "invalid_credentials",
      });
    }
    expect(await attemptSignIn({ username: "victor", password: PEOPLE.victor.password }, from)).toMatchObject({
      ok: false,
      code: "throttled",
      scope: "user_address",
    });
    // Another address still signs in: a stranger cannot lock a directory user out.
    expect(await attemptSignIn({ username: "victor", password: PEOPLE.victor.password }, meta())).toMatchObject({ ok: true });
  });
});

describe("the session's re-check (DIRECTORY_RECHECK_MINUTES)", () => {
  it("follows a role change and ends the session of a user removed from the groups, once the interval passed", async () => {
    await saveLdapSettings(values(), admin, meta());
    const signedIn = await attemptSignIn({ username: "victor", password: PEOPLE.victor.password }, meta());
    if (!signedIn.ok) throw new Error("victor could not sign in");
    const sessionId = await createSession(signedIn.user.id, new Date(Date.now() + 3_600_000), meta());
    const state = async () => (await findSessionState(sessionId))!;
    const minutes = (n: number) => new Date(Date.now() + n * 60_000);

    slapd.modify(`dn: ${ADMINS_GROUP}\nchangetype: modify\nadd: member\nmember: ${personDn("victor")}\n`);
    // Not due yet: the role stays as it was at sign-in.
    expect(await recheckDirectorySession(sessionId, await state(), minutes(1))).toMatchObject({ role: "VIEWER" });
    expect(await recheckDirectorySession(sessionId, await state(), minutes(6))).toMatchObject({ role: "ADMIN" });
    expect((await state()).user.role).toBe("ADMIN");

    slapd.modify(`dn: ${ADMINS_GROUP}\nchangetype: modify\ndelete: member\nmember: ${personDn("victor")}\n`);
    slapd.modify(`dn: ${VIEWERS_GROUP}\nchangetype: modify\ndelete: member\nmember: ${personDn("victor")}\n`);
    try {
      // Checked at minute 6: the next check is due at minute 11.
      expect(await recheckDirectorySession(sessionId, await state(), minutes(10))).toMatchObject({ role: "ADMIN" });
      expect(await recheckDirectorySession(sessionId, await state(), minutes(12))).toBeNull();
      expect(await findSessionState(sessionId)).toBeNull();
    } finally {
      slapd.modify(`dn: ${VIEWERS_GROUP}\nchangetype: modify\nadd: member\nmember: ${personDn("victor")}\n`);
    }
  });
});

describe("break-glass", () => {
  let silent: Awaited<ReturnType<typeof startHungServer>>;
  beforeAll(async () => {
    silent = await startHungServer();
  });
  afterAll(() => silent.close());

  it("a directory that is down answers within 5 s; local users still sign in", async () => {
    await saveLdapSettings(values(), admin, meta());
    await db().directorySettings.update({ where: { id: "ldap" }, data: { serverUrl: `ldap://127.0.0.1:${silent.port}` } });
    const started = Date.now();
    expect(await attemptSignIn({ username: "alice", password: PEOPLE.alice.password }, meta())).toEqual({
      ok: false,
      code: "directory_unreachable",
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await attemptSignIn({ username: admin.username, password: TEST_PASSWORD }, meta())).toMatchObject({ ok: true });
  });

  it("Local administrators only: a local viewer is refused, a local administrator signs in", async () => {
    const viewer = await users.create("VIEWER");
    await saveLdapSettings(values({ localAdminsOnly: true }), admin, meta());
    expect(await attemptSignIn({ username: viewer.username, password: TEST_PASSWORD }, meta())).toEqual({
      ok: false,
      code: "invalid_credentials",
    });
    expect(await lastSignInFailure(viewer.username)).toEqual({ reason: "local_admins_only" });
    expect(await attemptSignIn({ username: admin.username, password: TEST_PASSWORD }, meta())).toMatchObject({ ok: true });
  });
});
