import { rotateRequestSchema } from "@/api/schemas";
import { describe, expect, it } from "vitest";
import { allowedAddressesSchema, allowedCidrList, descriptionSchema, revokeReasonSchema, tokenPolicySchema } from ".";

describe("descriptionSchema", () => {
  it("trims, normalises (NFC), treats empty as none, and refuses control, bidi and invisible characters and over 500 characters", () => {
    expect(descriptionSchema.parse("  mail gateway, rack 4  ")).toBe("mail gateway, rack 4");
    expect(descriptionSchema.parse("   ")).toBeNull();
    expect(descriptionSchema.parse(undefined)).toBeNull();
    expect(descriptionSchema.parse("x".repeat(500))).toHaveLength(500);
    expect(descriptionSchema.safeParse("x".repeat(501)).error?.issues[0]?.message).toBe(
      "Description must be 500 characters or fewer.",
    );
    // The same rules as Issued To, naming the character.
    expect(descriptionSchema.safeParse("a\u202eb").error?.issues[0]?.message).toBe(
      "Description cannot contain bidirectional control characters (U+202E), which change how text is shown.",
    );
    expect(descriptionSchema.safeParse("a\u200bb").error?.issues[0]?.message).toBe(
      "Description cannot contain invisible characters (U+200B).",
    );
    expect(descriptionSchema.parse("Cafe\u0301")).toBe("Café");
    expect(descriptionSchema.safeParse("line\nbreak").success).toBe(false);
  });
});

describe("allowedAddressesSchema", () => {
  it("normalises one range per line (or commas), de-duplicates, and stores null for none", () => {
    expect(allowedAddressesSchema.parse("192.0.2.0/24\n 2001:DB8::/32 \n\n192.0.2.0/24, 10.0.0.1")).toBe(
      "192.0.2.0/24\n2001:db8::/32\n10.0.0.1/32",
    );
    expect(allowedAddressesSchema.parse(["::ffff:10.0.0.0/104"])).toBe("10.0.0.0/8");
    expect(allowedAddressesSchema.parse("")).toBeNull();
    expect(allowedAddressesSchema.parse(null)).toBeNull();
    expect(allowedCidrList("192.0.2.0/24\n10.0.0.1/32")).toEqual(["192.0.2.0/24", "10.0.0.1/32"]);
    expect(allowedCidrList(null)).toEqual([]);
  });

  it("names the bad range", () => {
    const error = allowedAddressesSchema.safeParse("192.0.2.0/24\n192.0.2.300").error;
    expect(error?.issues[0]?.message).toMatch(/^"192\.0\.2\.300" is not an IPv4 or IPv6 range\. Enter one range per line/);
    expect(allowedAddressesSchema.safeParse(Array.from({ length: 33 }, (_, i) => `10.0.0.${i}`)).error?.issues[0]?.message).toBe(
      "Enter at most 32 ranges.",
    );
  });
});

describe("revokeReasonSchema", () => {
  it("is optional; Other needs a short text; other reasons drop a stale text", () => {
    expect(revokeReasonSchema.parse({})).toEqual({ reason: null, reasonText: null });
    expect(revokeReasonSchema.parse({ reason: "COMPROMISED", reasonText: "stale" })).toEqual({
      reason: "COMPROMISED",
      reasonText: null,
    });
    expect(revokeReasonSchema.parse({ reason: "OTHER", reasonText: " moved to vault " })).toEqual({
      reason: "OTHER",
      reasonText: "moved to vault",
    });
    expect(revokeReasonSchema.safeParse({ reason: "OTHER", reasonText: "" }).error?.issues[0]).toMatchObject({
      message: "Say briefly why, for Other.",
      path: ["reasonText"],
    });
    expect(revokeReasonSchema.safeParse({ reason: "OTHER", reasonText: "x".repeat(201) }).error?.issues[0]?.message).toBe(
      "The reason must be 200 characters or fewer.",
    );
    expect(revokeReasonSchema.safeParse({ reason: "REUSE_DETECTED" }).success).toBe(false);
  });
});

describe("tokenPolicySchema", () => {
  it("accepts 1 to 1095 days and a default no longer than both limits allow", () => {
    expect(tokenPolicySchema.parse({ connectorMaxDays: "90", developerMaxDays: 30, defaultExpiration: "60" })).toEqual({
      connectorMaxDays: 90,
      developerMaxDays: 30,
      defaultExpiration: "60",
      revokeUnusedDays: null,
    });
    const message = (input: object) => tokenPolicySchema.safeParse(input).error?.issues[0]?.message;
    expect(message({ connectorMaxDays: 0, developerMaxDays: 30, defaultExpiration: "7" })).toBe(
      "Connector tokens must be allowed at least 1 day.",
    );
    expect(message({ connectorMaxDays: 30, developerMaxDays: 1096, defaultExpiration: "7" })).toBe(
      "Developer tokens can live at most 1095 days (3 years).",
    );
    expect(message({ connectorMaxDays: 30.5, developerMaxDays: 30, defaultExpiration: "7" })).toBe(
      "Enter a whole number of days for Connector tokens.",
    );
    expect(message({ connectorMaxDays: 30, developerMaxDays: 30, defaultExpiration: "90" })).toBe(
      "The default expiration is longer than both maximum lifetimes allow.",
    );
    expect(message({ connectorMaxDays: 30, developerMaxDays: 30, defaultExpiration: "custom" })).toBe(
      "Choose a default expiration.",
    );
  });
});

describe("rotateRequestSchema", () => {
  it("takes overlapSeconds 0 to 604800 and an optional expiresInDays, nothing else", () => {
    expect(rotateRequestSchema.parse({ overlapSeconds: 0 })).toEqual({ overlapSeconds: 0 });
    expect(rotateRequestSchema.parse({ overlapSeconds: 604800, expiresInDays: 90 })).toEqual({
      overlapSeconds: 604800,
      expiresInDays: 90,
    });
    expect(rotateRequestSchema.safeParse({ overlapSeconds: 604801 }).success).toBe(false);
    expect(rotateRequestSchema.safeParse({ overlapSeconds: -1 }).success).toBe(false);
    expect(rotateRequestSchema.safeParse({ overlapSeconds: "60" }).success).toBe(false);
    expect(rotateRequestSchema.safeParse({ overlapSeconds: 0, expiresInDays: 1096 }).success).toBe(false);
    expect(rotateRequestSchema.safeParse({ overlapSeconds: 0, extra: 1 }).success).toBe(false);
  });
});
