import type { IncomingMessage, ServerResponse } from "node:http";

// Placeholder until the Bearer API lands (issue 4): every /api/v1 path is unknown.
export function handleApiRequest(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: "not_found", message: "No such API route." } }));
}
