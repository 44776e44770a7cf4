// A real OpenLDAP server (Debian's slapd) for the directory tests, started on free local ports with its
// own configuration and database folder (never the system's instance): ldap:// (StartTLS offered) and
// ldaps:// with a certificate from test-ca.ts, seeded by slapadd from an LDIF of users in and out of the
// groups. Group membership is read from the groups' `member` values, so no memberof overlay is needed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, startChild } from "./child-process";
import { makeTestCertificates, type TestCertificates } from "./test-ca";

const SLAPD = "/usr/sbin/slapd";
const BASE_DN = "dc=example,dc=org";
const ROOT_DN = `cn=admin,${BASE_DN}`;
const ROOT_PASSWORD = "slapd root secret";
export const SERVICE_DN = `cn=console,ou=services,${BASE_DN}`;
export const SERVICE_PASSWORD = "service account secret";
export const USERS_DN = `ou=people,${BASE_DN}`;
export const ADMINS_GROUP = `cn=console-admins,ou=groups,${BASE_DN}`;
export const VIEWERS_GROUP = `cn=console-viewers,ou=groups,${BASE_DN}`;

/** The seeded people: uid → password and groups. */
export const PEOPLE = {
  alice: { password: "alice's passphrase", name: "Alice Admin", groups: [ADMINS_GROUP] },
  victor: { password: "victor's passphrase", name: "Victor Viewer", groups: [VIEWERS_GROUP] },
  nora: { password: "nora's passphrase", name: "Nora Nogroup", groups: [] },
  // A name with characters a DN and a filter must escape.
  "o.brien": { password: "o'brien's passphrase", name: "Dara O'Brien, Jr.", groups: [VIEWERS_GROUP] },
} as const;

export type Slapd = {
  url: string;
  ldapsUrl: string;
  /** ldaps:// on 127.0.0.2, which the certificate does not name. */
  wrongHostUrl: string;
  certificates: TestCertificates;
  /** Runs ldapmodify as the root DN with an LDIF (to move users between groups). */
  modify(ldif: string): void;
  stop(): Promise<void>;
};

/** For needs(): null when slapd and ldap-utils are installed. */
export function slapdUnavailable(): string | null {
  return existsSync(SLAPD) && existsSync("/usr/bin/ldapmodify")
    ? null
    : "slapd is not installed (apt-get install slapd ldap-utils)";
}

const dnOf = (uid: string) => `uid=${uid.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`)},${USERS_DN}`;

function seedLdif(): string {
  const entries = [
    `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example`,
    `dn: ou=people,${BASE_DN}\nobjectClass: organizationalUnit\nou: people`,
    `dn: ou=groups,${BASE_DN}\nobjectClass: organizationalUnit\nou: groups`,
    `dn: ou=services,${BASE_DN}\nobjectClass: organizationalUnit\nou: services`,
    `dn: ${SERVICE_DN}\nobjectClass: person\ncn: console\nsn: console\nuserPassword: ${SERVICE_PASSWORD}`,
    ...Object.entries(PEOPLE).map(
      ([uid, p]) =>
        `dn: ${dnOf(uid)}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${p.name}\nsn: ${p.name.split(" ")[1] ?? p.name}\nuserPassword: ${p.password}`,
    ),
    ...[ADMINS_GROUP, VIEWERS_GROUP].map((group) => {
      const members = Object.entries(PEOPLE)
        .filter(([, p]) => (p.groups as readonly string[]).includes(group))
        .map(([uid]) => `member: ${dnOf(uid)}`);
      return `dn: ${group}\nobjectClass: groupOfNames\ncn: ${group.slice(3, group.indexOf(","))}\n${members.join("\n")}`;
    }),
  ];
  return `${entries.join("\n\n")}\n`;
}

export async function startSlapd(): Promise<Slapd> {
  const dir = mkdtempSync(path.join(tmpdir(), "slapd-"));
  const file = (name: string) => path.join(dir, name);
  mkdirSync(file("db"));
  const certificates = makeTestCertificates();
  writeFileSync(file("ca.pem"), certificates.ca);
  writeFileSync(file("server.pem"), certificates.cert);
  writeFileSync(file("server.key"), certificates.key, { mode: 0o600 });
  writeFileSync(
    file("slapd.conf"),
    [
      ...["core", "cosine", "inetorgperson", "nis"].map((s) => `include /etc/ldap/schema/${s}.schema`),
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      `pidfile ${file("slapd.pid")}`,
      `TLSCACertificateFile ${file("ca.pem")}`,
      `TLSCertificateFile ${file("server.pem")}`,
      `TLSCertificateKeyFile ${file("server.key")}`,
      "database mdb",
      `suffix "${BASE_DN}"`,
      `rootdn "${ROOT_DN}"`,
      `rootpw "${ROOT_PASSWORD}"`,
      `directory ${file("db")}`,
      "maxsize 10485760",
      // Anyone may bind; only bound users read (anonymous reads would hide a broken Bind DN).
      "access to attrs=userPassword by anonymous auth by * none",
      "access to * by users read by anonymous auth",
    ].join("\n"),
  );
  writeFileSync(file("seed.ldif"), seedLdif());
  execFileSync(SLAPD.replace("slapd", "slapadd"), ["-f", file("slapd.conf"), "-l", file("seed.ldif")], { stdio: "pipe" });

  const [ldapPort, ldapsPort] = [await freePort(), await freePort()];
  const urls = [`ldap://127.0.0.1:${ldapPort}/`, `ldaps://127.0.0.1:${ldapsPort}/`, `ldaps://127.0.0.2:${ldapsPort}/`];
  // -d keeps slapd in the foreground (a child this process can stop); -d 0 logs nothing but its failures.
  const child = await startChild("slapd", SLAPD, ["-f", file("slapd.conf"), "-h", urls.join(" "), "-d", "0"], {
    ready: { ports: [ldapPort, ldapsPort] },
    timeoutMs: 10_000,
  });

  return {
    url: `ldap://127.0.0.1:${ldapPort}`,
    ldapsUrl: `ldaps://127.0.0.1:${ldapsPort}`,
    wrongHostUrl: `ldaps://127.0.0.2:${ldapsPort}`,
    certificates,
    modify(ldif) {
      execFileSync("ldapmodify", ["-x", "-H", `ldap://127.0.0.1:${ldapPort}`, "-D", ROOT_DN, "-w", ROOT_PASSWORD], {
        input: ldif,
        stdio: "pipe",
      });
    },
    async stop() {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { dnOf as personDn };
