/** What each recorded action means to an administrator (the audit log and a token's own trail). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed sign-in",
  "auth.sign_in_locked": "Sign-in refused (locked)",
  "auth.sign_out": "Signed out",
  "service_token.create": "Created a service token",
  "service_token.revoke": "Revoked a service token",
  "service_token.identify": "Identified a service token",
  "api.auth_failed": "Failed API authentication",
  "api.auth_failed_suppressed": "Failed API authentications (not recorded one by one)",
  "file.upload": "Uploaded a file",
  "file.download": "Downloaded a file",
};
