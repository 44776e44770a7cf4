import { defineConfig } from "@playwright/test";
import { BASE_URL } from "@/e2e/support/env";

// Playwright's own browser download needs the internet, which an appliance's build machine lacks:
// Debian's Chromium instead, with the flags it needs as root in a container (docs/architecture.md).
const chromium = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "./e2e",
  // Kept apart from test-results/ itself, which Playwright empties at start and where the console's
  // details and log are written (e2e/support/start-server.mjs).
  outputDir: "./test-results/playwright",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    permissions: ["clipboard-read", "clipboard-write"],
    launchOptions: chromium,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", testMatch: /\.spec\.ts$/, dependencies: ["setup"] },
  ],
  webServer: {
    command: "node e2e/support/start-server.mjs",
    // Printed once the console answers and the test users exist (a `url` would race this line). The
    // named group becomes process.env.DATA_DIR for the specs: the console's data folder.
    wait: { stdout: /^e2e: console ready, data in (?<data_dir>\S+)$/m },
    reuseExistingServer: false,
    // Includes a production build unless E2E_PREBUILT is set.
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
