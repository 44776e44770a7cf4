// Bundles the console's process (server.ts), the user command (scripts/user.ts) and the audit command
// (scripts/audit.ts) into dist/. Each loads
// the server core from the @console/server package (node_modules, built by server-package.mjs), as Next.js
// does: packages stay external, so neither bundle holds a second copy of it.
import { build } from "esbuild";
import { processBundleOptions } from "./server-package.mjs";

await build({
  ...processBundleOptions(
    { server: "server.ts", user: "scripts/user.ts", audit: "scripts/audit.ts" },
    process.env.SERVER_OUT_DIR || "dist",
  ),
  sourcemap: "linked",
  logLevel: process.argv.includes("--quiet") ? "warning" : "info",
});
