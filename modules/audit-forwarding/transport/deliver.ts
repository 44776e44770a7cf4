// Sends framed syslog messages to a receiver and says whether they were taken, in plain words when not.
//
// Plain TCP syslog has no acknowledgement (RFC 6587), and data a receiver's kernel accepted is lost if
// the receiver stops before reading it. So a batch counts as delivered only when the receiver confirms
// it has read everything: after the last message the console closes its side of the connection, and the
// receiver, having read up to that end, closes its own (rsyslog and other receivers do). A batch whose
// connection breaks before that, or that is not confirmed in time, is sent again (at-least-once; each
// message carries the event's ID). UDP has no confirmation at all: each datagram is sent once.
import "server-only";
import { createSocket } from "node:dgram";
import { connect as netConnect, isIP, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { octetCounted } from "../wire/syslog";

export type Endpoint = {
  protocol: "UDP" | "TCP" | "TLS";
  host: string;
  port: number;
  tls?: { ca: string; cert?: string; key?: string };
};

/** A delivery failure with a sentence for the Audit Forwarding page (never a stack trace). */
export class DeliveryError extends Error {
  override name = "DeliveryError";
}

const DELIVERY_TIMEOUT_MS = 10_000;

const TLS_TRUST = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_SIGNATURE_FAILURE",
]);

/** The sentence the page shows for a failed delivery. */
export function describeDeliveryError(error: unknown, endpoint: Endpoint): string {
  if (error instanceof DeliveryError) return error.message;
  const e = error as NodeJS.ErrnoException & { reason?: string };
  const where = `${endpoint.host}:${endpoint.port}`;
  const code = e.code ?? "";
  if (code === "ECONNREFUSED") return `Connection refused by ${where}: nothing listens there, or a firewall refuses.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `The host name "${endpoint.host}" could not be resolved.`;
  if (code === "ETIMEDOUT") return `No answer from ${where} in time.`;
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return `${where} cannot be reached from this console (no route).`;
  if (code === "ECONNRESET" || code === "EPIPE")
    return `The receiver at ${where} closed the connection while messages were being sent.`;
  if (TLS_TRUST.has(code)) return `TLS handshake failed: the receiver's certificate is not signed by the CA certificate given.`;
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID")
    return `TLS handshake failed: the receiver's certificate is not valid for "${endpoint.host}".`;
  if (code === "CERT_HAS_EXPIRED") return "TLS handshake failed: the receiver's certificate has expired.";
  if (code === "CERT_NOT_YET_VALID") return "TLS handshake failed: the receiver's certificate is not valid yet.";
  if (/handshake|alert|SSL/i.test(`${code} ${e.message}`)) {
    return "TLS handshake failed: the receiver refused it (it may require a client certificate, or another TLS version).";
  }
  return `Delivery to ${where} failed (${code || "unknown error"}).`;
}

function openStream(endpoint: Endpoint, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const host = endpoint.host.replace(/^\[|\]$/g, "");
    const socket =
      endpoint.protocol === "TLS"
        ? tlsConnect({
            host,
            port: endpoint.port,
            ca: endpoint.tls?.ca,
            cert: endpoint.tls?.cert,
            key: endpoint.tls?.key,
            servername: isIP(host) ? undefined : host,
            rejectUnauthorized: true,
          })
        : netConnect({ host, port: endpoint.port });
    const timer = setTimeout(
      () => fail(new DeliveryError(`No connection to ${endpoint.host}:${endpoint.port} within 10 s.`)),
      DELIVERY_TIMEOUT_MS,
    );
    const onAbort = () => fail(new DeliveryError("Stopped."));
    signal.addEventListener("abort", onAbort, { once: true });
    function fail(error: Error) {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      reject(error);
    }
    socket.once("error", fail);
    socket.once(endpoint.protocol === "TLS" ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      socket.off("error", fail);
      resolve(socket);
    });
  });
}

/** Writes everything, half-closes, and waits for the receiver to close its side (its confirmation). */
function sendOverStream(
  socket: Socket,
  nextChunk: () => Buffer | undefined,
  endpoint: Endpoint,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let stage: "write" | "confirm" = "write";
    let timer = setTimeout(onTimeout, DELIVERY_TIMEOUT_MS);
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    function onTimeout() {
      finish(
        new DeliveryError(
          stage === "write"
            ? `The receiver at ${endpoint.host}:${endpoint.port} accepted the connection but does not read what is sent.`
            : `The receiver at ${endpoint.host}:${endpoint.port} did not confirm the messages (it did not close the connection after reading them).`,
        ),
      );
    }
    const onAbort = () => finish(new DeliveryError("Stopped."));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.on("error", (error) => finish(error));
    // The receiver never sends anything; reading lets us see its end of the connection.
    socket.on("data", () => undefined);
    socket.on("end", () => {
      if (stage === "confirm") finish();
      else
        finish(
          new DeliveryError(
            `The receiver at ${endpoint.host}:${endpoint.port} closed the connection before all messages were sent.`,
          ),
        );
    });
    socket.on("close", () => {
      if (!settled)
        finish(
          new DeliveryError(
            `The connection to ${endpoint.host}:${endpoint.port} broke before the receiver confirmed the messages.`,
          ),
        );
    });

    const writeMore = () => {
      for (let chunk = nextChunk(); chunk !== undefined; chunk = nextChunk()) {
        const ok = socket.write(chunk);
        if (!ok) {
          socket.once("drain", () => {
            clearTimeout(timer);
            timer = setTimeout(onTimeout, DELIVERY_TIMEOUT_MS);
            writeMore();
          });
          return;
        }
      }
      stage = "confirm";
      clearTimeout(timer);
      timer = setTimeout(onTimeout, DELIVERY_TIMEOUT_MS);
      socket.end();
    };
    writeMore();
  });
}

async function sendOverUdp(endpoint: Endpoint, messages: Buffer[], signal: AbortSignal): Promise<void> {
  const host = endpoint.host.replace(/^\[|\]$/g, "");
  const socket = createSocket(isIP(host) === 6 ? "udp6" : "udp4");
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.connect(endpoint.port, host, () => {
        socket.off("error", reject);
        resolve();
      });
    });
    for (const message of messages) {
      if (signal.aborted) throw new DeliveryError("Stopped.");
      await new Promise<void>((resolve, reject) => socket.send(message, (error) => (error ? reject(error) : resolve())));
    }
  } finally {
    socket.close();
  }
}

/** Delivers RFC 5424 messages (unframed) in order; throws when they were not all taken (see above). */
export async function deliver(
  endpoint: Endpoint,
  messages: Buffer[],
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  if (endpoint.protocol === "UDP") return sendOverUdp(endpoint, messages, signal);
  const socket = await openStream(endpoint, signal);
  // One buffer per ~64 KB: fewer writes, and the drain wait still applies. Each is framed when the socket
  // takes more, not all up front: a large batch does not hold the event loop in one piece.
  let next = 0;
  const nextChunk = () => {
    const pending: Buffer[] = [];
    let size = 0;
    for (let message = messages[next]; message !== undefined && size < 65_536; message = messages[next]) {
      next++;
      const framed = octetCounted(message);
      pending.push(framed);
      size += framed.length;
    }
    return pending.length ? Buffer.concat(pending, size) : undefined;
  };
  return sendOverStream(socket, nextChunk, endpoint, signal);
}
