// A throwaway CA and a server certificate for 127.0.0.1 and localhost signed by it (openssl), plus an
// unrelated CA, for the TLS servers the tests start (the SMTP relay), and the same server certificate
// already expired (`openssl ca` with dates in the past: OpenSSL 3.0's x509 has no -not_after).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type TestCertificates = { ca: string; wrongCa: string; cert: string; key: string; expiredCert: string };

export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(path.join(tmpdir(), "test-ca-"));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  try {
    for (const name of ["ca", "wrong-ca"]) {
      openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        `/CN=${name}`,
        "-keyout",
        file(`${name}.key`),
        "-out",
        file(`${name}.pem`),
      );
    }
    openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=localhost",
      "-keyout",
      file("server.key"),
      "-out",
      file("server.csr"),
    );
    writeFileSync(file("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(
      "x509",
      "-req",
      "-in",
      file("server.csr"),
      "-CA",
      file("ca.pem"),
      "-CAkey",
      file("ca.key"),
      "-CAcreateserial",
      "-days",
      "2",
      "-extfile",
      file("san.ext"),
      "-out",
      file("server.pem"),
    );
    writeFileSync(file("index.txt"), "");
    writeFileSync(file("serial"), "1000\n");
    writeFileSync(
      file("ca.cnf"),
      [
        "[ca]",
        "default_ca = test",
        "[test]",
        `database = ${file("index.txt")}`,
        `new_certs_dir = ${dir}`,
        `serial = ${file("serial")}`,
        "default_md = sha256",
        "policy = any",
        "unique_subject = no",
        "[any]",
        "commonName = supplied",
        "",
      ].join("\n"),
    );
    openssl(
      "ca",
      "-batch",
      "-notext",
      "-config",
      file("ca.cnf"),
      "-cert",
      file("ca.pem"),
      "-keyfile",
      file("ca.key"),
      "-in",
      file("server.csr"),
      "-startdate",
      "20200101000000Z",
      "-enddate",
      "20200201000000Z",
      "-extfile",
      file("san.ext"),
      "-out",
      file("expired.pem"),
    );
    const read = (name: string) => readFileSync(file(name), "utf8");
    return {
      ca: read("ca.pem"),
      wrongCa: read("wrong-ca.pem"),
      cert: read("server.pem"),
      key: read("server.key"),
      expiredCert: read("expired.pem"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
