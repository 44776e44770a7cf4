// A destination must never be the console's own listener: forwarding its audit trail to itself would
// feed every message back as a request. Checked at save and again before each delivery (names can
// resolve differently later).
import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { getConfig } from "@/lib/config/config";

function localAddresses(): Set<string> {
  const all = new Set(["127.0.0.1", "::1", "0.0.0.0", "::"]);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) all.add(a.address);
  return all;
}

const isLoopback = (address: string) => address.startsWith("127.") || address === "::1" || address === "::ffff:127.0.0.1";

/** Whether host:port reaches this console's own HTTP listener. Unresolvable names are not (a state, later). */
export async function isConsoleListener(host: string, port: number): Promise<boolean> {
  const config = getConfig();
  if (port !== config.port) return false;
  const bare = host.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true })).map((a) => a.address);
  } catch {
    return false;
  }
  const listensOnAll = config.host === "0.0.0.0" || config.host === "::";
  const local = localAddresses();
  return addresses.some((a) =>
    listensOnAll ? local.has(a) || isLoopback(a) : a === config.host || (isLoopback(a) && isLoopback(config.host)),
  );
}
