// A real HTTP receiver for webhooks in the tests: verifies each request's Standard Webhooks signature
// with the secret it is given (the standardwebhooks library, as a customer's receiver would), records
// what came and whether it verified, and answers as told: a queue of statuses (500, 410, …), "hang"
// (never answers: a timeout), then 200.
import { createServer, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { pollUntil } from "./poll";

type ReceivedHook = { id: string; type: string; body: string; verified: boolean; status: number | "hang" };

export type WebhookReceiver = {
  url: string;
  /** The secret requests are verified with (set it to what the console showed). */
  secret: string;
  /** Answers for the next requests, in order; afterwards 200. */
  answers: (number | "hang")[];
  received: ReceivedHook[];
  waitFor(predicate: (hooks: ReceivedHook[]) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = { secret: "", answers: [] as (number | "hang")[], received: [] as ReceivedHook[] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified = false;
      try {
        new Webhook(receiver.secret).verify(body, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      const answer = receiver.answers.shift() ?? (verified ? 200 : 401);
      let type = "";
      try {
        type = (JSON.parse(body) as { type: string }).type;
      } catch {
        // recorded as it came
      }
      receiver.received.push({ id: String(req.headers["webhook-id"] ?? ""), type, body, verified, status: answer });
      if (answer === "hang") return;
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/tokens`,
    waitFor: (predicate: (hooks: ReceivedHook[]) => boolean, timeoutMs = 15_000) =>
      pollUntil(
        () => predicate(receiver.received),
        timeoutMs,
        () => `the receiver did not get the expected requests (${receiver.received.length} came)`,
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
