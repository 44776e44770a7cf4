// A token's Description and Allowed addresses: set at creation, edited on the token's page.
import { z } from "zod";
import { formatCidr, parseCidr } from "./ip-addresses";
import { normalisedText } from "./text";

export const DESCRIPTION_MAX_LENGTH = 500;
/** More ranges than this is a network plan, not a token's restriction. */
const MAX_ALLOWED_RANGES = 32;

export const descriptionSchema = normalisedText("Description", DESCRIPTION_MAX_LENGTH);

/**
 * "Allowed addresses": CIDR ranges or single addresses, one per line (commas also separate). Output:
 * the canonical ranges, de-duplicated, one per line — the text stored — or null for "any address".
 */
export const allowedAddressesSchema = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((input, ctx) => {
    const lines = (Array.isArray(input) ? input : (input ?? "").split(/[\n,]/)).map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) return null;
    if (lines.length > MAX_ALLOWED_RANGES) {
      ctx.addIssue({ code: "custom", message: `Enter at most ${MAX_ALLOWED_RANGES} ranges.` });
      return z.NEVER;
    }
    const ranges = new Set<string>();
    for (const line of lines) {
      const result = parseCidr(line);
      if (!result.ok) {
        ctx.addIssue({
          code: "custom",
          message: `${result.message} Enter one range per line, e.g. 192.0.2.0/24 or 2001:db8::/32.`,
        });
        return z.NEVER;
      }
      ranges.add(formatCidr(result.range));
    }
    return [...ranges].join("\n");
  });

/** The ranges of a stored allowedCidrs text, for views and the API. */
export function allowedCidrList(stored: string | null): string[] {
  return stored ? stored.split("\n").filter(Boolean) : [];
}

/** Addresses "Notify" may name: enough for a team's list, not a mailing campaign. */
const MAX_NOTIFY = 10;

/**
 * "Notify": email addresses (one per line, commas also separate) warned before the token expires, besides
 * the global recipients. Output: the addresses lower-cased, de-duplicated, one per line, or null.
 */
export const notifySchema = z
  .string()
  .nullish()
  .transform((input, ctx) => {
    const lines = (input ?? "")
      .split(/[\n,]/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) return null;
    if (lines.length > MAX_NOTIFY) {
      ctx.addIssue({ code: "custom", message: `Enter at most ${MAX_NOTIFY} addresses.` });
      return z.NEVER;
    }
    const bad = lines.find((l) => !z.email().safeParse(l).success);
    if (bad !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `"${bad.slice(0, 80)}" is not an email address: enter one per line, e.g. team@example.com.`,
      });
      return z.NEVER;
    }
    return [...new Set(lines.map((l) => l.toLowerCase()))].join("\n");
  });

/**
 * Description, Allowed addresses and Notify, as the Create dialog and the edit form send them. A field left out
 * stays undefined ("unchanged" for an edit, none at creation); null or empty text clears it.
 */
export const tokenDetailsSchema = z
  .object({
    description: descriptionSchema.optional(),
    allowedAddresses: allowedAddressesSchema.optional(),
    notify: notifySchema.optional(),
  })
  .transform((v) => ({ description: v.description, allowedCidrs: v.allowedAddresses, notifyEmails: v.notify }));
