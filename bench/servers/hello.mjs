// The headroom check: the smallest node:http server. If the load generator cannot drive it well above
// the baseline's rate, the generator (or the machine) is the bottleneck and a ratio means little.
import { createServer } from "node:http";

const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/plain", "content-length": 5 });
  res.end("hello");
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("hello: ready"));
process.on("SIGTERM", () => process.exit(0));
