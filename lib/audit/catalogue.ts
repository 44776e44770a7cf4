// Every action the audit log records, defined once: its label for people and the details it carries.
// `recordAuditEvent` accepts only these names, with these details, so writing an unknown action or the
// wrong details is a type error. Plain data (no server-only import) so that a client island may show
// the labels too.
type TokenFacts = { type: string; issuedTo: string; hint: string };
type TokenPolicyFacts = {
  connectorMaxDays: number;
  developerMaxDays: number;
  defaultExpiration: string;
  /** Absent in events recorded before the inactive-token policy. */
  revokeUnusedDays?: number | null;
};
type DestinationFacts = {
  name: string;
  protocol: string;
  host: string;
  port: number;
  format: string;
  tls?: { ca: boolean; clientCertificate: boolean };
};
type NotificationFacts = Record<string, string | number | boolean | null | string[] | number[]>;
type AuditSettingsFacts = {
  appName: string | null;
  hostname: string | null;
  backlogMaxEvents: number;
  backlogMaxDays: number;
  retentionDays: number | null;
};

/** The details each action carries (`null`: none). */
export type AuditDetailsOf = {
  "auth.sign_in": null;
  "auth.sign_in_failed": {
    reason:
      | "wrong_password"
      | "unknown_user"
      | "disabled"
      | "not_local"
      | "no_group"
      | "ambiguous_user"
      | "local_admins_only"
      | "directory_unreachable"
      | "directory_error"
      /** OpenID Connect: the ID token has no groups claim of the configured name. */
      | "no_groups_claim"
      /** OpenID Connect: the callback's state matches no sign-in this browser started (or it expired). */
      | "oidc_state"
      /** OpenID Connect: the provider refused the code (used already, expired, or not this client's). */
      | "oidc_code"
      /** OpenID Connect: the ID token failed validation (issuer, audience, expiry, nonce, signature). */
      | "oidc_token"
      /** OpenID Connect: the provider answered the sign-in with an error (the user cancelled, …). */
      | "oidc_denied"
      /** The username belongs to a user from another directory. */
      | "other_source";
    /** Set for a directory sign-in. */
    source?: "LDAP" | "OIDC";
  };
  "auth.sign_in_locked": null;
  /** One per block: the failure that reached a limit. */
  "auth.sign_in_throttled": { scope: "user_address" | "address"; failures: number; address: string; until: string };
  "auth.sign_in_failed_suppressed": { count: number; reason: string };
  "auth.sign_out": null;
  "service_token.create": TokenFacts & { expiresAt: string };
  /** A lookup by "Identify a token": the token's hint (never for a malformed value), never the value. */
  "service_token.identify": { result: "malformed" | "unknown" | "known"; reason?: string; hint?: string };
  "service_token.revoke": TokenFacts & { reason?: string; reasonText?: string };
  // --- token lifecycle ---
  "service_token.rotate": TokenFacts & {
    replacedId: string;
    newId: string;
    overlapSeconds: number;
    /** The replaced token's expiry after the rotation (the end of the overlap). */
    replacedExpiresAt: string;
    expiresAt: string;
    by: "console" | "api";
  };
  "service_token.reuse_detected": { presentedId: string; revokedIds: string[] };
  /** A rotation retried with its Idempotency-Key: the same new token was answered again. */
  "service_token.rotate_replayed": { replacedId: string; newId: string; hint: string };
  "service_token.bulk_revoke": TokenFacts & { reason?: string; reasonText?: string; batchSize: number };
  "service_token.update": {
    changes: {
      description?: { old: string | null; new: string | null };
      allowedAddresses?: { old: string[]; new: string[] };
      notify?: { old: string[]; new: string[] };
    };
  };
  "token_policy.update": { old: TokenPolicyFacts; new: TokenPolicyFacts };
  "api.address_not_allowed": { address: string | null; route?: string };
  "api.auth_failed": { code: string; reason?: string; route?: string };
  "api.auth_failed_suppressed": { count: number; reason: string };
  "file.upload": { name: string; size: number; sha256: string };
  "file.download": { name: string; size: number };
  // --- the audit trail itself ---
  "audit_forwarding.destination_add": DestinationFacts;
  "audit_forwarding.destination_update": { old: DestinationFacts; new: DestinationFacts; clientKey?: "replaced" | "removed" };
  "audit_forwarding.destination_remove": DestinationFacts;
  "audit_forwarding.test_event": { name: string; result: string };
  /** A destination's backlog passed its limit: these events were skipped, never sent to it. */
  "audit_forwarding.backlog_overflow": {
    name: string;
    fromSeq: string;
    toSeq: string;
    count: number;
    reason: "events" | "age" | "pruned";
  };
  "audit_forwarding.settings_update": { old: AuditSettingsFacts; new: AuditSettingsFacts };
  // --- notifications (modules/notifications) ---
  "notifications.settings_update": { old: NotificationFacts; new: NotificationFacts; password?: "replaced" | "removed" };
  "notifications.test_email": { ok: boolean; result: string };
  "notifications.check_now": { queued: number };
  "notifications.test_webhook": { url: string; ok: boolean; result: string };
  "notifications.webhook_add": { url: string; events: string[] };
  "notifications.webhook_update": { url: string; events: string[] };
  "notifications.webhook_remove": { url: string };
  "notifications.webhook_rotate_secret": { url: string };
  /** One failed attempt to deliver a notification; `final` when it was given up. */
  "notifications.delivery_failed": { channel: string; event: string; attempt: number; error: string; final: boolean };
  "audit_log.export": { format: "csv" | "jsonl"; filters: Record<string, string> };
  "audit_log.prune": { throughSeq: string; count: number; retentionDays: number };
  "audit_log.verify": { ok: boolean; checked: number; problem?: string; source: "command" | "console" };
  // --- users (modules/users); the target is the user, named in the details ---
  "user.create": { username: string; role: string; source: string };
  "user.role_change": { username: string; old: string; new: string };
  "user.password_reset": { username: string; sessionsEnded: number };
  "user.disable": { username: string };
  "user.enable": { username: string };
  "user.sign_out_everywhere": { username: string; sessionsEnded: number };
  /** A user changed their own password from the user panel (the other sessions end). */
  "user.password_change": { sessionsEnded: number };
  "user.password_change_failed": { reason: "wrong_password" };
  // --- Settings > Directory (modules/directory); never the bind password, only whether it changed ---
  "directory.settings_update": Record<string, string | boolean | null>;
  /** The LDAP or the OpenID Connect settings removed: their users stay but cannot sign in through them. */
  "directory.settings_remove": { kind: "ldap" | "oidc" };
};

export type AuditAction = keyof AuditDetailsOf;

/** What each action means to an administrator, in the order the audit log's filter lists them. */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_locked": "Sign-in refused (locked)",
  "auth.sign_in_throttled": "Sign-ins refused from an address (too many failures)",
  "auth.sign_in_failed_suppressed": "Failed sign-ins (not recorded one by one)",
  "auth.sign_out": "Signed out",
  "service_token.create": "Created a service token",
  "service_token.revoke": "Revoked a service token",
  "service_token.identify": "Identified a service token",
  "service_token.rotate": "Rotated a service token",
  "service_token.reuse_detected": "Rotated token reused: chain revoked",
  "service_token.rotate_replayed": "Rotation retried (same Idempotency-Key): answered again",
  "service_token.bulk_revoke": "Revoked a service token (bulk)",
  "service_token.update": "Edited a service token",
  "token_policy.update": "Changed the token policy",
  "api.address_not_allowed": "API call from an address not allowed",
  "api.auth_failed": "Failed API authentication",
  "api.auth_failed_suppressed": "Failed API authentications (not recorded one by one)",
  "file.upload": "Uploaded a file",
  "file.download": "Downloaded a file",
  "audit_forwarding.destination_add": "Added an audit destination",
  "audit_forwarding.destination_update": "Edited an audit destination",
  "audit_forwarding.destination_remove": "Removed an audit destination",
  "audit_forwarding.test_event": "Sent a test event to an audit destination",
  "audit_forwarding.backlog_overflow": "Audit events skipped: a destination's backlog overflowed",
  "audit_forwarding.settings_update": "Changed the audit settings",
  "notifications.settings_update": "Changed the notification settings",
  "notifications.test_email": "Sent a test email",
  "notifications.check_now": "Checked token expiries now",
  "notifications.test_webhook": "Sent a test event to a webhook",
  "notifications.webhook_add": "Added a webhook",
  "notifications.webhook_update": "Edited a webhook",
  "notifications.webhook_remove": "Removed a webhook",
  "notifications.webhook_rotate_secret": "Rotated a webhook's signing secret",
  "notifications.delivery_failed": "A notification could not be delivered",
  "audit_log.export": "Exported the audit log",
  "audit_log.prune": "Pruned old audit events",
  "audit_log.verify": "Verified the audit chain",
  "user.create": "Added a user",
  "user.role_change": "Changed a user's role",
  "user.password_reset": "Reset a user's password",
  "user.disable": "Disabled a user",
  "user.enable": "Enabled a user",
  "user.sign_out_everywhere": "Signed a user out everywhere",
  "user.password_change": "Changed their own password",
  "user.password_change_failed": "Failed to change their own password",
  "directory.settings_update": "Changed the directory settings",
  "directory.settings_remove": "Removed directory settings",
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

/** The label of a stored action; an action written by a newer version shows as it was stored. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}
