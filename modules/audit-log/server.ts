// @console/server/audit-log: reading the audit trail, for the Audit Log page, the token page and the API.
import "server-only";

export { decodeAuditCursor, encodeAuditCursor, listAuditEventPage, type AuditEventPageQuery, type AuditEventView } from "./query";
export { exportAuditEvents } from "./export/export";
export { lastVerification } from "@/lib/audit/verify-database";
export { auditMaintenanceWork } from "./maintenance";
