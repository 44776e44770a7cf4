// @console/server/api: the Bearer API's request handler, for the console's process (server.ts).
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getConfig } from "@/lib/config/config";
import { handleApiRequest } from "./http/handler";
import { createFastifyApiHandler } from "./http/fastify-handler";

export { handleApiRequest };

/**
 * TRIAL (issue 15): the handler API_ENGINE selects, so the benchmark can run both from one build. A bad
 * configuration falls back to the lean handler here: startConsoleServer reports it and stops.
 */
export async function prepareApiHandler(): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  let engine;
  try {
    engine = getConfig().apiEngine;
  } catch {
    return handleApiRequest;
  }
  if (engine === "lean") return handleApiRequest;
  const handler = await createFastifyApiHandler({ checkResponses: engine === "fastify" });
  console.log(`console: /api/v1 served by Fastify (${engine})`);
  return handler;
}
