// A real SMTP relay for the tests (the smtp-server package): records every message it accepts, can
// offer STARTTLS with a test CA's certificate and ask for a password, and can be stopped and started
// again on the same port (a relay that goes away and comes back).
import { SMTPServer } from "smtp-server";
import { freePort } from "./child-process";
import { pollUntil } from "./poll";

type ReceivedMail = {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  messageId: string | null;
  /** The body, decoded from quoted-printable when so encoded. */
  text: string;
};

const decodeQuotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");

export type SmtpRelay = {
  port: number;
  received: ReceivedMail[];
  /** Resolves once `predicate` holds for what was received (polling), or throws after `timeoutMs`. */
  waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
};

export type RelayOptions = { tls?: { key: string; cert: string }; auth?: { user: string; pass: string } };

export async function startSmtpRelay(options: RelayOptions = {}): Promise<SmtpRelay> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        secure: false,
        disabledCommands: options.tls ? [] : ["STARTTLS"],
        ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
        authOptional: !options.auth,
        allowInsecureAuth: false,
        logger: false,
        onAuth(auth, _session, callback) {
          if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
            callback(null, { user: auth.username });
          } else callback(new Error("Invalid username or password"));
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
            const body = rest.join("\r\n\r\n");
            const headers = head.replace(/\r?\n[ \t]+/g, " ");
            const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(headers)?.[1]?.trim() ?? null;
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              subject: header("Subject") ?? "",
              messageId: header("Message-ID"),
              text: /quoted-printable/i.test(header("Content-Transfer-Encoding") ?? "") ? decodeQuotedPrintable(body) : body,
            });
            callback();
          });
        },
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });

  await start();
  return {
    port,
    received,
    waitFor: (predicate, timeoutMs = 15_000) =>
      pollUntil(
        () => predicate(received),
        timeoutMs,
        () => `the relay did not receive the expected mail (${received.length} received)`,
      ),
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start,
  };
}
