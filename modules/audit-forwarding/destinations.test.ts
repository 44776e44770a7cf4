import { describe, expect, it } from "vitest";
import { wireFormatOf } from "./destinations";

describe("wireFormatOf", () => {
  it("sends CEF and LEEF destinations in their format and anything else as JSON", () => {
    expect(wireFormatOf({ format: "CEF" })).toBe("CEF");
    expect(wireFormatOf({ format: "LEEF" })).toBe("LEEF");
    expect(wireFormatOf({ format: "JSON" })).toBe("JSON");
    // A value a later build may write (a downgrade) or a hand-edited row.
    expect(wireFormatOf({ format: "XML" })).toBe("JSON");
    expect(wireFormatOf({ format: "cef" })).toBe("JSON");
  });
});
