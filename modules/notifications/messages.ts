// The words of each notification: the event's data (what webhooks receive as `data`) and the email
// that tells a person. Never a token value: the data carries the public ID and its non-secret facts.
import "server-only";
import { DAY_MS, TOKEN_TYPE_LABELS, tokenTypeOf, UNUSED_REVOCATION_NOTICE_DAYS } from "@/lib/tokens";
import { SERVICE_TOKENS_PATH } from "@/modules/service-tokens/server";
import type { WebhookEvent } from "./shared/webhook-schema";

/** The events of the Events checkboxes (webhooks); email tells of expiry and of reuse. */
export type TokenEventType = WebhookEvent;
/** The events an email is sent for (to the recipients and the token's Notify addresses). */
export const EMAILED_EVENTS: ReadonlySet<TokenEventType> = new Set([
  "token.expiring",
  "token.expired",
  "token.reuse_detected",
  "token.unused",
]);

/** A token event's `data`, as stored in the outbox and sent to webhooks. */
export type TokenEventData = {
  id: string;
  type: string;
  issued_to: string;
  expires_at: string;
  last_used_at: string | null;
  /** token.expiring: the threshold crossed, in days. */
  threshold_days?: number;
  /** token.revoked: the reason as the console shows it, and who revoked it (a username, or the console). */
  reason?: string | null;
  revoked_by?: string | null;
  /** token.rotated: the token that replaces it. */
  replaced_by?: string;
  /** token.reuse_detected: every token of the chain the console revoked. */
  revoked_ids?: string[];
  /** token.unused: the inactive-token policy's span, and when it revokes the token unless it is used. */
  unused_days?: number;
  revokes_at?: string;
  url: string | null;
};

/** What an event adds to a token's facts. */
export type TokenEventExtra = Pick<
  TokenEventData,
  "threshold_days" | "reason" | "revoked_by" | "replaced_by" | "revoked_ids" | "unused_days" | "revokes_at"
>;

type TokenFacts = { publicId: string; type: string; issuedTo: string; expiresAt: Date; lastUsedAt: Date | null };

export function tokenEventData(token: TokenFacts, baseUrl: string | null, extra: TokenEventExtra = {}): TokenEventData {
  return {
    id: token.publicId,
    type: token.type,
    issued_to: token.issuedTo,
    expires_at: token.expiresAt.toISOString(),
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    ...extra,
    url: baseUrl ? `${baseUrl}${SERVICE_TOKENS_PATH}/${encodeURIComponent(token.publicId)}` : null,
  };
}

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** "in 7 days", "in 5 hours", "3 days ago". */
function relativeTime(target: number, now: number): string {
  const ms = Math.abs(target - now);
  const [n, unit] =
    ms >= 2 * DAY_MS
      ? [Math.round(ms / DAY_MS), "day"]
      : ms >= 2 * 3_600_000
        ? [Math.round(ms / 3_600_000), "hour"]
        : [Math.max(1, Math.round(ms / 60_000)), "minute"];
  const amount = `${n} ${unit}${n === 1 ? "" : "s"}`;
  return target >= now ? `in ${amount}` : `${amount} ago`;
}

const typeLabel = (type: string) => {
  const known = tokenTypeOf(type);
  return known ? TOKEN_TYPE_LABELS[known] : type;
};

/** The lines about one token, shared by single emails and the digest. */
function tokenLines(event: TokenEventType, d: TokenEventData, now: number): string[] {
  const expires = Date.parse(d.expires_at);
  return [
    `Token ID: ${d.id}`,
    `Issued To: ${d.issued_to}`,
    `Type: ${typeLabel(d.type)}`,
    `${event === "token.expired" ? "Expired" : "Expires"}: ${utc(d.expires_at)} (${relativeTime(expires, now)})`,
    `Last used: ${d.last_used_at ? utc(d.last_used_at) : "never"}`,
    ...(d.revoked_ids ? [`Revoked: ${d.revoked_ids.join(", ")}`] : []),
    ...(d.revokes_at ? [`Revoked as unused: ${utc(d.revokes_at)} (${relativeTime(Date.parse(d.revokes_at), now)})`] : []),
    event === "token.reuse_detected"
      ? d.url
        ? `Its page: ${d.url}`
        : "Its page is under Settings > Service Tokens."
      : d.url
        ? `Rotate it: ${d.url}`
        : "Rotate it on its page under Settings > Service Tokens.",
  ];
}

const FOOTER = ["", "-- ", "Sent by the Service Tokens console. Notifications never contain a token's value."];

export function tokenEmail(event: TokenEventType, d: TokenEventData, now: number): { subject: string; text: string } {
  const expires = Date.parse(d.expires_at);
  const [subject, intro] =
    event === "token.unused"
      ? [
          `Service token ${d.id} (${d.issued_to}) will be revoked as unused ${d.revokes_at ? relativeTime(Date.parse(d.revokes_at), now) : "soon"}`,
          `Nobody used this service token for ${(d.unused_days ?? 0) - UNUSED_REVOCATION_NOTICE_DAYS} days. The inactive-token policy (Settings > Token Policy) revokes it once it is unused for ${d.unused_days ?? "its"} days. If the integration still needs it, it keeps working as long as it is used.`,
        ]
      : event === "token.reuse_detected"
        ? [
            `Service token ${d.id} (${d.issued_to}) was used again after its rotation: its chain is revoked`,
            "A service token that had already been rotated was presented again, so someone else may hold a copy of it. " +
              "The console revoked every token of its rotation chain. Find where the old value leaked, then create a new token for the integration.",
          ]
        : event === "token.expired"
          ? [
              `Service token ${d.id} (${d.issued_to}) has expired`,
              "This service token has expired: whatever uses it can no longer authenticate. Rotate it to issue a replacement.",
            ]
          : [
              `Service token ${d.id} (${d.issued_to}) expires ${relativeTime(expires, now)}`,
              "This service token expires soon. Rotate it before then so the integration that uses it keeps working.",
            ];
  return { subject, text: [intro, "", ...tokenLines(event, d, now), ...FOOTER].join("\n") };
}

export function digestEmail(
  items: { event: TokenEventType; data: TokenEventData }[],
  now: number,
): { subject: string; text: string } {
  const expired = items.filter((i) => i.event === "token.expired").length;
  const unused = items.filter((i) => i.event === "token.unused").length;
  const expiring = items.length - expired - unused;
  const parts = [
    expiring ? `${expiring} expiring` : "",
    expired ? `${expired} expired` : "",
    unused ? `${unused} to be revoked as unused` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const sorted = [...items].sort((a, b) => a.data.expires_at.localeCompare(b.data.expires_at));
  const blocks = sorted.flatMap((i) => ["", ...tokenLines(i.event, i.data, now)]);
  return {
    subject: `Service tokens: ${parts}`,
    text: [
      `Daily digest: ${items.length} service token${items.length === 1 ? "" : "s"} crossed a warning threshold or expired since the last digest.`,
      ...blocks,
      ...FOOTER,
    ].join("\n"),
  };
}

export function testEmail(now: number): { subject: string; text: string } {
  return {
    subject: "Test email from the Service Tokens console",
    text: [
      `This is a test sent at ${utc(new Date(now).toISOString())}: the console can reach you through this relay.`,
      ...FOOTER,
    ].join("\n"),
  };
}
