// The audit log's export files (CSV and JSON Lines): one row per event with every column the chain's
// hash covers, plus prevHash and hash, so `npm run audit -- verify --file` checks an export offline.
// Written by the Audit Log's Export, read back here by the verify command.
import "server-only";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import type { ChainRecord } from "./verify";

const EXPORT_COLUMNS = [
  "seq",
  "id",
  "createdAt",
  "actorType",
  "actorId",
  "actorName",
  "action",
  "outcome",
  "targetType",
  "targetId",
  "ip",
  "userAgent",
  "details",
  "prevHash",
  "hash",
] as const;

type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string | null>;

export function exportRowOf(e: ChainRecord): ExportRow {
  return {
    seq: String(e.seq),
    id: e.id,
    createdAt: e.createdAt,
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    outcome: e.outcome,
    targetType: e.targetType,
    targetId: e.targetId,
    ip: e.ip,
    userAgent: e.userAgent,
    details: e.details,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

// A spreadsheet runs a cell starting with = + - @ (or a tab or CR) as a formula: such values, and values
// starting with the escape itself, get a leading apostrophe, which verification takes off again. A null
// is an empty cell; an empty string is written as "" so the two stay apart.
const FORMULA = /^[=+\-@\t\r']/;

function csvCell(value: string | null): string {
  if (value === null) return "";
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return safe === "" || /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = `${EXPORT_COLUMNS.join(",")}\r\n`;

export function csvLine(row: ExportRow): string {
  return `${EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(",")}\r\n`;
}

export function jsonLine(row: ExportRow): string {
  return `${JSON.stringify(row)}\n`;
}

function toRecord(row: Partial<Record<string, unknown>>, line: number): ChainRecord {
  const text = (key: ExportColumn): string | null => {
    const value = row[key];
    if (value === null || value === undefined) return null;
    if (typeof value !== "string") throw new Error(`line ${line}: ${key} is not text`);
    return value;
  };
  const seq = text("seq");
  if (!seq || !/^\d+$/.test(seq)) throw new Error(`line ${line}: seq is missing or not a number`);
  return {
    seq: BigInt(seq),
    id: text("id") ?? "",
    createdAt: text("createdAt") ?? "",
    actorType: text("actorType") ?? "",
    actorId: text("actorId"),
    actorName: text("actorName"),
    action: text("action") ?? "",
    outcome: text("outcome") ?? "",
    targetType: text("targetType"),
    targetId: text("targetId"),
    ip: text("ip"),
    userAgent: text("userAgent"),
    details: text("details"),
    prevHash: text("prevHash") ?? "",
    hash: text("hash"),
  };
}

/** The events of an export file, in file order (CSV by its header line, otherwise JSON Lines). */
export async function* readExportFile(file: string): AsyncGenerator<ChainRecord> {
  const handle = await open(file, "r");
  const start = Buffer.alloc(4);
  try {
    await handle.read(start, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (start.toString("utf8") === "seq,") {
    // Cells keep their quotes' meaning: an unquoted empty cell is null, a quoted one is "".
    const parser = createReadStream(file).pipe(
      parse({
        columns: true,
        relax_column_count: false,
        cast: (value, context) =>
          context.header
            ? value
            : value === "" && !context.quoting
              ? null
              : value.startsWith("'") && context.quoting
                ? value.slice(1)
                : value,
      }),
    );
    let line = 1;
    for await (const row of parser as AsyncIterable<Record<string, string | null>>) yield toRecord(row, ++line);
    return;
  }
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch {
      throw new Error(`line ${line} is not JSON`);
    }
    if (!row || typeof row !== "object") throw new Error(`line ${line} is not an event`);
    yield toRecord(row, line);
  }
}
