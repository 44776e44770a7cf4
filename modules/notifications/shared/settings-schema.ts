// Settings > Notifications' rules, shared by the forms (checked before sending) and the server (checked
// again). Plain values only: runs in browsers too.
import { z } from "zod";

export const SECURITY = ["NONE", "STARTTLS", "TLS"] as const;
export type Security = (typeof SECURITY)[number];
export const SECURITY_LABELS: Record<Security, string> = { NONE: "None", STARTTLS: "STARTTLS", TLS: "TLS" };
export const DEFAULT_PORTS: Record<Security, number> = { NONE: 25, STARTTLS: 587, TLS: 465 };
export const DEFAULT_WARN_DAYS = [30, 7, 1] as const;
const MAX_RECIPIENTS = 50;

// RFC 1123 host names (labels of letters, digits and hyphens), or an IPv4 or IPv6 address.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const email = z.email();

/** The addresses of a text with one per line (blank lines ignored), or the first bad line's message. */
export function parseAddressLines(text: string, max = MAX_RECIPIENTS): { addresses: string[] } | { error: string } {
  const addresses = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  for (const [i, address] of addresses.entries()) {
    if (!email.safeParse(address).success) {
      return { error: `Line ${i + 1} is not an email address: enter one address per line, e.g. ops@example.com.` };
    }
  }
  if (addresses.length > max) return { error: `At most ${max} addresses.` };
  return { addresses: [...new Set(addresses.map((a) => a.toLowerCase()))] };
}

/** "30, 7, 1" → [30, 7, 1] (largest first), or the problem in words. */
export function parseWarnDays(text: string): { days: number[] } | { error: string } {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: "Enter at least one number of days, e.g. 30, 7, 1." };
  if (parts.length > 6) return { error: "At most 6 thresholds." };
  const days = parts.map(Number);
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) {
    return { error: "Enter whole numbers of days from 1 to 365, separated by commas, e.g. 30, 7, 1." };
  }
  return { days: [...new Set(days)].sort((a, b) => b - a) };
}

const trimmed = z.string().transform((v) => v.trim());

export const emailSettingsSchema = z
  .object({
    smtpHost: trimmed.pipe(
      z
        .string()
        .refine(
          (v) =>
            v === "" ||
            HOST_NAME.test(v) ||
            z.ipv4().safeParse(v).success ||
            z.ipv6().safeParse(v.replace(/^\[|\]$/g, "")).success,
          "Enter the relay's host name or IP address, without a scheme or port.",
        ),
    ),
    smtpPort: trimmed.pipe(
      z
        .string()
        .refine(
          (v) => v === "" || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65_535),
          "Enter a port from 1 to 65535.",
        ),
    ),
    security: z.enum(SECURITY, { error: "Choose None, STARTTLS or TLS." }),
    username: trimmed.pipe(z.string().max(256, "Keep the username to 256 characters.")),
    /** Empty: keep the stored password (or none). */
    password: z.string().max(1024, "Keep the password to 1,024 characters."),
    /** Remove the stored password. */
    clearPassword: z.boolean().default(false),
    from: trimmed.pipe(
      z.string().refine((v) => v === "" || email.safeParse(v).success, "Enter the sender's address, e.g. console@example.com."),
    ),
    recipients: z.string().max(20_000, "Too many recipients."),
    /** The administrator confirmed sending the password without Security. */
    confirmPlainPassword: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const recipients = parseAddressLines(v.recipients);
    if ("error" in recipients) ctx.addIssue({ code: "custom", path: ["recipients"], message: recipients.error });
    if (v.smtpHost === "" && (v.from !== "" || ("addresses" in recipients && recipients.addresses.length > 0))) {
      ctx.addIssue({ code: "custom", path: ["smtpHost"], message: "Enter the SMTP host that relays the console's mail." });
    }
    if (v.smtpHost !== "" && v.from === "") {
      ctx.addIssue({ code: "custom", path: ["from"], message: "Enter the sender's address, e.g. console@example.com." });
    }
    if (v.password !== "" && v.username === "") {
      ctx.addIssue({ code: "custom", path: ["username"], message: "A password needs its username." });
    }
  });

export type EmailSettingsValues = z.output<typeof emailSettingsSchema>;

export const whenSettingsSchema = z
  .object({
    warnDays: z.string().max(100, "Enter at most 6 thresholds."),
    dailyDigest: z.boolean(),
    consoleUrl: trimmed.pipe(
      z
        .string()
        .max(2048, "Keep the address to 2,048 characters.")
        .refine(
          (v) => v === "" || /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/i.test(v),
          "Enter the console's address, e.g. https://console.example.com.",
        ),
    ),
  })
  .superRefine((v, ctx) => {
    const days = parseWarnDays(v.warnDays);
    if ("error" in days) ctx.addIssue({ code: "custom", path: ["warnDays"], message: days.error });
  });

export type WhenSettingsValues = z.output<typeof whenSettingsSchema>;
