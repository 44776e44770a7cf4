// The plaintext of a token exists only in the one-time modal: not in the database file, not in any
// table row, not in the server's log. Its SHA-256 is in the database, which proves we looked at the
// database the console writes to.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { queryDatabase } from "../../support/db";
import { e2eEnv, STORAGE_STATE } from "../../support/env";
import { createAndClose, PAGE_PATH, secretPart, uniqueIssuedTo } from "../../support/tokens";

test.use({ storageState: STORAGE_STATE.admin });

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The raw bytes of the SQLite file and its write-ahead log. WAL first: a checkpoint moves pages from it into the file. */
function databaseBytes(): Buffer {
  const file = e2eEnv().databaseFile;
  const wal = `${file}-wal`;
  const walBytes = existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0);
  return Buffer.concat([walBytes, readFileSync(file)]);
}

test("a created token's plaintext is in neither the database nor the log; its hash is stored", async ({ page }) => {
  await page.goto(PAGE_PATH);
  const created = [
    await createAndClose(page, { type: "Connector", issuedTo: uniqueIssuedTo("E2E storage connector") }),
    await createAndClose(page, { type: "Developer", issuedTo: uniqueIssuedTo("E2E storage developer") }),
  ];
  const { databaseFile, dataDir, serverLog } = e2eEnv();

  for (const { token, publicId } of created) {
    // Searched for is the secret part alone (without the prefix and the 4 characters the hint shows),
    // so a store that kept only the body would be caught too.
    const secret = secretPart(token);
    expect(secret).toHaveLength(45);

    // The console's rows, read through SQLite (which includes what is still in the WAL).
    const [stored] = queryDatabase<{ tokenHash: string; hint: string }>(
      `SELECT tokenHash, hint FROM service_tokens WHERE publicId = ?`,
      publicId,
    );
    expect(stored?.tokenHash).toBe(sha256(token));
    expect(stored?.hint).toBe(`${token.slice(0, 8)}…${token.slice(-4)}`);

    const tables = queryDatabase<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["service_tokens", "audit_events"]));
    for (const table of tables) {
      const rows = queryDatabase<Record<string, unknown>>(`SELECT * FROM "${table}"`);
      const leaks = rows.filter((row) =>
        Object.values(row).some((value) => (Buffer.isBuffer(value) ? value.includes(secret) : String(value).includes(secret))),
      );
      expect(leaks, `rows of ${table} that contain the token`).toEqual([]);
    }

    // The raw bytes of the database file and its WAL: the hash is there, the plaintext is not.
    const bytes = databaseBytes();
    expect(bytes.includes(sha256(token)), `the hash of ${publicId} in ${databaseFile}(-wal)`).toBe(true);
    expect(bytes.includes(secret), `the token ${publicId} in ${databaseFile}(-wal)`).toBe(false);

    // Nor anywhere else in the data folder (journals, uploads, other files).
    for (const file of filesUnder(dataDir)) {
      expect(readFileSync(file).includes(secret), `the token ${publicId} in ${file}`).toBe(false);
    }

    // The server's log is the one this console writes to, and it does not contain the token.
    const log = readFileSync(serverLog, "utf8");
    expect(log).toContain("console: ready on");
    expect(log.includes(secret), `the token ${publicId} in ${serverLog}`).toBe(false);
  }
});
