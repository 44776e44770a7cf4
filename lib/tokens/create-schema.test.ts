import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { DAY_MS, EXPIRY_PRESETS } from "./expiry";
import { createServiceTokenSchema, type CreateServiceTokenInput, type CreateServiceTokenValues } from "./create-schema";
import { fieldErrorsOf } from "@/lib/action-result";

const NOW = new Date("2025-03-10T12:00:00.000Z");

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const base = { type: "CONNECTOR", issuedTo: "Mail connector", expiration: "30" };

/** The field errors a form would show for this input (empty when it is valid). */
function errorsFor(input: unknown): Record<string, string> {
  const result = createServiceTokenSchema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

function parsed(input: unknown): CreateServiceTokenValues {
  const result = createServiceTokenSchema.safeParse(input);
  if (!result.success) throw new Error(JSON.stringify(fieldErrorsOf(result.error)));
  return result.data;
}

const inDays = (days: number, extraMs = 0) => new Date(NOW.getTime() + days * DAY_MS + extraMs).toISOString();

describe("createServiceTokenSchema: valid input", () => {
  it("returns the type, the trimmed name and the expiry instant", () => {
    expect(parsed({ ...base, issuedTo: "  Mail connector \n" })).toEqual({
      type: "CONNECTOR",
      issuedTo: "Mail connector",
      expiresAt: new Date("2025-04-09T12:00:00.000Z"),
    });
  });

  it.each(EXPIRY_PRESETS.map((p) => [p.value, p.days] as const))("preset %s expires %i days from now", (expiration, days) => {
    expect(parsed({ ...base, expiration }).expiresAt.getTime()).toBe(NOW.getTime() + days * DAY_MS);
  });

  it("reads the clock at parse time, not at import", () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:00.000Z"));
    expect(parsed({ ...base, expiration: "7" }).expiresAt.toISOString()).toBe("2026-01-08T00:00:00.000Z");
  });

  it("ignores a leftover custom date when a preset is chosen", () => {
    expect(parsed({ ...base, customExpiresAt: "garbage" }).expiresAt.getTime()).toBe(NOW.getTime() + 30 * DAY_MS);
    expect(parsed({ ...base, customExpiresAt: null }).issuedTo).toBe("Mail connector");
  });

  it("uses a custom date as sent, including the end of a day in another time zone", () => {
    const endOfDay = "2025-06-30T21:59:59.999Z"; // 23:59:59.999 in Europe/Berlin (CEST)
    expect(parsed({ ...base, expiration: "custom", customExpiresAt: endOfDay }).expiresAt.toISOString()).toBe(endOfDay);
    expect(parsed({ ...base, expiration: "custom", customExpiresAt: "2025-07-01T01:00:00+02:00" }).expiresAt.toISOString()).toBe(
      "2025-06-30T23:00:00.000Z",
    );
  });

  it("accepts the developer type and a name of exactly 100 characters, counted after trimming", () => {
    const name = "x".repeat(100);
    expect(parsed({ ...base, type: "DEVELOPER", issuedTo: `  ${name}  ` })).toMatchObject({
      type: "DEVELOPER",
      issuedTo: name,
    });
  });

  it("has string inputs and typed outputs", () => {
    expectTypeOf<CreateServiceTokenInput["issuedTo"]>().toEqualTypeOf<string>();
    expectTypeOf<CreateServiceTokenValues>().toEqualTypeOf<{
      type: "CONNECTOR" | "DEVELOPER";
      issuedTo: string;
      expiresAt: Date;
    }>();
  });
});

describe("createServiceTokenSchema: messages", () => {
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["unknown", "ADMIN"],
    ["lower-case", "connector"],
  ])("type %s: Choose a token type.", (_, type) => {
    expect(errorsFor({ ...base, type })).toEqual({ type: "Choose a token type." });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["only spaces", "   \t "],
  ])("issuedTo %s: Enter who this token is issued to.", (_, issuedTo) => {
    expect(errorsFor({ ...base, issuedTo })).toEqual({ issuedTo: "Enter who this token is issued to." });
  });

  it("issuedTo over 100 characters", () => {
    expect(errorsFor({ ...base, issuedTo: "x".repeat(101) })).toEqual({
      issuedTo: "Issued To must be 100 characters or fewer.",
    });
  });

  it.each([
    ["a NUL", "Mail\u0000connector", "U+0000"],
    ["an inner newline", "Mail\nconnector", "U+000A"],
    ["a tab", "Mail\tconnector", "U+0009"],
    ["DEL", "Mail\u007f", "U+007F"],
    ["a C1 control", "Mail\u0085x", "U+0085"],
  ])("issuedTo with %s: cannot contain control characters, naming it", (_, issuedTo, which) => {
    expect(errorsFor({ ...base, issuedTo })).toEqual({ issuedTo: `Issued To cannot contain control characters (${which}).` });
  });

  it.each([
    ["a right-to-left override", "Mail\u202econnector", "U+202E"],
    ["a left-to-right mark", "Mail\u200econnector", "U+200E"],
    ["a right-to-left mark", "Mail\u200fconnector", "U+200F"],
    ["an isolate", "Mail\u2067x", "U+2067"],
    ["an Arabic letter mark", "Mail\u061cx", "U+061C"],
  ])("issuedTo with %s: cannot contain bidi controls, naming it", (_, issuedTo, which) => {
    expect(errorsFor({ ...base, issuedTo })).toEqual({
      issuedTo: `Issued To cannot contain bidirectional control characters (${which}), which change how text is shown.`,
    });
  });

  it.each([
    ["a zero-width space", "ad\u200bmin", "U+200B"],
    ["a line separator", "Mail\u2028connector", "U+2028"],
    ["a paragraph separator", "Mail\u2029connector", "U+2029"],
    ["an inner byte-order mark", "Mail\ufeffconnector", "U+FEFF"],
    ["a soft hyphen", "ad\u00admin", "U+00AD"],
    ["a word joiner", "ad\u2060min", "U+2060"],
    ["a Hangul filler", "ad\u3164min", "U+3164"],
  ])("issuedTo with %s: cannot contain invisible characters, naming it", (_, issuedTo, which) => {
    expect(errorsFor({ ...base, issuedTo })).toEqual({ issuedTo: `Issued To cannot contain invisible characters (${which}).` });
  });

  it.each([
    ["a lone high surrogate", "Mail\ud800connector"],
    ["a lone low surrogate", "\udc00"],
  ])("issuedTo with %s: a field error, not a database error", (_, issuedTo) => {
    expect(errorsFor({ ...base, issuedTo })).toEqual({
      issuedTo: "Issued To contains an incomplete character (a lone surrogate): retype it.",
    });
  });

  it("counts characters as a person does (code points) and normalises to NFC", () => {
    const emoji = "🔑".repeat(100); // 200 UTF-16 units, 100 characters
    expect(errorsFor({ ...base, issuedTo: emoji })).toEqual({});
    expect(errorsFor({ ...base, issuedTo: `${emoji}x` })).toEqual({ issuedTo: "Issued To must be 100 characters or fewer." });
    const decomposed = "Zu\u0308rich"; // u + combining diaeresis
    expect(parsed({ ...base, issuedTo: ` ${decomposed} ` }).issuedTo).toBe("Zürich");
    expect(parsed({ ...base, issuedTo: "👩\u200d💻 team" }).issuedTo).toBe("👩\u200d💻 team");
  });

  it("accepts non-Latin names", () => {
    expect(errorsFor({ ...base, issuedTo: "Connecteur Zürich – 東京" })).toEqual({});
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["not offered", "14"],
    ["a number", 30],
  ])("expiration %s: Choose an expiration.", (_, expiration) => {
    expect(errorsFor({ ...base, expiration })).toEqual({ expiration: "Choose an expiration." });
  });

  describe("custom expiration date", () => {
    const custom = (customExpiresAt: unknown) => errorsFor({ ...base, expiration: "custom", customExpiresAt });

    it.each([
      ["missing", undefined],
      ["null", null],
      ["empty", ""],
      ["not a date", "next tuesday"],
      ["a date without time", "2025-06-01"],
      ["a local time without offset", "2025-06-01T12:00:00"],
      ["an impossible day", "2025-02-30T12:00:00Z"],
      ["a number", 1_750_000_000_000],
    ])("%s: Pick an expiration date.", (_, value) => {
      expect(custom(value)).toEqual({ customExpiresAt: "Pick an expiration date." });
    });

    it("in the past or exactly now: must be in the future", () => {
      expect(custom(inDays(-1))).toEqual({ customExpiresAt: "The expiration date must be in the future." });
      expect(custom(NOW.toISOString())).toEqual({ customExpiresAt: "The expiration date must be in the future." });
      expect(custom(inDays(0, 1))).toEqual({});
    });

    it("accepts up to exactly 3 years (1095 × 24 hours) ahead, and rejects anything later", () => {
      expect(custom(inDays(1095))).toEqual({});
      expect(custom(inDays(1095, 1))).toEqual({
        customExpiresAt: "The expiration date can be at most 3 years ahead.",
      });
      // The end of the day 1095 days ahead, in a zone where "today" ends almost 24h from now: a day too far.
      expect(custom(inDays(1095, DAY_MS - 1))).toEqual({
        customExpiresAt: "The expiration date can be at most 3 years ahead.",
      });
      expect(custom(inDays(2000))).toEqual({
        customExpiresAt: "The expiration date can be at most 3 years ahead.",
      });
    });

    it("is reported together with other fields' errors", () => {
      expect(errorsFor({ type: "", issuedTo: "", expiration: "custom", customExpiresAt: inDays(-1) })).toEqual({
        type: "Choose a token type.",
        issuedTo: "Enter who this token is issued to.",
        customExpiresAt: "The expiration date must be in the future.",
      });
    });
  });

  it("reports a non-object input under _form", () => {
    expect(Object.keys(errorsFor(null))).toEqual(["_form"]);
  });
});

describe("fieldErrorsOf", () => {
  it("keeps the first message per field", () => {
    const result = createServiceTokenSchema.safeParse({ ...base, issuedTo: "\u0000".repeat(101) });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues.filter((i) => i.path[0] === "issuedTo")).toHaveLength(2);
    expect(fieldErrorsOf(result.error)).toEqual({ issuedTo: "Issued To must be 100 characters or fewer." });
  });
});
