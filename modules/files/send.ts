import { open, type FileHandle } from "node:fs/promises";
import type { ServerResponse } from "node:http";

/**
 * Streams a stored file into a response through two reused 1 MiB buffers: one is read from disk while
 * the other is being sent. `createReadStream` allocates a new buffer for every read instead; in the
 * console's process (Next.js's heap, after API load) that memory brought frequent full garbage
 * collections that cost the API a large share of its CPU per MB (figures in bench/README.md).
 */
const CHUNK_BYTES = 1024 * 1024;
/** Buffers kept for the next downloads: enough for a few at once, bounded memory. */
const MAX_SPARE_BUFFERS = 8;
const spare: Buffer[] = [];

export function openStoredFile(filePath: string): Promise<FileHandle> {
  return open(filePath, "r");
}

/** Sends the file's bytes (the headers are written already) and ends the response; closes the file. */
export async function sendFileContent(file: FileHandle, res: ServerResponse): Promise<void> {
  const buffers = [
    spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES),
    spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES),
  ] as const;
  // A client that goes away fails the pending step instead of leaving it waiting forever.
  let rejectClosed: (error: Error) => void = () => undefined; // replaced at once: a promise's executor runs synchronously
  const closed = new Promise<never>((_, reject) => {
    rejectClosed = reject;
  });
  const onClose = () => rejectClosed(Object.assign(new Error("the client went away"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
  res.once("close", onClose);
  closed.catch(() => undefined);
  let reusable = true;
  try {
    let pending: Promise<void> | undefined;
    for (let i = 0; ; i++) {
      // Two steps ago this buffer was being sent, and that write has been awaited since.
      const buffer = i % 2 === 0 ? buffers[0] : buffers[1];
      const { bytesRead } = await Promise.race([settledLater(file.read(buffer, 0, CHUNK_BYTES, null)), closed]);
      if (pending) await Promise.race([pending, closed]);
      if (bytesRead === 0) break;
      pending = settledLater(write(res, buffer.subarray(0, bytesRead)));
    }
    await Promise.race([new Promise<void>((resolve) => res.end(resolve)), closed]);
  } catch (error) {
    reusable = false; // a write may still hold a buffer
    throw error;
  } finally {
    res.off("close", onClose);
    await file.close().catch(() => undefined);
    if (reusable) for (const buffer of buffers) if (spare.length < MAX_SPARE_BUFFERS) spare.push(buffer);
  }
}

/** A promise that may lose a race to `closed`: its own failure then goes unobserved, not unhandled. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    res.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
