export const AUDIT_FORWARDING_PATH = "/settings/audit-forwarding";
