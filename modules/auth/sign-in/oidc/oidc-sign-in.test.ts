// OpenID Connect sign-in end to end on the data layer, against a real OpenID provider (oidc-provider, in
// its own process): Settings > Directory saved on a real database, the browser's round trip through the
// provider's login page done with fetch, and the callback through the same throttles, audit and
// sessions as a password. Refusals (no group, no groups claim, a wrong state, a replayed code, an expired
// ID token) look like a wrong password and say why in the audit log; a provider that is down or hangs
// answers within 5 s while local sign-in keeps working.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decode } from "next-auth/jwt";
import { getAuthSecret } from "@/lib/auth/secret";
import { findSessionState } from "@/lib/auth/sessions";
import { findUserCredentials, upsertDirectoryUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import { TEST_PASSWORD, testUsers } from "@/lib/testing/users";
import {
  ADMINS,
  CLIENT_ID,
  CLIENT_SECRET,
  signInAt,
  startOidcProvider,
  VIEWERS,
  type OidcProvider,
} from "@/e2e/support/oidc-provider";
import { recheckDirectorySession } from "@/modules/directory/recheck";
import { DirectoryInputError } from "@/modules/directory/sealed-settings";
import { getOidcSettingsView, removeOidcSettings, saveOidcSettings } from "@/modules/directory/oidc/settings";
import type { OidcSettingsValues } from "@/modules/directory/shared/oidc-schema";
import { freshAddresses, lastSignInFailure, startHungServer } from "@/modules/directory/testing";
import { attemptSignIn } from "../sign-in";
import { finishOidcSignIn, OIDC_FLOW_COOKIE, startOidcSignIn, type OidcStep } from "./oidc-sign-in";

const ORIGIN = "http://127.0.0.1:3999";
const CALLBACK = `${ORIGIN}/sign-in/oidc/callback`;
const header = (name: string) => (name === "host" ? "127.0.0.1:3999" : name === "x-forwarded-proto" ? "http" : null);
const OIDC_PEOPLE_NAMES = ["olivia", "vince", "nobody", "claimless", "lara"];

let provider: OidcProvider;
const users = testUsers();
let admin: Awaited<ReturnType<typeof users.create>>;
/** A fresh client address per attempt: only the throttle test counts failures from one. */
const meta = freshAddresses("198.51.101", "vitest oidc");

const values = (over: Partial<OidcSettingsValues> = {}): OidcSettingsValues => ({
  issuerUrl: provider.issuer,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  groupsClaim: "groups",
  adminGroup: ADMINS,
  viewerGroup: VIEWERS,
  buttonLabel: "Test provider",
  ...over,
});

beforeAll(async () => {
  provider = await startOidcProvider([CALLBACK]);
  admin = await users.create("ADMIN");
}, 60_000);
afterAll(async () => {
  await db().auditEvent.deleteMany({ where: { actorName: { in: OIDC_PEOPLE_NAMES } } });
  await db().user.deleteMany({ where: { OR: [{ source: "OIDC" }, { username: "lara" }] } });
  await db().oidcSettings.deleteMany({});
  await users.cleanup();
  await (provider as OidcProvider | undefined)?.stop();
});
afterEach(async () => {
  await db().oidcSettings.deleteMany({});
});

const flowCookieOf = (step: OidcStep) => step.cookies.find((c) => c.name === OIDC_FLOW_COOKIE);

/** The browser's whole round trip: the button, the provider's login page, the callback. */
async function signInThrough(login: string, from = meta(), callbackUrl = "/settings/users") {
  const started = await startOidcSignIn(header, callbackUrl);
  const flow = flowCookieOf(started)?.value ?? null;
  const back = new URL(await signInAt(started.location, login));
  const params = Object.fromEntries(back.searchParams);
  return { started, back, params, flow, finished: await finishOidcSignIn(header, params, flow, from) };
}

const errorOf = (step: OidcStep) => new URL(step.location).searchParams.get("error");

describe("Settings > Directory: OpenID Connect", () => {
  it("seals the client secret, never shows or audits it, and keeps it when left empty", async () => {
    await saveOidcSettings(values(), admin, meta());
    const row = await db().oidcSettings.findUniqueOrThrow({ where: { id: "oidc" } });
    expect(row.clientSecretSealed).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(await getOidcSettingsView())).not.toContain(CLIENT_SECRET);
    await saveOidcSettings(values({ clientSecret: "", buttonLabel: "Keycloak" }), admin, meta());
    expect((await signInThrough("olivia")).finished.location).toBe(`${ORIGIN}/settings/users`);
    const events = await db().auditEvent.findMany({
      where: { action: "directory.settings_update", actorName: admin.username },
      select: { details: true },
    });
    expect(events.map((e) => (JSON.parse(e.details!) as { clientSecret: string }).clientSecret)).toEqual(["replaced", "kept"]);
    expect(JSON.stringify(events)).not.toContain(CLIENT_SECRET);
  });

  it("refuses bad fields with a message each, and saves nothing", async () => {
    const attempt = saveOidcSettings(
      values({
        issuerUrl: "http://sso.example.org",
        clientId: " ",
        clientSecret: "",
        groupsClaim: "groups claim",
        adminGroup: "",
        viewerGroup: "",
        buttonLabel: "",
      }),
      admin,
      meta(),
    );
    const error = (await attempt.catch((e: unknown) => e)) as DirectoryInputError;
    expect(error).toBeInstanceOf(DirectoryInputError);
    expect(error.fieldErrors).toEqual({
      issuerUrl: "The Issuer URL must be an https:// address without ? or #, e.g. https://sso.example.org/realms/site.",
      clientId: "Enter the Client ID the provider gave the console.",
      clientSecret: "Enter the Client secret the provider gave the console.",
      groupsClaim: "The Groups claim is a claim name, e.g. groups: letters, digits and . _ : / - only.",
      adminGroup: "Enter the Administrators group, the Viewers group or both.",
      buttonLabel: "Enter the Button label, e.g. Keycloak: the sign-in page shows Sign in with Keycloak.",
    });
    const wrongIssuer = (await saveOidcSettings(values({ issuerUrl: `${provider.issuer}/not-here` }), admin, meta()).catch(
      (e: unknown) => e,
    )) as DirectoryInputError;
    expect(wrongIssuer.fieldErrors).toEqual({
      issuerUrl:
        "No OpenID provider answers at this Issuer URL: check it against the provider's issuer (its discovery document).",
    });
    expect(await db().oidcSettings.count()).toBe(0);
  });
});

describe("sign-in through OpenID Connect", () => {
  it("sends the browser with PKCE, state and nonce; the flow's secrets stay in a sealed HttpOnly cookie", async () => {
    await saveOidcSettings(values(), admin, meta());
    const started = await startOidcSignIn(header, "/settings/users");
    const url = new URL(started.location);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("redirect_uri")).toBe(CALLBACK);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    const flow = flowCookieOf(started);
    expect(flow).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/sign-in/oidc", maxAge: 600, secure: false });
    expect(flow?.value).not.toContain(url.searchParams.get("state"));
    expect(flow?.value).not.toContain(url.searchParams.get("nonce"));
  });

  it("signs an administrator and a viewer in just in time with Source OIDC; the role follows the groups at every sign-in", async () => {
    await saveOidcSettings(values(), admin, meta());
    const { finished, back } = await signInThrough("olivia");
    expect([...back.searchParams.keys()].sort()).toEqual(["code", "iss", "state"]);
    expect(finished.location).toBe(`${ORIGIN}/settings/users`);
    const session = finished.cookies.find((c) => c.name === "next-auth.session-token");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(flowCookieOf(finished)).toMatchObject({ value: "", maxAge: 0 });
    const token = await decode({ token: session!.value, secret: getAuthSecret() });
    const state = await findSessionState(String(token?.sid));
    expect(state).toMatchObject({ source: "OIDC", user: { username: "olivia", displayName: "Olivia Admin", role: "ADMIN" } });
    expect(await db().auditEvent.count({ where: { action: "auth.sign_in", actorName: "olivia" } })).toBeGreaterThan(0);

    expect((await signInThrough("vince")).finished.location).toBe(`${ORIGIN}/settings/users`);
    expect(await findUserCredentials("vince")).toMatchObject({ source: "OIDC", role: "VIEWER" });
    // Vince's group becomes the administrators' group: his next sign-in makes him one.
    await saveOidcSettings(values({ clientSecret: "", adminGroup: VIEWERS, viewerGroup: ADMINS }), admin, meta());
    await signInThrough("vince");
    expect(await findUserCredentials("vince")).toMatchObject({ role: "ADMIN" });
  });

  it("refuses a user in no group, and one without the groups claim, like a wrong password; the audit log says why", async () => {
    await saveOidcSettings(values(), admin, meta());
    const nobody = await signInThrough("nobody");
    expect(errorOf(nobody.finished)).toBe("CredentialsSignin");
    expect(nobody.finished.cookies.some((c) => c.name.endsWith("session-token"))).toBe(false);
    expect(await lastSignInFailure("nobody")).toEqual({ reason: "no_group", source: "OIDC" });
    expect(await findUserCredentials("nobody")).toBeNull();

    const claimless = await signInThrough("claimless");
    expect(errorOf(claimless.finished)).toBe("CredentialsSignin");
    expect(await lastSignInFailure("claimless")).toEqual({ reason: "no_groups_claim", source: "OIDC" });
    expect(await findUserCredentials("claimless")).toBeNull();
  });

  it("never takes over a user of another source: an LDAP user of the same name is refused", async () => {
    await saveOidcSettings(values(), admin, meta());
    await upsertDirectoryUser({ username: "lara", displayName: "Lara Ldap", role: "VIEWER", source: "LDAP" });
    const { finished } = await signInThrough("lara");
    expect(errorOf(finished)).toBe("CredentialsSignin");
    expect(await lastSignInFailure("lara")).toEqual({ reason: "other_source", source: "OIDC" });
    expect(await findUserCredentials("lara")).toMatchObject({ source: "LDAP", role: "VIEWER" });
  });

  it("refuses a callback whose state is not the browser's, and one without the flow cookie", async () => {
    await saveOidcSettings(values(), admin, meta());
    const started = await startOidcSignIn(header, null);
    const flow = flowCookieOf(started)?.value ?? null;
    const params = Object.fromEntries(new URL(await signInAt(started.location, "olivia")).searchParams);
    const forged = await finishOidcSignIn(header, { ...params, state: "forged-state" }, flow, meta());
    expect(errorOf(forged)).toBe("CredentialsSignin");
    const noCookie = await finishOidcSignIn(header, params, null, meta());
    expect(errorOf(noCookie)).toBe("CredentialsSignin");
    const failures = await db().auditEvent.findMany({
      where: { action: "auth.sign_in_failed", actorName: "openid connect" },
      orderBy: { seq: "desc" },
      take: 2,
      select: { details: true },
    });
    expect(failures.map((f) => JSON.parse(f.details!) as unknown)).toEqual([
      { reason: "oidc_state", source: "OIDC" },
      { reason: "oidc_state", source: "OIDC" },
    ]);
    // The code itself was never spent: the real flow still completes.
    expect((await finishOidcSignIn(header, params, flow, meta())).location).toBe(`${ORIGIN}/settings/service-tokens`);
  });

  it("refuses a replayed code: the provider spends a code once", async () => {
    await saveOidcSettings(values(), admin, meta());
    const { params, flow, finished } = await signInThrough("olivia");
    expect(errorOf(finished)).toBeNull();
    const replayed = await finishOidcSignIn(header, params, flow, meta());
    expect(errorOf(replayed)).toBe("CredentialsSignin");
    expect(replayed.cookies.some((c) => c.name.endsWith("session-token"))).toBe(false);
    const row = await db().auditEvent.findFirst({
      where: { action: "auth.sign_in_failed", actorName: "openid connect" },
      orderBy: { seq: "desc" },
      select: { details: true },
    });
    expect(JSON.parse(row!.details!)).toEqual({ reason: "oidc_code", source: "OIDC" });
  });

  it("refuses an expired ID token (a provider whose clock runs two hours behind)", async () => {
    const late = await startOidcProvider([CALLBACK], { clockOffsetSeconds: -2 * 60 * 60 });
    try {
      await saveOidcSettings(values({ issuerUrl: late.issuer }), admin, meta());
      const { finished } = await signInThrough("olivia");
      expect(errorOf(finished)).toBe("CredentialsSignin");
      expect(finished.cookies.some((c) => c.name.endsWith("session-token"))).toBe(false);
      const row = await db().auditEvent.findFirst({
        where: { action: "auth.sign_in_failed", actorName: "openid connect" },
        orderBy: { seq: "desc" },
        select: { details: true },
      });
      expect(JSON.parse(row!.details!)).toEqual({ reason: "oidc_token", source: "OIDC" });
    } finally {
      await late.stop();
    }
  });

  it("counts failed callbacks from an address like failed passwords and refuses the address for the window", async () => {
    await saveOidcSettings(values(), admin, meta());
    const from = meta();
    for (let i = 0; i < 5; i++)
      expect(errorOf(await finishOidcSignIn(header, { state: "x", code: "y" }, null, from))).toBe("CredentialsSignin");
    const refused = await finishOidcSignIn(header, { state: "x", code: "y" }, null, from);
    expect(errorOf(refused)).toMatch(/^throttled:\d+$/);
  });

  it("a session of an OpenID Connect user survives its re-check, and ends once OpenID Connect is removed (audited)", async () => {
    await saveOidcSettings(values(), admin, meta());
    const { finished } = await signInThrough("olivia");
    const session = finished.cookies.find((c) => c.name === "next-auth.session-token")!;
    const sid = String((await decode({ token: session.value, secret: getAuthSecret() }))?.sid);
    const later = new Date(Date.now() + 60 * 60 * 1000);
    const state = (await findSessionState(sid))!;
    expect(await recheckDirectorySession(sid, state, later)).toMatchObject({ username: "olivia", role: "ADMIN" });
    expect(await removeOidcSettings(admin, meta())).toBe(true);
    expect(
      await recheckDirectorySession(sid, (await findSessionState(sid, later))!, new Date(later.getTime() + 60 * 60 * 1000)),
    ).toBeNull();
    expect(await findSessionState(sid)).toBeNull();
    expect(await findUserCredentials("olivia")).toMatchObject({ source: "OIDC" });
    const removed = await db().auditEvent.findFirst({
      where: { action: "directory.settings_remove", actorName: admin.username },
      select: { details: true },
    });
    expect(JSON.parse(removed!.details!)).toEqual({ kind: "oidc" });
    // Removed: the button's start leads back to the sign-in page.
    expect((await startOidcSignIn(header, null)).location).toBe(`${ORIGIN}/sign-in`);
  });
});

describe("a provider that is down", () => {
  let hanging: Awaited<ReturnType<typeof startHungServer>> | undefined;
  afterEach(async () => {
    await hanging?.close();
    hanging = undefined;
  });

  async function expectUnreachableWithinFiveSeconds() {
    const t0 = Date.now();
    const started = await startOidcSignIn(header, null);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(errorOf(started)).toBe("directory_unreachable");
    expect(started.cookies).toEqual([]);
    const local = await users.create("VIEWER");
    expect(await attemptSignIn({ username: local.username, password: TEST_PASSWORD }, meta())).toMatchObject({ ok: true });
  }

  it("stopped: the button answers at once with 'cannot be reached'; local sign-in works", async () => {
    const doomed = await startOidcProvider([CALLBACK]);
    await saveOidcSettings(values({ issuerUrl: doomed.issuer }), admin, meta());
    await doomed.stop();
    await expectUnreachableWithinFiveSeconds();
  });

  it("hanging (accepts, never answers): within 5 s", async () => {
    const doomed = await startOidcProvider([CALLBACK]);
    await saveOidcSettings(values({ issuerUrl: doomed.issuer }), admin, meta());
    await doomed.stop();
    hanging = await startHungServer(Number(new URL(doomed.issuer).port));
    await expectUnreachableWithinFiveSeconds();
  });
});
