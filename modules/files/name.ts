// File names and types as uploaded by clients, made safe to store and to send back. Pure.

const MAX_NAME_BYTES = 255;
// C0/C1 controls, zero-width and bidi controls (a name could otherwise display as something it is not),
// and the byte order mark.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Reserved on Windows, where a downloaded file may land.
const RESERVED = /[<>:"|?*]/g;

/**
 * The name to store for an uploaded file: the last path segment only (no directories), NFC, without
 * control or invisible characters, at most 255 UTF-8 bytes (the extension kept), or "file".
 */
export function sanitizeFileName(raw: string | undefined | null): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  let name = base.normalize("NFC").replace(INVISIBLE, "").replace(RESERVED, "_").trim();
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (name === "") return "file";
  if (Buffer.byteLength(name, "utf8") <= MAX_NAME_BYTES) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
  const chars = Array.from(name.slice(0, name.length - extension.length));
  while (chars.length > 0 && Buffer.byteLength(chars.join("") + extension, "utf8") > MAX_NAME_BYTES) chars.pop();
  return chars.join("").trimEnd() + extension;
}

/** `attachment` with an ASCII fallback and the exact name in RFC 8187 form (`filename*=UTF-8''…`). */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

/**
 * The media type a client declared for its file, without parameters, or application/octet-stream. It is
 * recorded as metadata only: downloads are always sent as application/octet-stream, since the bytes were
 * never checked against it.
 */
export function declaredContentType(raw: string | undefined | null): string {
  const type = (raw ?? "").replace(/;.*/s, "").trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : "application/octet-stream";
}
