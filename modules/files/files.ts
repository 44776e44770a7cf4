// Files uploaded through the API: the bytes at <DATA_DIR>/files/<id>, the metadata in StoredFile.
// A Connector token sees only the files uploaded with itself; a Developer token sees all.
import "server-only";
import { errorLine } from "@/lib/log/error-line";
import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import { getConfig } from "@/lib/config/config";
import type { TokenType } from "@/lib/tokens";
import { db } from "@/lib/db/db";
import type { ReceivedUpload } from "./upload";

/** The token a file belongs to, as the API authenticated it. */
export type FileOwner = { id: string; publicId: string; type: TokenType; hint: string };

export type StoredFileView = {
  id: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  status: string;
  createdAt: Date;
  /** Public ID of the token that uploaded the file. */
  uploadedBy: string;
};

/** StoredFile.size is a 32-bit integer on PostgreSQL. */
const MAX_STORABLE_BYTES = 2 ** 31 - 1;

export function maxUploadBytes(): number {
  return Math.min(getConfig().maxUploadBytes, MAX_STORABLE_BYTES);
}

function filesDir(): string {
  return path.join(getConfig().dataDir, "files");
}

/** Uploads in progress, on the same file system as filesDir() so that storing is an atomic rename. */
export function incomingDir(): string {
  return path.join(filesDir(), ".incoming");
}

export function storedFilePath(id: string): string {
  return path.join(filesDir(), id);
}

/** Makes a folder's entries (a file just renamed into it) durable: the rename itself is only in memory. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

let ready: Promise<void> | undefined;

/** Creates the folders once per process and deletes uploads a crash left behind (older than a day). */
export function prepareFileStorage(): Promise<void> {
  ready ??= (async () => {
    await mkdir(incomingDir(), { recursive: true, mode: 0o700 });
    // The files folder itself must outlive a power cut too, not only the files renamed into it.
    await syncFolder(getConfig().dataDir);
    const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
    for (const name of await readdir(incomingDir())) {
      const file = path.join(incomingDir(), name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtimeMs < dayAgo) await unlink(file).catch(() => undefined);
    }
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

const fileSelect = {
  id: true,
  name: true,
  size: true,
  sha256: true,
  contentType: true,
  status: true,
  createdAt: true,
  token: { select: { publicId: true } },
} as const;

function toView(row: Omit<StoredFileView, "uploadedBy"> & { token: { publicId: string } }): StoredFileView {
  const { token, ...file } = row;
  return { ...file, uploadedBy: token.publicId };
}

/**
 * Moves a received upload into place and records it with its audit event. The bytes (synced by the
 * spool) and their name in the folder are on disk before the row exists, so a row never points at a
 * missing file, even after a power cut; a failed insert removes the bytes again.
 */
export async function storeUpload(upload: ReceivedUpload, token: FileOwner, meta: RequestMeta): Promise<StoredFileView> {
  const id = randomUUID();
  const target = storedFilePath(id);
  await rename(upload.tempPath, target);
  try {
    await syncFolder(filesDir());
    const row = await db().$transaction(async (tx) => {
      const created = await tx.storedFile.create({
        data: {
          id,
          name: upload.name,
          size: upload.size,
          sha256: upload.sha256,
          contentType: upload.contentType,
          status: "stored",
          tokenId: token.id,
        },
        select: fileSelect,
      });
      await recordAuditEvent(
        {
          actorType: "service_token",
          actorId: token.publicId,
          actorName: token.hint,
          action: "file.upload",
          outcome: "success",
          targetType: "file",
          targetId: id,
          details: { name: upload.name, size: upload.size, sha256: upload.sha256 },
          meta,
        },
        tx,
      );
      return created;
    });
    return toView(row);
  } catch (error) {
    await unlink(target).catch(() => undefined);
    throw error;
  }
}

/** A file the token may see, or null (also when it exists but belongs to another Connector). */
export async function findStoredFile(id: string, token: FileOwner): Promise<StoredFileView | null> {
  const row = await db().storedFile.findFirst({
    where: token.type === "DEVELOPER" ? { id } : { id, tokenId: token.id },
    select: fileSelect,
  });
  return row ? toView(row) : null;
}

/** Records a download; not awaited by the response. */
export function auditFileDownload(file: StoredFileView, token: FileOwner, meta: RequestMeta): void {
  recordAuditEvent({
    actorType: "service_token",
    actorId: token.publicId,
    actorName: token.hint,
    action: "file.download",
    outcome: "success",
    targetType: "file",
    targetId: file.id,
    details: { name: file.name, size: file.size },
    meta,
  }).catch((error: unknown) => {
    console.error(`api: could not record a download: ${errorLine(error)}`);
  });
}
