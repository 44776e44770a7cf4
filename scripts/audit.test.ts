// `npm run audit -- verify` end to end: the bundled command in a child process, on this test file's
// database and on export files; tampering is done the way an intruder with database access would.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_HEADER, csvLine, exportRowOf, jsonLine } from "@/lib/audit/export-format";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/db";
import { buildBundle, lines, runNode } from "./testing/bundle";

let bundle: ReturnType<typeof buildBundle>;
let cli: string;

beforeAll(async () => {
  bundle = buildBundle();
  cli = path.join(bundle.dir, "audit.mjs");
  for (let i = 0; i < 6; i++) {
    await recordAuditEvent({
      actorType: "user",
      actorName: i === 2 ? '=HYPERLINK("x")' : `cli-${i}`,
      action: "service_token.create",
      outcome: "success",
      targetType: "service_token",
      targetId: `tok_cli${i}`,
      details: {
        type: "CONNECTOR",
        issuedTo: `a|b=c\\d, "quoted" 😀 ${i}`,
        hint: "opc_con_…abcd",
        expiresAt: "2030-01-01T00:00:00.000Z",
      },
      meta: { ip: "192.0.2.1", userAgent: i === 3 ? "" : "agent, with comma" },
    });
  }
});
afterAll(() => bundle.remove());

const audit = (args: string[]) => runNode(cli, args, { timeoutMs: 60_000 });

async function exported() {
  const rows = await db().auditEvent.findMany({ orderBy: { seq: "asc" } });
  return rows.map((r) => exportRowOf({ ...r, createdAt: r.createdAt.toISOString(), prevHash: r.prevHash ?? "" }));
}

describe("npm run audit -- verify", () => {
  it("says the database's chain is intact, and names the first event changed, then deleted", async () => {
    const ok = await audit(["verify"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(lines(ok.stdout)[0]).toMatch(/^audit chain: intact: \d+ events up to #\d+$/);
    expect(lines(ok.stdout)[1]).toMatch(/^checkpoint key \(Ed25519, base64url\): [\w-]{43}$/);
    expect((await db().auditVerification.findFirst({ orderBy: { createdAt: "desc" } }))?.ok).toBe(true);

    const victim = await db().auditEvent.findFirstOrThrow({ where: { targetId: "tok_cli1" } });
    await db().auditEvent.update({ where: { id: victim.id }, data: { actorName: "mallory" } });
    const changed = await audit(["verify"]);
    expect(changed.code).toBe(1);
    expect(lines(changed.stdout)[0]).toBe(
      `audit chain: BROKEN: event #${victim.seq} (${victim.id}) was changed: it does not match its hash`,
    );
    await db().auditEvent.update({ where: { id: victim.id }, data: { actorName: victim.actorName } });

    await db().auditEvent.delete({ where: { id: victim.id } });
    const deleted = await audit(["verify"]);
    expect(deleted.code).toBe(1);
    expect(lines(deleted.stdout)[0]).toMatch(new RegExp(`^audit chain: BROKEN: event #${victim.seq} was deleted`));
    await db().auditEvent.create({ data: victim });
  }, 120_000);

  it("checks CSV and JSON Lines exports offline, and names what was changed or left out", async () => {
    const rows = await exported();
    const dir = bundle.dir;
    const csv = path.join(dir, "export.csv");
    const jsonl = path.join(dir, "export.jsonl");
    writeFileSync(csv, CSV_HEADER + rows.map(csvLine).join(""));
    writeFileSync(jsonl, rows.map(jsonLine).join(""));
    // A spreadsheet would run the actor name as a formula: the export defuses it.
    expect(csvLine(rows.find((r) => r.actorName?.startsWith("="))!)).toContain(`"'=HYPERLINK(""x"")"`);
    for (const file of [csv, jsonl]) {
      const result = await audit(["verify", "--file", file]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(lines(result.stdout)[0]).toMatch(/intact: \d+ events, #1 to #\d+$/);
    }

    const forged = rows.map((r, i) => (i === 3 ? { ...r, outcome: "failure" } : r));
    writeFileSync(jsonl, forged.map(jsonLine).join(""));
    const changed = await audit(["verify", "--file", jsonl]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`event #${rows[3]!.seq} (${rows[3]!.id}) was changed`);

    const filtered = rows.filter((_, i) => i !== 2);
    writeFileSync(csv, CSV_HEADER + filtered.map(csvLine).join(""));
    const gap = await audit(["verify", "--file", csv]);
    expect(gap.code).toBe(1);
    expect(gap.stdout).toContain(`event #${rows[2]!.seq} was deleted`);
    expect((await audit(["verify", "--file", csv, "--allow-gaps"])).code).toBe(0);

    const usage = await audit(["verify", "--nonsense"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Unknown option "--nonsense"');
  }, 120_000);
});
