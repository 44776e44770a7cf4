// Where a secret must never end up: any file of the console's data folder (the database, its WAL and
// journals, uploads) and the console's log.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { e2eEnv } from "./env";

export function expectSecretStoredNowhere(secret: string, label: string): void {
  const { dataDir, serverLog } = e2eEnv();
  const files = readdirSync(dataDir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  expect(
    files.some((file) => file.endsWith("console.db")),
    "the database is among the files searched",
  ).toBe(true);
  for (const file of files) expect(readFileSync(file).includes(secret), `${label} in ${file}`).toBe(false);
  const log = readFileSync(serverLog, "utf8");
  expect(log).toContain("console: ready on");
  expect(log.includes(secret), `${label} in ${serverLog}`).toBe(false);
}
