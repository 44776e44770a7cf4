// Email through the site's relay with nodemailer: one transport per send (a relay's settings change
// rarely and notifications are few), the relay's answers and failures told in plain words.
import "server-only";
import nodemailer from "nodemailer";
import type { NotificationSettings } from "./settings";
import { DEFAULT_PORTS } from "./shared/settings-schema";

export type Mail = {
  to: string[];
  subject: string;
  text: string;
  /** Stable across retries, so a repeat can be recognised. */ messageId?: string;
};
export type MailResult = { ok: true; message: string } | { ok: false; message: string };

/** Extra TLS trust for tests (a test CA); production relies on the system's CAs and NODE_EXTRA_CA_CERTS. */
let extraCa: string | undefined;
export function trustRelayCaForTests(ca: string | undefined): void {
  extraCa = ca;
}

const TIMEOUT_MS = 10_000;

type SmtpError = Error & { code?: string; response?: string; responseCode?: number; command?: string };

/** A nodemailer failure in words an administrator can act on. */
function describeFailure(error: SmtpError, where: string): string {
  const answer = error.response ? ` The relay answered: ${error.response}` : "";
  // A socket error reaches us wrapped (code ESOCKET/ECONNECTION), its own code only in the message.
  const code = /\b(ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|ECONNRESET)\b/.exec(error.message)?.[1] ?? error.code;
  switch (code === "ENOTFOUND" || code === "EAI_AGAIN" ? "EDNS" : code) {
    case "ECONNREFUSED":
      return `Nothing accepted the connection at ${where}: check the SMTP host and port.`;
    case "ETIMEDOUT":
    case "ETIMEOUT":
      return `The relay at ${where} did not answer within ${TIMEOUT_MS / 1000} s.`;
    case "EDNS":
      return `The SMTP host of ${where} could not be resolved (DNS).`;
    case "EAUTH":
      return `The relay refused the username or password.${answer}`;
    case "ENOAUTH":
      return "The relay asks for a username and password: enter them.";
    case "EENVELOPE":
      return `The relay refused the sender or a recipient.${answer}`;
    case "EMESSAGE":
      return `The relay refused the message.${answer}`;
    case "ETLS":
      return `The relay at ${where} offers no STARTTLS: choose TLS or None, or fix the relay.`;
  }
  const message = error.message.split("\n")[0] ?? "";
  if (/certificate|self[- ]signed|CERT_|unable to verify/i.test(message)) {
    return `The relay's certificate is not trusted (${message}): give the console its CA (NODE_EXTRA_CA_CERTS), or check the host name.`;
  }
  if (/wrong version number|ssl3_get_record|packet length too long/i.test(message)) {
    return `The relay at ${where} does not speak TLS on this port: try STARTTLS (usually port 587) or None.`;
  }
  return `${message || "The relay could not be reached."}${answer}`;
}

/** Sends one email through the configured relay; resolves with the relay's answer either way. */
export async function sendMail(settings: NotificationSettings, password: string | null, mail: Mail): Promise<MailResult> {
  if (!settings.smtpHost || !settings.mailFrom) return { ok: false, message: "No SMTP host and From address are saved." };
  if (mail.to.length === 0) return { ok: false, message: "There is no recipient: add one under Recipients." };
  const port = settings.smtpPort ?? DEFAULT_PORTS[settings.security];
  const auth = settings.smtpUsername ? { user: settings.smtpUsername, pass: password ?? "" } : undefined;
  if (auth && settings.security === "NONE" && !settings.allowPlainPassword) {
    return { ok: false, message: "The password would cross the network in plain text: choose STARTTLS or TLS." };
  }
  const transport = nodemailer.createTransport({
    host: settings.smtpHost,
    port,
    secure: settings.security === "TLS",
    requireTLS: settings.security === "STARTTLS",
    ignoreTLS: settings.security === "NONE",
    auth,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    tls: extraCa ? { ca: extraCa } : undefined,
  });
  try {
    const info = (await transport.sendMail({
      from: settings.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId ? `<${mail.messageId}@service-tokens.console>` : undefined,
    })) as {
      response?: string;
    };
    return { ok: true, message: `The relay accepted it: ${info.response ?? "OK"}` };
  } catch (error) {
    return { ok: false, message: describeFailure(error as SmtpError, `${settings.smtpHost}:${port}`) };
  } finally {
    transport.close();
  }
}
