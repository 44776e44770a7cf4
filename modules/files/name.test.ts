import { describe, expect, it } from "vitest";
import { attachmentDisposition, declaredContentType, sanitizeFileName } from "./name";

describe("sanitizeFileName", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\me\\secret.txt", "secret.txt"],
    ["evil\u202Egnp.exe", "evilgnp.exe"],
    ["a\u0000b\nc.txt", "abc.txt"],
    ['what?<>:"|*.txt', "what_______.txt"],
    ["  .hidden  ", "hidden"],
    ["...", "file"],
    ["", "file"],
    [undefined, "file"],
    ["Cafe\u0301.txt", "Café.txt"],
  ])("%j → %j", (raw, name) => {
    expect(sanitizeFileName(raw)).toBe(name);
  });

  it("keeps at most 255 UTF-8 bytes and the extension", () => {
    const name = sanitizeFileName(`${"é".repeat(300)}.tar.gz`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith("é.gz")).toBe(true);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII fallback and the exact name in RFC 8187 form", () => {
    expect(attachmentDisposition("Résumé (1).pdf")).toBe(
      `attachment; filename="R_sum_ (1).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%281%29.pdf`,
    );
    expect(attachmentDisposition('a"b\\c%.txt')).toBe(`attachment; filename="a_b_c_.txt"; filename*=UTF-8''a%22b%5Cc%25.txt`);
  });
});

describe("declaredContentType", () => {
  it.each([
    ["image/png", "image/png"],
    ["Text/Plain; charset=utf-8", "text/plain"],
    [
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    ["nonsense", "application/octet-stream"],
    ["text/html\r\nX-Evil: 1", "application/octet-stream"],
    [undefined, "application/octet-stream"],
  ])("%j → %j", (raw, type) => {
    expect(declaredContentType(raw)).toBe(type);
  });
});
