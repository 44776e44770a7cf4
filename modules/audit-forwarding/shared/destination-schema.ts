// The Add/Edit audit destination form's rules, shared by the dialog (checked before sending) and the
// server (checked again, with the PEM blocks parsed there). Plain values only: runs in browsers too.
import { z } from "zod";

export const PROTOCOLS = ["UDP", "TCP", "TLS"] as const;
export const FORMATS = ["CEF", "LEEF", "JSON"] as const;
export const MAX_DESTINATIONS = 8;
export const DEFAULT_PORTS = { UDP: 514, TCP: 514, TLS: 6514 } as const;

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u;
// RFC 1123 host names (labels of letters, digits and hyphens), or an IPv4 or IPv6 address.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const PEM_CERTIFICATE = /^\s*-----BEGIN CERTIFICATE-----\s+[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*$/;
const PEM_KEY =
  /^\s*-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----\s+[A-Za-z0-9+/=\s]+-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----\s*$/;

const pem = (pattern: RegExp, what: string) =>
  z
    .string()
    .max(20_000, `The ${what} is too long: paste one PEM block.`)
    .transform((v) => v.trim())
    .refine((v) => v === "" || pattern.test(v), `Paste the ${what} as one PEM block (-----BEGIN … -----END …).`);

export const destinationSchema = z
  .object({
    name: z
      .string()
      .transform((v) => v.trim().normalize("NFC"))
      .pipe(
        z
          .string()
          .min(1, "Give the destination a name, e.g. the SIEM's.")
          .max(64, "Keep the name to 64 characters.")
          .refine((v) => !CONTROL.test(v), "The name may not contain control or invisible characters."),
      ),
    protocol: z.enum(PROTOCOLS, { error: "Choose UDP, TCP or TLS." }),
    host: z
      .string()
      .transform((v) => v.trim())
      .pipe(
        z
          .string()
          .min(1, "Enter the receiver's host name or IP address.")
          .refine(
            (v) => HOST_NAME.test(v) || z.ipv4().safeParse(v).success || z.ipv6().safeParse(v.replace(/^\[|\]$/g, "")).success,
            "Enter a host name (letters, digits, hyphens and dots) or an IP address, without a scheme or port.",
          ),
      ),
    port: z.coerce
      .number({ error: "Enter a port from 1 to 65535." })
      .int("Enter a port from 1 to 65535.")
      .min(1, "Enter a port from 1 to 65535.")
      .max(65_535, "Enter a port from 1 to 65535."),
    format: z.enum(FORMATS, { error: "Choose CEF, LEEF or JSON." }),
    caCert: pem(PEM_CERTIFICATE, "CA certificate").default(""),
    clientCert: pem(PEM_CERTIFICATE, "client certificate").default(""),
    /** Empty on edit: keep the stored key. */
    clientKey: pem(PEM_KEY, "client key").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.protocol === "TLS" && v.caCert === "") {
      ctx.addIssue({
        code: "custom",
        path: ["caCert"],
        message: "TLS needs the CA certificate that signed the receiver's certificate.",
      });
    }
    if (v.protocol !== "TLS" && (v.caCert || v.clientCert || v.clientKey)) {
      ctx.addIssue({
        code: "custom",
        path: ["protocol"],
        message: "Certificates are used only with TLS: choose TLS or remove them.",
      });
    }
    if (v.clientKey && !v.clientCert) {
      ctx.addIssue({ code: "custom", path: ["clientCert"], message: "A client key needs its client certificate." });
    }
  });

export type DestinationValues = z.output<typeof destinationSchema>;
export type DestinationInput = z.input<typeof destinationSchema>;

export const DEFAULT_BACKLOG = { maxEvents: 1_000_000, maxDays: 7 } as const;

const optionalWhole = (max: number, message: string) =>
  z
    .union([z.string(), z.number(), z.null()])
    .transform((v) => (v === null || String(v).trim() === "" ? null : Number(String(v).trim())))
    .refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= max), message);

const whole = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

export const auditSettingsSchema = z.object({
  hostname: z
    .string()
    .transform((v) => v.trim())
    .refine((v) => v === "" || /^[\x21-\x7e]{1,255}$/.test(v), "A host name of up to 255 printable ASCII characters, no spaces."),
  appName: z
    .string()
    .transform((v) => v.trim())
    .refine((v) => v === "" || /^[\x21-\x7e]{1,48}$/.test(v), "An APP-NAME of up to 48 printable ASCII characters, no spaces."),
  backlogMaxEvents: whole(1_000, 100_000_000, "From 1,000 to 100,000,000 events."),
  backlogMaxDays: whole(1, 365, "From 1 to 365 days."),
  retentionDays: optionalWhole(36_500, "Leave empty to keep events forever, or 1 to 36,500 days."),
});

export type AuditSettingsValues = z.output<typeof auditSettingsSchema>;
