import "server-only";
import type { FileHandle } from "node:fs/promises";
import { unlink } from "node:fs/promises";
import {
  auditFileDownload,
  findStoredFile,
  incomingDir,
  maxUploadBytes,
  prepareFileStorage,
  storeUpload,
  storedFilePath,
  attachmentDisposition,
  openStoredFile,
  sendFileContent,
  receiveUpload,
  UPLOAD_FIELD,
  UploadError,
  type ReceivedUpload,
} from "@/modules/files/server";
import { noteIfDiskFull } from "@/lib/db/disk-full";
import { API_BASE_HEADERS, ApiError } from "../http/respond";
import { defineRoute } from "../http/route";
import { fileParamsSchema, storedFileSchema } from "../schemas";
import { storedFileJson } from "../views";

function notFound(): ApiError {
  return new ApiError(404, "not_found", "No such file.");
}

export const uploadFileRoute = defineRoute({
  method: "POST",
  path: "/api/v1/files",
  operationId: "uploadFile",
  summary: "Upload a file",
  description:
    "Connector and Developer: multipart/form-data with exactly one file in the field `file`. The file is " +
    "stored with its SHA-256; files larger than the configured limit (MAX_UPLOAD_BYTES, 100 MB by " +
    "default; see limits.maxUploadBytes of GET /api/v1/token) get 413.",
  scope: "files:write",
  requestBody: {
    required: true,
    content: {
      "multipart/form-data": {
        schema: {
          type: "object",
          properties: { [UPLOAD_FIELD]: { type: "string", contentMediaType: "application/octet-stream" } },
          required: [UPLOAD_FIELD],
        },
      },
    },
  },
  response: {
    status: 201,
    description: "Stored. Location names the file.",
    schema: storedFileSchema,
    headers: { Location: { description: "Path of the new file's metadata.", schema: { type: "string" } } },
  },
  errors: [400, 413, 415],
  async handle({ req, token, meta }) {
    await prepareFileStorage();
    let upload: ReceivedUpload;
    try {
      upload = await receiveUpload(req, { maxBytes: maxUploadBytes(), tempDir: incomingDir() });
    } catch (error) {
      if (error instanceof UploadError) throw new ApiError(error.status, error.code, error.message);
      // A full disk answers 503 insufficient_storage (api/http/handler.ts), and /api/health says why.
      noteIfDiskFull(error, incomingDir());
      throw error;
    }
    try {
      const file = await storeUpload(upload, token, meta);
      return { status: 201, body: storedFileJson(file), headers: { location: `/api/v1/files/${file.id}` } };
    } catch (error) {
      noteIfDiskFull(error, incomingDir());
      await unlink(upload.tempPath).catch(() => undefined);
      throw error;
    }
  },
});

export const getFileRoute = defineRoute({
  method: "GET",
  path: "/api/v1/files/{id}",
  operationId: "getFile",
  summary: "A file's metadata and status",
  description: "A Connector sees only files uploaded with itself (others are 404); a Developer sees all.",
  scope: "files:read",
  params: fileParamsSchema,
  response: { status: 200, description: "The file's metadata.", schema: storedFileSchema },
  errors: [400, 404],
  async handle({ token, params }) {
    const file = await findStoredFile(params.id, token);
    if (!file) throw notFound();
    return { status: 200, body: storedFileJson(file) };
  },
});

export const getFileContentRoute = defineRoute({
  method: "GET",
  path: "/api/v1/files/{id}/content",
  operationId: "getFileContent",
  summary: "Download a file",
  description:
    "The stored bytes, always as application/octet-stream and as an attachment. A Connector sees only " +
    "files uploaded with itself (others are 404); a Developer sees all.",
  scope: "files:read",
  params: fileParamsSchema,
  response: {
    status: 200,
    description: "The file's content.",
    content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
    headers: {
      "Content-Disposition": { description: "attachment with the file's name (RFC 6266, RFC 8187).", schema: { type: "string" } },
      "Repr-Digest": { description: "sha-256=:<base64>: (RFC 9530).", schema: { type: "string" } },
      ETag: { description: "The SHA-256 in hex, quoted.", schema: { type: "string" } },
    },
  },
  errors: [400, 404],
  async handle({ res, token, params, headers, meta }) {
    const file = await findStoredFile(params.id, token);
    if (!file) throw notFound();
    let content: FileHandle;
    try {
      content = await openStoredFile(storedFilePath(file.id));
    } catch (error) {
      throw new Error(`the content of file ${file.id} cannot be read: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
    }
    const digest = Buffer.from(file.sha256, "hex").toString("base64");
    res.writeHead(200, {
      ...API_BASE_HEADERS,
      ...headers,
      "content-type": "application/octet-stream",
      "content-length": file.size,
      "content-disposition": attachmentDisposition(file.name),
      "repr-digest": `sha-256=:${digest}:`,
      etag: `"${file.sha256}"`,
      // Uploaded bytes share the console's origin: never let a browser run them.
      "content-security-policy": "default-src 'none'; sandbox",
    });
    auditFileDownload(file, token, meta);
    await sendFileContent(content, res).catch((error: unknown) => {
      if (!res.writableEnded) res.destroy();
      const { code, message } = error as NodeJS.ErrnoException;
      if (code !== "ERR_STREAM_PREMATURE_CLOSE") {
        console.error(`api: download of file ${file.id} failed: ${message}`);
      }
    });
    return { sent: true };
  },
});
