import { describe, expect, it } from "vitest";
import { readIdempotencyKey } from "./idempotency-key";

const raw = (...values: string[]) => values.flatMap((v) => ["Idempotency-Key", v]);
const uuid = "8e03978e-40d5-43e8-bc93-6894a57f9324";

describe("readIdempotencyKey", () => {
  it("takes none, a bare key or the draft's quoted string", () => {
    expect(readIdempotencyKey(["Content-Type", "application/json"])).toEqual({ ok: true, key: null });
    expect(readIdempotencyKey(raw(uuid))).toEqual({ ok: true, key: uuid });
    expect(readIdempotencyKey(["idempotency-KEY", ` "${uuid}" `])).toEqual({ ok: true, key: uuid });
    expect(readIdempotencyKey(raw("a".repeat(16)))).toEqual({ ok: true, key: "a".repeat(16) });
    expect(readIdempotencyKey(raw("~".repeat(255)))).toEqual({ ok: true, key: "~".repeat(255) });
  });

  it("refuses a short, long, empty or oddly written key, and a repeated header", () => {
    const message =
      "Idempotency-Key must be 16 to 255 visible ASCII characters without quotes, commas or backslashes, e.g. a random UUID.";
    for (const value of [
      "",
      "short-key",
      "a".repeat(256),
      `${uuid} x`,
      `${uuid},x`,
      `${uuid}\\`,
      `"${uuid}`,
      `${uuid}é`,
      `"${uuid}\u0000"`,
    ]) {
      expect(readIdempotencyKey(raw(value)), JSON.stringify(value)).toEqual({ ok: false, message });
    }
    expect(readIdempotencyKey(raw(uuid, uuid))).toEqual({ ok: false, message: "Send at most one Idempotency-Key header." });
  });
});
