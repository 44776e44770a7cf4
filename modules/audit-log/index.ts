// What other features may use of the Audit Log: the list of events (the token page shows its own trail).
export { AuditEvents } from "./components/audit-events";
