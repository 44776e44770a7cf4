// A real rsyslog (Debian's rsyslogd, with rsyslog-gnutls for TLS) as the SIEM's receiver in the tests:
// started as the test's own child with a configuration of its own on free local ports for UDP, TCP and
// TLS, with a CA and a server certificate from test-ca.ts, writing each message's raw text
// on one line of a file the tests read. `stop()` and `start()` again model a receiver that goes away.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, startChild, type Child } from "./child-process";
import { pollUntil } from "./poll";
import { makeTestCertificates } from "./test-ca";

const RSYSLOGD = "/usr/sbin/rsyslogd";

export function rsyslogUnavailable(): string | null {
  if (!existsSync(RSYSLOGD)) return "rsyslogd is not installed (apt-get install rsyslog rsyslog-gnutls)";
  if (!existsSync("/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so") && !existsSync("/usr/lib/rsyslog/lmnsd_gtls.so")) {
    return "rsyslog-gnutls is not installed";
  }
  return null;
}

type Certificates = { dir: string; ca: string; wrongCa: string; serverCert: string; serverKey: string };

/** The test CA's certificates (test-ca.ts), the server's written where rsyslogd reads them. */
function makeCertificates(dir: string): Certificates {
  const { ca, wrongCa, cert, key } = makeTestCertificates();
  const serverCert = path.join(dir, "server.pem");
  const serverKey = path.join(dir, "server.key");
  writeFileSync(serverCert, cert);
  writeFileSync(serverKey, key, { mode: 0o600 });
  return { dir, ca, wrongCa, serverCert, serverKey };
}

export type Rsyslog = {
  ports: { udp: number; tcp: number; tls: number };
  certificates: Certificates;
  /** Every message received so far, one per line, as sent (without the framing). */
  lines(): string[];
  /** Waits until `predicate` holds for the lines received (polling the file). */
  waitFor(predicate: (lines: string[]) => boolean, timeoutMs?: number): Promise<string[]>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

export async function startRsyslog(): Promise<Rsyslog> {
  const dir = mkdtempSync(path.join(tmpdir(), "console-rsyslog-"));
  const certificates = makeCertificates(dir);
  const ports = { udp: await freePort(), tcp: await freePort(), tls: await freePort() };
  const log = path.join(dir, "messages.log");
  const conf = path.join(dir, "rsyslog.conf");
  writeFileSync(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="64k" parser.escapeControlCharactersOnReceive="off"
  defaultNetstreamDriverCAFile="${path.join(dir, "test-ca.pem")}"
  defaultNetstreamDriverCertFile="${certificates.serverCert}"
  defaultNetstreamDriverKeyFile="${certificates.serverKey}")
module(load="imudp")
module(load="imtcp" maxSessions="500")
template(name="raw" type="string" string="%rawmsg%\\n")
ruleset(name="received") {
  action(type="omfile" file="${log}" template="raw" flushOnTXEnd="on" asyncWriting="off")
}
input(type="imudp" address="127.0.0.1" port="${ports.udp}" ruleset="received")
input(type="imtcp" address="127.0.0.1" port="${ports.tcp}" ruleset="received")
input(type="imtcp" address="127.0.0.1" port="${ports.tls}" ruleset="received"
  streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
`,
  );
  let child: Child | null = null;

  const start = async () => {
    const pidFile = path.join(dir, "rsyslogd.pid");
    rmSync(pidFile, { force: true });
    // Ready when TCP and TLS accept (UDP: the same start opened it).
    child = await startChild("rsyslogd", RSYSLOGD, ["-n", "-f", conf, "-i", pidFile], {
      ready: { ports: [ports.tcp, ports.tls] },
    });
  };
  const stop = async () => {
    const running = child;
    child = null;
    await running?.stop();
  };
  // Whole lines only: rsyslog may be writing the last one while it is read.
  const lines = () => (existsSync(log) ? readFileSync(log, "utf8").split("\n").slice(0, -1).filter(Boolean) : []);
  await start();
  return {
    ports,
    certificates,
    lines,
    async waitFor(predicate, timeoutMs = 20_000) {
      let now: string[] = [];
      await pollUntil(
        () => predicate((now = lines())),
        timeoutMs,
        () =>
          `rsyslog did not receive what was expected in ${timeoutMs} ms; it has ${now.length} lines:\n${now.slice(-5).join("\n")}`,
      );
      return now;
    },
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
