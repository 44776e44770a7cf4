// Bundles the console's process (server.ts), the user command (scripts/user.ts) and the audit command
// (scripts/audit.ts) into dist/. Each loads
// the server core from the @console/server package (node_modules, built by server-package.mjs), as Next.js
// does: packages stay external, so neither bundle holds a second copy of it.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { serverOnlyPlugin } from "./server-package.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { server: "server.ts", user: "scripts/user.ts", audit: "scripts/audit.ts" },
  outdir: process.env.SERVER_OUT_DIR || "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  alias: { "@": "." },
  plugins: [serverOnlyPlugin],
  sourcemap: "linked",
  logLevel: process.argv.includes("--quiet") ? "warning" : "info",
});
