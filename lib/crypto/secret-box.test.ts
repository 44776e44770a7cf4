import { describe, expect, it } from "vitest";
import { openSecret, sealSecret, SecretBoxError } from "./secret-box";

const KEY_PEM = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIEx…\n-----END PRIVATE KEY-----\n";

describe("the secret box", () => {
  it("opens what it sealed, for the same place only, and never stores the plaintext", () => {
    const sealed = sealSecret(KEY_PEM, "audit-destination:a:client-key", "secret one");
    expect(sealed).toMatch(/^sb1\.[\w-]{8}\.[\w-]{16}\.[\w-]+$/);
    expect(sealed).not.toContain("PRIVATE KEY");
    expect(openSecret(sealed, "audit-destination:a:client-key", "secret one")).toBe(KEY_PEM);
    // Sealing twice gives two different values (a fresh IV each time).
    expect(sealSecret(KEY_PEM, "audit-destination:a:client-key", "secret one")).not.toBe(sealed);
    expect(() => openSecret(sealed, "audit-destination:b:client-key", "secret one")).toThrow(SecretBoxError);
  });

  it("says when the session secret changed, and refuses an altered value", () => {
    const sealed = sealSecret("x", "ctx", "secret one");
    try {
      openSecret(sealed, "ctx", "secret two");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SecretBoxError);
      expect((error as SecretBoxError).reason).toBe("other_key");
    }
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0]! ^= 1;
    const altered = [...parts.slice(0, 3), body.toString("base64url")].join(".");
    expect(() => openSecret(altered, "ctx", "secret one")).toThrow(/damaged/);
    expect(() => openSecret("plain text", "ctx", "secret one")).toThrow(/not in a form/);
  });

  it("uses the console's own session secret by default", () => {
    expect(openSecret(sealSecret("hello", "ctx"), "ctx")).toBe("hello");
  });
});
