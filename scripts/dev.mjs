// npm run dev: the console with reloading. Pages and client islands reload through Next's dev server; the
// server core (@console/server: data layer, API, auth) is rebuilt on every change and the process restarts
// with it, because Node cannot swap a module it has loaded.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { context } from "esbuild";
import { packageBuildOptions, writeStubs } from "./server-package.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (args) => spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
const exited = (child) => new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));

writeStubs();
if ((await exited(run(["scripts/build-server.mjs", "--quiet"]))) !== 0) process.exit(1);

let consoleProcess = null;
async function restart() {
  if (consoleProcess) {
    const old = consoleProcess;
    consoleProcess = null;
    old.kill("SIGTERM");
    await exited(old);
    console.log("dev: the server core changed; restarting the console");
  }
  consoleProcess = run(["dist/server.mjs", "--dev"]);
}

const options = packageBuildOptions();
const ctx = await context({
  ...options,
  logLevel: "warning",
  plugins: [
    ...options.plugins,
    { name: "restart", setup: (build) => build.onEnd((result) => (result.errors.length ? undefined : restart())) },
  ],
});
await ctx.watch();

const stop = () => {
  void ctx.dispose();
  consoleProcess?.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
