// Bundles the console's server (server.ts) and the user command (scripts/user.ts) into dist/.
// Packages stay external; `server-only` is replaced by an empty module because these entry points run
// in plain Node, outside React Server Components, on purpose.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { server: "server.ts", user: "scripts/user.ts" },
  outdir: process.env.SERVER_OUT_DIR || "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  alias: { "server-only": "./lib/testing/server-only-stub.ts", "@": "." },
  sourcemap: "linked",
  logLevel: process.argv.includes("--quiet") ? "warning" : "info",
  // ESM output still meets CommonJS-style code in some bundled files.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
