import "server-only";
import { BroadcastChannel } from "node:worker_threads";

/**
 * The console's process runs two isolates (docs/architecture.md, "Two isolates, one process"): the main
 * thread (the listener, the Bearer API, /metrics, /api/health, background work) and the pages worker
 * (Next.js). Each holds its own copy of the server core, so state that one isolate changes and the other
 * reads is named here, one channel per piece, and sent as a message: the receiving isolate applies it to
 * its own copy. A message never reaches the isolate that sent it, and with one isolate (development, the
 * tests) nobody listens: the sender has already applied the change itself.
 *
 * Messages are structured-cloned and arrive on the receiver's event loop, a moment later; what they
 * carry is therefore only ever something a moment late is fine for (a count, a nudge, a setting).
 */
export function acrossIsolates<T>(name: string, receive: (message: T) => void): (message: T) => void {
  const channel = new BroadcastChannel(`console.${name}`);
  // A channel never keeps a process (or a test run) alive by itself.
  channel.unref();
  channel.onmessage = (event) => receive((event as { data: T }).data);
  return (message) => channel.postMessage(message);
}

/**
 * A change every isolate makes: `apply` runs here at once and in the other isolate when the message
 * arrives. For the common case; a change whose sender does more than its receivers (a log line, a probe)
 * uses `acrossIsolates` directly.
 */
export function inEveryIsolate<T>(name: string, apply: (message: T) => void): (message: T) => void {
  const tellOthers = acrossIsolates(name, apply);
  return (message) => {
    apply(message);
    tellOthers(message);
  };
}
