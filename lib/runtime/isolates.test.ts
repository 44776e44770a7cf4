// With a real second isolate: a worker thread that listens on the same named channel, as the pages
// worker's copy of a module does, and answers what it received.
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { acrossIsolates } from "./isolates";

let worker: Worker | undefined;
afterEach(async () => {
  await worker?.terminate();
  worker = undefined;
});

/** A worker whose channel `console.<name>` sends back `{ echo: <what it received> }`. */
async function echoingIsolate(name: string): Promise<void> {
  worker = new Worker(
    `const { BroadcastChannel, parentPort } = require("node:worker_threads");
     const channel = new BroadcastChannel(${JSON.stringify(`console.${name}`)});
     channel.onmessage = (event) => { if (!event.data.echo) channel.postMessage({ echo: event.data }); };
     parentPort.postMessage("listening");`,
    { eval: true },
  );
  await new Promise((resolve) => worker!.once("message", resolve));
}

describe("acrossIsolates", () => {
  it("delivers a message to the other isolate's copy, and that copy's message back", async () => {
    const received: unknown[] = [];
    const send = acrossIsolates<{ echo?: unknown; action?: string }>("test-echo", (message) => received.push(message));
    await echoingIsolate("test-echo");
    send({ action: "service_token.created" });
    await expect.poll(() => received).toEqual([{ echo: { action: "service_token.created" } }]);
  });

  it("never delivers a message to the isolate that sent it, nor to another channel", async () => {
    const mine: unknown[] = [];
    const other: unknown[] = [];
    const send = acrossIsolates<string>("test-own", (message) => mine.push(message));
    acrossIsolates<string>("test-other", (message) => other.push(message));
    await echoingIsolate("test-own");
    send("nudge");
    await expect.poll(() => mine).toEqual([{ echo: "nudge" }]);
    expect(other).toEqual([]);
  });
});
