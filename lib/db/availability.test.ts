import { describe, expect, it } from "vitest";
import { withDatabaseUrl } from "../testing/with-database-url";

describe("checkHealth", () => {
  it("moves the state the pages and the API read at once, without waiting for the monitor's probe", async () => {
    const seen = await withDatabaseUrl("postgresql://nobody:x@127.0.0.1:1/none", async () => {
      const { checkHealth, databaseState } = await import("./availability");
      const before = databaseState();
      const health = await checkHealth();
      return { before, health, after: databaseState() };
    });

    expect(seen.before).toEqual({ ok: true, reason: "" });
    expect(seen.health).toEqual({ ok: false, reason: "the database cannot be reached" });
    expect(seen.after).toEqual({ ok: false, reason: "the database cannot be reached" });
  });

  it("reports a database that answers, and leaves the state open", async () => {
    const { checkHealth, databaseState } = await import("./availability");
    expect(await checkHealth()).toEqual({ ok: true });
    expect(databaseState()).toEqual({ ok: true, reason: "" });
  });
});
