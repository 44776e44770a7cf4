import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { copyFileSync, renameSync, rmSync } from "node:fs";
import { checkDatabase, rememberDatabaseFile } from "./health";
import { sqliteFilePath } from "./database-url";
import { isPostgresUrl } from "../testing/scratch-database";
import { withDatabaseUrl } from "../testing/with-database-url";

let silent: { server: Server; sockets: Set<Socket> } | undefined;

/** A TCP server that accepts connections and never answers: a hung database. */
async function silentServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  silent = { server, sockets };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

afterEach(async () => {
  if (!silent) return;
  for (const socket of silent.sockets) socket.destroy();
  await new Promise((resolve) => silent!.server.close(resolve));
  silent = undefined;
});

describe("checkDatabase", () => {
  it("is ok when the database answers", async () => {
    expect(await checkDatabase()).toEqual({ ok: true });
  });

  it("reports a database that refuses connections, in one line", async () => {
    const health = await withDatabaseUrl("postgresql://nobody:x@127.0.0.1:1/none", async () => {
      const { checkDatabase: check } = await import("./health");
      return check();
    });

    // Plain words for clients: no driver message, host or port.
    expect(health).toEqual({ ok: false, reason: "the database cannot be reached" });
  });

  it("answers within its deadline when the database hangs", async () => {
    const port = await silentServer();
    const { health, elapsed } = await withDatabaseUrl(`postgresql://nobody:x@127.0.0.1:${port}/none`, async () => {
      const { checkDatabase: check } = await import("./health");
      const started = Date.now();
      const result = { health: await check(300), elapsed: Date.now() - started };
      // Ends the pending connection now, so closing the client does not wait for the driver's timeout.
      for (const socket of silent!.sockets) socket.destroy();
      return result;
    });

    expect(health).toEqual({ ok: false, reason: "the database did not answer within 300 ms" });
    // The driver itself would wait for its 5 s connection timeout.
    expect(elapsed).toBeLessThan(2_000);
  });

  it.runIf(!isPostgresUrl(process.env.DATABASE_URL))(
    "notices a SQLite file removed or replaced while running, and a read-only file",
    async () => {
      const file = sqliteFilePath(process.env.DATABASE_URL!);
      rememberDatabaseFile();
      expect(await checkDatabase()).toEqual({ ok: true });

      renameSync(file, `${file}.moved`);
      try {
        expect(await checkDatabase()).toEqual({
          ok: false,
          reason: "the database file was removed while the console was running",
        });
        copyFileSync(`${file}.moved`, file);
        expect(await checkDatabase()).toEqual({
          ok: false,
          reason: "the database file was replaced while the console was running",
        });
      } finally {
        rmSync(file, { force: true });
        renameSync(`${file}.moved`, file);
      }
      expect(await checkDatabase()).toEqual({ ok: true });
    },
  );

  it("is ok again for the test file's own database afterwards", async () => {
    expect(await checkDatabase()).toEqual({ ok: true });
  });
});
