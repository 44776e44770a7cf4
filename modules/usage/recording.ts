// This process's usage recorder, which the Bearer API feeds on every request with a known token.
import "server-only";
import { registerSingleCopy } from "@/lib/single-copy";
import type { UsageOutcome } from "./shared/outcomes";
import { UsageRecorder } from "./recorder";
import { writeUsageBatch } from "./store";

registerSingleCopy("modules/usage/recording");

let onFull: () => void = () => undefined;

export const usageRecorder = new UsageRecorder(writeUsageBatch, () => onFull());

/** Asks the flush loop (background.ts) to write early when the recorder fills up. */
export function whenUsageRecorderFull(callback: () => void): void {
  onFull = callback;
}

/** Counts one API request of a known token; bytes as the request's and response's Content-Length declared. */
export function recordApiUsage(
  tokenId: string,
  outcome: UsageOutcome,
  ip: string | null,
  at: number,
  bytesIn: number,
  bytesOut: number,
): void {
  usageRecorder.record(tokenId, outcome, ip, at, bytesIn, bytesOut);
}
