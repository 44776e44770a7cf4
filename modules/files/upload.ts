import "server-only";
import busboy from "busboy";
import { randomUUID } from "node:crypto";
import { unlink } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { declaredContentType, sanitizeFileName } from "./name";
import { UploadSpool } from "./spool";

/** A refused upload: its status and message are meant for the client. */
export class UploadError extends Error {
  override name = "UploadError";
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: "invalid_request" | "payload_too_large" | "unsupported_media_type",
    message: string,
  ) {
    super(message);
  }
}

export type ReceivedUpload = {
  /** The bytes, in a temporary file the caller moves into place or deletes. */
  tempPath: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
};

/** The file field's name in the multipart body. */
export const UPLOAD_FIELD = "file";
/** Room for the multipart envelope (boundaries, part headers, small fields) beyond the file itself. */
const ENVELOPE_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): UploadError {
  return new UploadError(413, "payload_too_large", `The file is larger than the limit of ${maxBytes} bytes.`);
}

/**
 * Streams the single file of a multipart/form-data request to a temporary file under `tempDir`,
 * computing its SHA-256 and size on the way. Refuses (and deletes what was written) as soon as the file
 * crosses `maxBytes` — before reading anything when Content-Length already says so — and unless the body
 * holds exactly one file, in the field "file". Other (text) fields are ignored.
 */
export function receiveUpload(req: IncomingMessage, options: { maxBytes: number; tempDir: string }): Promise<ReceivedUpload> {
  const { maxBytes, tempDir } = options;
  const type = req.headers["content-type"] ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    return Promise.reject(
      new UploadError(
        415,
        "unsupported_media_type",
        `Send the file as multipart/form-data with one file field named "${UPLOAD_FIELD}".`,
      ),
    );
  }
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) return Promise.reject(tooLarge(maxBytes));

  return new Promise<ReceivedUpload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: "utf8",
        // busboy signals "limit" on reaching fileSize bytes: one more than allowed means "too large".
        limits: { files: 1, fileSize: maxBytes + 1, fields: 16, fieldSize: 16 * 1024, parts: 32, headerPairs: 16 },
      });
    } catch {
      reject(new UploadError(400, "invalid_request", "The multipart/form-data Content-Type has no boundary."));
      return;
    }

    let settled = false;
    let abort: ((reason: Error) => void) | undefined;
    let upload:
      { tempPath: string; name: string; contentType: string; written: Promise<{ size: number; sha256: string }> } | undefined;

    const fail = (reason: unknown) => {
      if (settled) return;
      const error = reason instanceof Error ? reason : new Error(String(reason));
      settled = true;
      // Stop parsing; Node discards the rest of the body once the response is sent. The parser is not
      // destroyed: this may run inside its own event, and it would then fail on its next statement.
      req.unpipe(parser);
      req.resume();
      abort?.(error);
      if (upload) {
        const { tempPath, written } = upload;
        written.catch(() => undefined).finally(() => unlink(tempPath).catch(() => undefined));
      }
      reject(error);
    };

    parser.on("file", (field, stream, info) => {
      stream.on("error", () => undefined); // reported through `ended` below, or irrelevant after a refusal
      if (settled) {
        stream.resume(); // the rest of a chunk parsed after a refusal
        return;
      }
      if (field !== UPLOAD_FIELD) {
        stream.resume();
        fail(
          new UploadError(
            400,
            "invalid_request",
            `Unexpected file field "${field}": send the file in the field "${UPLOAD_FIELD}".`,
          ),
        );
        return;
      }
      const tempPath = path.join(tempDir, `${randomUUID()}.part`);
      const spool = new UploadSpool(tempPath);
      stream.on("limit", () => fail(tooLarge(maxBytes)));
      // A tight loop instead of stream plumbing: each chunk is hashed and copied at once (spool.ts).
      stream.on("data", (chunk: Buffer) => {
        const wait = spool.push(chunk);
        if (!wait) return;
        stream.pause();
        wait.then(() => {
          if (!settled) stream.resume();
        }, fail);
      });
      let stop: (reason: Error) => void = () => undefined; // replaced at once: a promise's executor runs synchronously
      const ended = new Promise<void>((resolve, reject) => {
        stream.on("end", resolve);
        stream.on("error", reject);
        stop = reject;
      });
      // Settles `written` (so the partial file is deleted) whether or not the part had ended already.
      abort = (reason) => {
        stop(reason);
        stream.destroy();
        void spool.abort();
      };
      const written = ended.then(
        () => spool.finish(),
        async (error: unknown) => {
          await spool.abort();
          throw error;
        },
      );
      upload = { tempPath, name: sanitizeFileName(info.filename), contentType: declaredContentType(info.mimeType), written };
      written.catch(fail);
    });
    parser.on("filesLimit", () => fail(new UploadError(400, "invalid_request", "Send exactly one file per request.")));
    parser.on("fieldsLimit", () => fail(new UploadError(400, "invalid_request", "The request has too many form fields.")));
    parser.on("partsLimit", () => fail(new UploadError(400, "invalid_request", "The request has too many parts.")));
    parser.on("error", () => fail(new UploadError(400, "invalid_request", "The multipart/form-data body is malformed.")));
    parser.on("close", () => {
      if (settled) return;
      if (!upload) {
        fail(
          new UploadError(
            400,
            "invalid_request",
            `No file in the request: send it in a file field named "${UPLOAD_FIELD}" (curl -F ${UPLOAD_FIELD}=@path).`,
          ),
        );
        return;
      }
      const { tempPath, name, contentType, written } = upload;
      written.then(({ size, sha256 }) => {
        if (settled) return;
        settled = true;
        resolve({ tempPath, name, contentType, size, sha256 });
      }, fail);
    });
    // The client went away: nobody is left to read the answer; failing deletes the partial file.
    const interrupted = () => fail(new UploadError(400, "invalid_request", "The upload was interrupted."));
    req.on("error", interrupted);
    req.on("close", () => {
      if (!req.complete) interrupted();
    });
    req.pipe(parser);
  });
}
