import "server-only";
import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";

/**
 * Writes an upload's bytes to a new file and computes their SHA-256 and size, through two reused 1 MiB
 * buffers: the body's chunks (~64 KiB, each a new buffer from Node's HTTP parser) are hashed and copied
 * into one buffer while the other is being written, so each chunk is garbage as soon as it is copied.
 * Piping the chunks through a hashing Transform into `createWriteStream` instead cost one write (and a
 * thread-pool round trip) per chunk and kept the chunks alive while they waited to be written; in the
 * console's heap that meant up to 1.5× the CPU per MB (bench/README.md).
 */
const CHUNK_BYTES = 1024 * 1024;
/** Buffers kept for the next uploads: enough for a few at once, bounded memory. */
const MAX_SPARE_BUFFERS = 8;
const spare: Buffer[] = [];

export type SpooledFile = { size: number; sha256: string };

export class UploadSpool {
  private readonly hash = createHash("sha256");
  private readonly buffers: readonly [Buffer, Buffer];
  private readonly file: Promise<FileHandle>;
  private size = 0;
  private current: Buffer;
  private filled = 0;
  /** The write of the other buffer, while it runs. */
  private writing: Promise<void> | undefined;
  /** Copying the rest of a chunk, waiting for `writing`. */
  private blocked: Promise<void> | undefined;
  private stopped = false;
  private error: Error | undefined;
  private released = false;

  /** Creates the file (exclusively, readable by the owner only). */
  constructor(filePath: string) {
    this.buffers = [spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES), spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES)];
    this.current = this.buffers[0];
    this.file = open(filePath, "wx", 0o600);
    this.file.catch(() => undefined); // reported by the first write, or by finish()
  }

  /**
   * Takes the next chunk. Returns a promise when the caller must wait for it before the next chunk (both
   * buffers are full: the disk is slower than the client); it rejects when writing failed.
   */
  push(chunk: Buffer): Promise<void> | undefined {
    if (this.stopped) return undefined;
    if (this.error) return Promise.reject(this.error);
    this.hash.update(chunk);
    this.size += chunk.length;
    return this.fill(chunk);
  }

  /**
   * After the last chunk: writes what is left, makes it durable (fdatasync: the bytes and the file's size
   * reach the disk, not only the page cache, so a power cut after the upload's 201 cannot lose them),
   * closes the file and gives the size and SHA-256.
   */
  async finish(): Promise<SpooledFile> {
    try {
      await this.blocked;
      await this.writing;
      if (this.stopped) throw new Error("the upload was stopped");
      if (this.filled > 0) await this.write(this.current, this.filled);
      const file = await this.file;
      await file.datasync();
      await file.close();
    } catch (error) {
      await this.close();
      this.release(); // nothing is being written any more: every write was awaited
      throw error;
    }
    this.release();
    return { size: this.size, sha256: this.hash.digest("hex") };
  }

  /** Stops taking chunks; settles once nothing is being written any more and the file is closed. */
  async abort(): Promise<void> {
    this.stopped = true;
    await this.blocked?.catch(() => undefined);
    await this.writing?.catch(() => undefined);
    await this.close();
    this.release();
  }

  private fill(chunk: Buffer): Promise<void> | undefined {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.filled === CHUNK_BYTES) {
        if (this.writing) {
          const rest = chunk.subarray(offset);
          const blocked = this.writing.then(() => {
            this.blocked = undefined;
            if (!this.stopped) return this.fill(rest);
          });
          this.blocked = blocked;
          return blocked;
        }
        this.flush();
      }
      const copied = chunk.copy(this.current, this.filled, offset);
      this.filled += copied;
      offset += copied;
    }
    return undefined;
  }

  /** Starts writing the full buffer and continues filling the other one. */
  private flush(): void {
    const full = this.current;
    const writing = this.write(full, this.filled).then(
      () => {
        this.writing = undefined;
      },
      (error: unknown) => {
        this.error ??= error instanceof Error ? error : new Error(String(error));
        throw this.error;
      },
    );
    writing.catch(() => undefined); // reported through push() or finish()
    this.writing = writing;
    this.current = full === this.buffers[0] ? this.buffers[1] : this.buffers[0];
    this.filled = 0;
  }

  private async write(buffer: Buffer, length: number): Promise<void> {
    const file = await this.file;
    for (let done = 0; done < length;) {
      const { bytesWritten } = await file.write(buffer, done, length - done);
      done += bytesWritten;
    }
  }

  private async close(): Promise<void> {
    const file = await this.file.catch(() => undefined);
    await file?.close().catch(() => undefined);
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    for (const buffer of this.buffers) if (spare.length < MAX_SPARE_BUFFERS) spare.push(buffer);
  }
}
