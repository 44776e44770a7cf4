// npm run audit -- verify: checks the audit hash chain offline, in this console's database or in an
// export file, and exits non-zero naming the first event that was changed, deleted or inserted.
import {
  checkpointPublicKey,
  disconnectDb,
  errorLine,
  getConfig,
  migrateDatabase,
  readExportFile,
  sealLegacyAuditEvents,
  verifyAuditDatabase,
  verifyChain,
} from "@console/server/core";

const USAGE = `Usage: npm run audit -- verify [--file <export.csv|export.jsonl>] [--allow-gaps]

  verify                        check this console's audit chain (DATABASE_URL, DATA_DIR as for the console)
  verify --file <export>        check an export of the Audit Log (CSV or JSON Lines) instead
         --allow-gaps           the export was filtered: check each event and the links between neighbours

Exit code 0: intact. 1: the chain is broken (the first event changed, deleted or inserted is named).
2: the command could not run.`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === "help" || command === "--help") {
    console.log(USAGE);
    return 0;
  }
  if (command !== "verify") throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  const fileAt = args.indexOf("--file");
  const allowGaps = args.includes("--allow-gaps");
  const known = new Set(["--file", "--allow-gaps"]);
  const unknown = args.filter((a, i) => !known.has(a) && (fileAt === -1 || i !== fileAt + 1));
  if (unknown.length) throw new UsageError(`Unknown option "${unknown[0]}".\n\n${USAGE}`);
  if (fileAt !== -1) {
    const file = args[fileAt + 1];
    if (!file) throw new UsageError("--file needs the export file's path.");
    const report = await verifyChain(readExportFile(file), { start: "first", allowGaps });
    if (!report.ok) {
      console.log(`audit chain in ${file}: BROKEN: ${report.problem?.message ?? "unknown problem"}`);
      return 1;
    }
    console.log(
      `audit chain in ${file}: intact: ${report.count} events${report.firstSeq !== null ? `, #${report.firstSeq} to #${report.lastSeq}` : ""}${allowGaps ? " (gaps allowed)" : ""}`,
    );
    return 0;
  }
  const config = getConfig();
  await migrateDatabase(config.provider, config.databaseUrl);
  await sealLegacyAuditEvents();
  const report = await verifyAuditDatabase("command");
  console.log(`audit chain: ${report.ok ? "intact" : "BROKEN"}: ${report.message.replace(/^(intact|broken): /, "")}`);
  console.log(`checkpoint key (Ed25519, base64url): ${checkpointPublicKey()}`);
  return report.ok ? 0 : 1;
}

run(process.argv.slice(2))
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`error: ${errorLine(error)}`);
    if (error instanceof UsageError) console.error(error.message.split("\n").slice(1).join("\n"));
    await disconnectDb().catch(() => undefined);
    process.exit(2);
  });
