// One webhook request, as Standard Webhooks specify: a JSON body {type, timestamp, data}, headers
// webhook-id (the outbox row's id: the same on every retry, so a receiver drops repeats),
// webhook-timestamp (seconds) and webhook-signature ("v1," + base64 HMAC-SHA256 of id.timestamp.body,
// made by the standardwebhooks library). Names are resolved here and link-local answers refused, so a
// name that points at cloud metadata is refused too.
import "server-only";
import { lookup } from "node:dns";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { isLinkLocal } from "./shared/webhook-schema";

const TIMEOUT_MS = 10_000;

export type WebhookOutcome = { ok: boolean; message: string; status: number | null; gone: boolean };

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    const list = addresses as unknown as { address: string; family: number }[] | undefined;
    const first = list?.[0];
    if (error || !list || !first) {
      callback(error ?? Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 4);
    } else if (list.some((a) => isLinkLocal(a.address))) {
      callback(Object.assign(new Error(`${hostname} resolves to a link-local address`), { code: "ELINKLOCAL" }), "", 4);
    } else if (options.all) {
      (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    } else {
      callback(null, first.address, first.family);
    }
  });
};

export function signedBody(id: string, secret: string, type: string, data: unknown, now: number) {
  const body = JSON.stringify({ type, timestamp: new Date(now).toISOString(), data });
  const timestamp = new Date(Math.floor(now / 1000) * 1000);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, timestamp, body),
    },
  };
}

export async function postWebhook(url: string, signed: ReturnType<typeof signedBody>): Promise<WebhookOutcome> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: "POST",
    headers: { ...signed.headers, "content-length": Buffer.byteLength(signed.body), "user-agent": "service-tokens-console" },
    lookup: guardedLookup,
    timeout: TIMEOUT_MS,
  };
  return new Promise((resolve) => {
    const req = send(target, options, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      resolve({
        ok,
        status,
        gone: status === 410,
        message: ok
          ? `The receiver answered ${status}.`
          : status === 410
            ? "The receiver answered 410 Gone: the webhook is disabled until it is edited."
            : `The receiver answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}.`,
      });
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
    req.on("error", (error: Error & { code?: string }) => {
      const where = target.host;
      const message =
        error.code === "ECONNREFUSED"
          ? `Nothing accepted the connection at ${where}.`
          : error.code === "ETIMEDOUT"
            ? `The receiver at ${where} did not answer within ${TIMEOUT_MS / 1000} s.`
            : error.code === "ELINKLOCAL"
              ? `${target.hostname} resolves to a link-local address: refused.`
              : error.code === "ENOTFOUND" || error.code === "EAI_AGAIN"
                ? `${target.hostname} could not be resolved (DNS).`
                : /certificate|self[- ]signed|CERT_/i.test(error.message)
                  ? `The receiver's certificate is not trusted (${error.message}).`
                  : error.message.split("\n")[0] || "The receiver could not be reached.";
      resolve({ ok: false, status: null, gone: false, message });
    });
    req.end(signed.body);
  });
}
