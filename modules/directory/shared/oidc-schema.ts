// Settings > Directory's OpenID Connect fields, shared by the form and the server. Plain values only:
// runs in browsers too.
import { z } from "zod";

const group = (label: string) => z.string().trim().max(256, `${label} must be at most 256 characters long.`);

export const oidcSettingsSchema = z
  .object({
    issuerUrl: z
      .string()
      .trim()
      .min(1, "Enter the Issuer URL, e.g. https://sso.example.org/realms/site.")
      .max(1024, "The Issuer URL must be at most 1024 characters long.")
      .refine((v) => {
        try {
          const url = new URL(v);
          // http only for a provider on this machine: anything else would send codes and secrets in clear.
          const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
          return (url.protocol === "https:" || (url.protocol === "http:" && local)) && !url.search && !url.hash;
        } catch {
          return false;
        }
      }, "The Issuer URL must be an https:// address without ? or #, e.g. https://sso.example.org/realms/site."),
    clientId: z
      .string()
      .trim()
      .min(1, "Enter the Client ID the provider gave the console.")
      .max(256, "The Client ID must be at most 256 characters long."),
    /** Empty: keep the stored one. */
    clientSecret: z.string().max(1024, "The Client secret must be at most 1024 characters long."),
    groupsClaim: z
      .string()
      .trim()
      .min(1, "Enter the Groups claim, e.g. groups.")
      .max(128, "The Groups claim must be at most 128 characters long.")
      .regex(/^[\w.:/-]+$/, "The Groups claim is a claim name, e.g. groups: letters, digits and . _ : / - only."),
    adminGroup: group("Administrators group"),
    viewerGroup: group("Viewers group"),
    buttonLabel: z
      .string()
      .trim()
      .min(1, "Enter the Button label, e.g. Keycloak: the sign-in page shows Sign in with Keycloak.")
      .max(40, "The Button label must be at most 40 characters long."),
  })
  .superRefine((v, ctx) => {
    if (!v.adminGroup && !v.viewerGroup) {
      ctx.addIssue({
        code: "custom",
        path: ["adminGroup"],
        message: "Enter the Administrators group, the Viewers group or both.",
      });
    }
  });

export type OidcSettingsValues = z.input<typeof oidcSettingsSchema>;

/** Where the provider sends the browser back: the redirect URI an administrator registers there. */
export const OIDC_CALLBACK_PATH = "/sign-in/oidc/callback";
/** Where the sign-in page's `Sign in with <label>` starts the flow. */
export const OIDC_START_PATH = "/sign-in/oidc";
