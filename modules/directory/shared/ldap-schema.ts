// Settings > Directory's LDAP fields, shared by the form and the server (which also checks the CA
// certificate, the DNs and the filter with ldapts). Plain values only: runs in browsers too.
import { z } from "zod";

const dn = (label: string) =>
  z
    .string()
    .trim()
    .max(1024, `${label} must be at most 1024 characters long.`)
    .refine(
      (v) => v === "" || /^[A-Za-z][\w-]*=.+/.test(v),
      `${label} must be a DN, e.g. cn=console,ou=services,dc=example,dc=org.`,
    );

export const ldapSettingsSchema = z
  .object({
    serverUrl: z
      .string()
      .trim()
      .min(1, "Enter the Server URL, e.g. ldaps://dc1.example.org.")
      .refine((v) => /^ldaps?:\/\/[^/\s?#]+\/?$/i.test(v), "The Server URL must be ldap://host[:port] or ldaps://host[:port]."),
    startTls: z.boolean(),
    caCert: z
      .string()
      .trim()
      .max(65_536, "The CA certificate is too long.")
      .refine(
        (v) => v === "" || v.includes("-----BEGIN CERTIFICATE-----"),
        "Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE-----).",
      ),
    bindDn: dn("Bind DN").refine((v) => v !== "", "Enter the Bind DN of the service account."),
    /** Empty: keep the stored one. */
    bindPassword: z.string().max(1024, "The Bind password must be at most 1024 characters long."),
    userBase: dn("User search base").refine((v) => v !== "", "Enter the User search base, e.g. ou=people,dc=example,dc=org."),
    userFilter: z
      .string()
      .trim()
      .min(1, "Enter the User filter, e.g. (uid={username}).")
      .max(1024, "The User filter is too long."),
    adminGroup: dn("Administrators group"),
    viewerGroup: dn("Viewers group"),
    localAdminsOnly: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.startTls && v.serverUrl.toLowerCase().startsWith("ldaps://")) {
      ctx.addIssue({
        code: "custom",
        path: ["startTls"],
        message: "StartTLS is for ldap:// URLs: ldaps:// is encrypted already.",
      });
    }
    if (!v.adminGroup && !v.viewerGroup) {
      ctx.addIssue({
        code: "custom",
        path: ["adminGroup"],
        message: "Enter the Administrators group, the Viewers group or both.",
      });
    }
  });

export type LdapSettingsValues = z.input<typeof ldapSettingsSchema>;
