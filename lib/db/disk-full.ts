import "server-only";
import { statfsSync } from "node:fs";
import { statfs } from "node:fs/promises";
import { acrossIsolates } from "../runtime/isolates";
import { registerSingleCopy } from "../single-copy";
import { databaseFaultOf } from "./errors";

registerSingleCopy("lib/db/disk-full");

/**
 * Folders of this machine (the SQLite database's, the uploads') where a write met a full disk, with the
 * space that was free then. Writes are not held back meanwhile (each one fails at once with 503 while
 * the disk is full, and the first one after space returns succeeds); this only lets /api/health say why
 * the console refuses writes, until the space free there has grown by FREED_BYTES.
 */
const fullFolders = new Map<string, number>();
const FREED_BYTES = 1024 * 1024;

// A write in either isolate may meet the full disk, and /api/health (the main thread) reports it; each
// isolate's availability probe may see the room come back.
type Change = { folder: string; freeWhenFull: number | null };
const tellOtherIsolate = acrossIsolates<Change>("disk-full", ({ folder, freeWhenFull }) => {
  if (freeWhenFull === null) fullFolders.delete(folder);
  else if (!fullFolders.has(folder)) fullFolders.set(folder, freeWhenFull);
});

function freeBytes(stats: { bavail: number; bsize: number }): number {
  return stats.bavail * stats.bsize;
}

/** Remembers `folder` as full when `error` says its disk is full; other errors are ignored. */
export function noteIfDiskFull(error: unknown, folder: string): void {
  if (databaseFaultOf(error) !== "disk_full" || fullFolders.has(folder)) return;
  let free = 0;
  try {
    free = freeBytes(statfsSync(folder));
  } catch {
    // Unknown: any growth counts.
  }
  fullFolders.set(folder, free);
  tellOtherIsolate({ folder, freeWhenFull: free });
  console.error(`console: the disk holding ${folder} is full: writes there fail until space is freed`);
}

/** Forgets the folders that have room again; run by the availability probe and by /api/health. */
export async function recheckFullDisks(): Promise<void> {
  for (const [folder, freeWhenFull] of fullFolders) {
    const free = await statfs(folder).then(freeBytes, () => null);
    if (free !== null && free >= freeWhenFull + FREED_BYTES) {
      fullFolders.delete(folder);
      tellOtherIsolate({ folder, freeWhenFull: null });
      console.error(`console: the disk holding ${folder} has room again`);
    }
  }
}

/** For clients: plain words, never a path. */
export function diskFullReason(): string | null {
  return fullFolders.size > 0 ? "the disk is full" : null;
}
