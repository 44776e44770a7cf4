// The Add/Edit webhook form's rules, shared by the dialog and the server (which also refuses the
// console's own address and, at send time, link-local addresses a name resolves to). Runs in browsers.
import { z } from "zod";

export const WEBHOOK_EVENTS = [
  "token.expiring",
  "token.expired",
  "token.reuse_detected",
  "token.created",
  "token.revoked",
  "token.rotated",
  "token.unused",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "token.expiring": "token.expiring: a token crossed a warning threshold",
  "token.expired": "token.expired: a token expired",
  "token.reuse_detected": "token.reuse_detected: a rotated token was used again and its chain revoked",
  "token.created": "token.created: a token was created",
  "token.revoked": "token.revoked: a token was revoked",
  "token.rotated": "token.rotated: a token was rotated",
  "token.unused": "token.unused: the inactive-token policy will revoke a token within 7 days",
};
/** What a new webhook starts with: everything but rotations, which are routine and opt-in. */
export const DEFAULT_WEBHOOK_EVENTS: WebhookEvent[] = WEBHOOK_EVENTS.filter((e) => e !== "token.rotated");
export const MAX_WEBHOOKS = 10;

/** An IPv4 address in 169.254.0.0/16 or an IPv6 one in fe80::/10 (link-local: cloud metadata lives there). */
export function isLinkLocal(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (/^169\.254\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^fe[89ab][0-9a-f]?:/.test(h);
}

export const webhookSchema = z.object({
  url: z
    .string()
    .transform((v) => v.trim())
    .pipe(
      z
        .string()
        .min(1, "Enter the URL the events are sent to, e.g. https://automation.example.com/hooks/tokens.")
        .max(2048, "Keep the URL to 2,048 characters.")
        .superRefine((v, ctx) => {
          let url: URL;
          try {
            url = new URL(v);
          } catch {
            ctx.addIssue({ code: "custom", message: "Enter a whole URL, e.g. https://automation.example.com/hooks/tokens." });
            return;
          }
          if (url.protocol !== "https:" && url.protocol !== "http:") {
            ctx.addIssue({ code: "custom", message: "Webhook URLs must start with https:// or http://." });
          } else if (url.username || url.password) {
            ctx.addIssue({ code: "custom", message: "Leave credentials out of the URL: the signature proves the sender." });
          } else if (isLinkLocal(url.hostname)) {
            ctx.addIssue({
              code: "custom",
              message: "Link-local addresses (169.254.0.0/16, fe80::/10) are refused: cloud metadata lives there.",
            });
          }
        }),
    ),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: "Unknown event." }))
    .min(1, "Choose at least one event.")
    .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e))),
});

export type WebhookValues = z.output<typeof webhookSchema>;
