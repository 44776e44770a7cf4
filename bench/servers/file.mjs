// The downloads' baseline: a bare node:http server streaming one file (BENCH_FILE) with the same
// stream and default buffer size as the console's GET /api/v1/files/{id}/content, and no check at all.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { pipeline } from "node:stream/promises";

const file = process.env.BENCH_FILE;
const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": statSync(file).size });
  pipeline(createReadStream(file), res).catch(() => res.destroy());
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("file: ready"));
process.on("SIGTERM", () => process.exit(0));
