import "server-only";
import type { IncomingMessage } from "node:http";
import { ApiError } from "./respond";

/** Small JSON bodies only (a rotation request is a few dozen bytes). */
const MAX_JSON_BYTES = 4_096;

/** Reads and parses a JSON request body: 415 for another media type, 413 when too large, 400 when not JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_JSON_BYTES)
    throw new ApiError(413, "payload_too_large", `The JSON body may be at most ${MAX_JSON_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES)
      throw new ApiError(413, "payload_too_large", `The JSON body may be at most ${MAX_JSON_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiError(400, "invalid_request", "The body is not valid JSON.");
  }
}
