// Directory sign-in against a real OpenLDAP (slapd, started here on free ports): roles from groups, wrong
// and empty passwords, injection attempts in the username, ldap://, StartTLS and ldaps:// with a test CA,
// certificate problems in plain words, and a stopped directory answering within the deadline.
import { createServer as createTlsServer } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { authenticateLdap, DIRECTORY_DEADLINE_MS, type LdapSettings } from "./ldap";
import { OPENLDAP_USER_FILTER, userFilterFor, userFilterProblem } from "./filter";
import { startHungServer } from "../testing";

let slapd: Slapd;
beforeAll(async () => {
  slapd = await startSlapd();
}, 60_000);
afterAll(async () => {
  await (slapd as Slapd | undefined)?.stop();
});

const settings = (over: Partial<LdapSettings> = {}): LdapSettings => ({
  url: slapd.url,
  startTls: false,
  caCert: null,
  bindDn: SERVICE_DN,
  bindPassword: SERVICE_PASSWORD,
  userBase: USERS_DN,
  userFilter: OPENLDAP_USER_FILTER,
  adminGroup: ADMINS_GROUP,
  viewerGroup: VIEWERS_GROUP,
  ...over,
});

describe("roles from groups", () => {
  it("an administrator, a viewer, a user in no group, and a name that needs DN escaping", async () => {
    expect(await authenticateLdap(settings(), "alice", PEOPLE.alice.password)).toEqual({
      ok: true,
      dn: personDn("alice"),
      displayName: "Alice Admin",
      role: "ADMIN",
      groups: [ADMINS_GROUP],
    });
    expect(await authenticateLdap(settings(), "victor", PEOPLE.victor.password)).toMatchObject({ ok: true, role: "VIEWER" });
    expect(await authenticateLdap(settings(), "nora", PEOPLE.nora.password)).toMatchObject({ ok: true, role: null, groups: [] });
    expect(await authenticateLdap(settings(), "o.brien", PEOPLE["o.brien"].password)).toMatchObject({
      ok: true,
      displayName: "Dara O'Brien, Jr.",
      role: "VIEWER",
    });
  });

  it("a user moved between groups gets the new role at the next check", async () => {
    slapd.modify(`dn: ${VIEWERS_GROUP}\nchangetype: modify\nadd: member\nmember: ${personDn("nora")}\n`);
    expect(await authenticateLdap(settings(), "nora", PEOPLE.nora.password)).toMatchObject({ ok: true, role: "VIEWER" });
    slapd.modify(`dn: ${VIEWERS_GROUP}\nchangetype: modify\ndelete: member\nmember: ${personDn("nora")}\n`);
    expect(await authenticateLdap(settings(), "nora", PEOPLE.nora.password)).toMatchObject({ ok: true, role: null });
  });

  it("without a password (Test connection) reports what was found and the role, without binding as the user", async () => {
    expect(await authenticateLdap(settings(), "victor", null)).toMatchObject({ ok: true, role: "VIEWER" });
  });
});

describe("refusals", () => {
  it("a wrong password, an empty password (an anonymous bind would succeed), an unknown user", async () => {
    expect(await authenticateLdap(settings(), "alice", "not alice's password")).toEqual({ ok: false, reason: "wrong_password" });
    expect(await authenticateLdap(settings(), "alice", "")).toEqual({ ok: false, reason: "wrong_password" });
    expect(await authenticateLdap(settings(), "nobody", "whatever")).toEqual({ ok: false, reason: "unknown_user" });
  });

  it("injection attempts in the username match nobody", async () => {
    for (const attempt of [
      "*",
      "*)(uid=*",
      "alice)(|(uid=*",
      "al*",
      "alice\u0000",
      "\\00",
      `uid=alice,${USERS_DN}`,
      "alice)(objectClass=*",
    ]) {
      expect(await authenticateLdap(settings(), attempt, PEOPLE.alice.password), attempt).toEqual({
        ok: false,
        reason: "unknown_user",
      });
    }
    expect(userFilterFor("(uid={username})", "*)(uid=*")).toBe("(uid=\\2a\\29\\28uid=\\2a)");
    expect(userFilterFor("(uid={username})", "a\u0000b\\")).toBe("(uid=a\\00b\\5c)");
  });

  it("a wrong Bind password is named as such", async () => {
    expect(await authenticateLdap(settings({ bindPassword: "wrong" }), "alice", PEOPLE.alice.password)).toMatchObject({
      ok: false,
      reason: "service_bind_failed",
      message: "The directory refused the Bind DN and Bind password.",
    });
  });

  it("the User filter must contain {username} and parse", () => {
    expect(userFilterProblem("(uid=alice)")).toBe("The user filter must contain {username}, e.g. (uid={username}).");
    expect(userFilterProblem("(uid={username}")).toBe("The user filter is not a valid LDAP filter, e.g. (uid={username}).");
    expect(userFilterProblem("(&(objectClass=person)(uid={username}))")).toBeNull();
  });
});

describe("TLS", () => {
  it("StartTLS and ldaps:// with the test CA", async () => {
    const ca = slapd.certificates.ca;
    expect(await authenticateLdap(settings({ startTls: true, caCert: ca }), "alice", PEOPLE.alice.password)).toMatchObject({
      ok: true,
    });
    expect(await authenticateLdap(settings({ url: slapd.ldapsUrl, caCert: ca }), "alice", PEOPLE.alice.password)).toMatchObject({
      ok: true,
      role: "ADMIN",
    });
  });

  it("names an unknown CA and a wrong host name in plain words", async () => {
    const wrongCa = slapd.certificates.wrongCa;
    for (const s of [
      settings({ url: slapd.ldapsUrl, caCert: wrongCa }),
      settings({ startTls: true, caCert: wrongCa }),
      settings({ url: slapd.ldapsUrl }),
    ]) {
      expect(await authenticateLdap(s, "alice", PEOPLE.alice.password)).toEqual({
        ok: false,
        reason: "certificate",
        message: "The directory's certificate comes from an unknown CA: paste that CA in CA certificate.",
      });
    }
    expect(
      await authenticateLdap(
        settings({ url: slapd.wrongHostUrl, caCert: slapd.certificates.ca }),
        "alice",
        PEOPLE.alice.password,
      ),
    ).toEqual({
      ok: false,
      reason: "certificate",
      message: "The directory's certificate is for another host name than the one in Server URL.",
    });
  });

  it("names an expired certificate in plain words (an ldaps:// endpoint whose certificate ended in 2020)", async () => {
    const { expiredCert, key, ca } = slapd.certificates;
    const expired = createTlsServer({ cert: expiredCert, key }, (socket) => socket.end());
    await new Promise<void>((resolve) => expired.listen(0, "127.0.0.1", resolve));
    try {
      const url = `ldaps://127.0.0.1:${(expired.address() as { port: number }).port}`;
      expect(await authenticateLdap(settings({ url, caCert: ca }), "alice", null)).toEqual({
        ok: false,
        reason: "certificate",
        message: "The directory's certificate has expired.",
      });
    } finally {
      await new Promise((resolve) => expired.close(resolve));
    }
  });
});

describe("a directory that is down", () => {
  let silent: Awaited<ReturnType<typeof startHungServer>>;
  beforeAll(async () => {
    // Accepts connections and never answers: the worst case, a hung directory.
    silent = await startHungServer();
  });
  afterAll(() => silent.close());

  it("answers 'cannot be reached' within the deadline when it hangs or refuses connections", async () => {
    for (const url of [`ldap://127.0.0.1:${silent.port}`, "ldap://127.0.0.1:1"]) {
      const started = Date.now();
      expect(await authenticateLdap(settings({ url }), "alice", PEOPLE.alice.password)).toEqual({
        ok: false,
        reason: "unreachable",
        message: "The directory cannot be reached.",
      });
      expect(Date.now() - started).toBeLessThan(DIRECTORY_DEADLINE_MS + 1_000);
    }
  });
});
