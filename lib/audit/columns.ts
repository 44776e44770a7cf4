// The stored audit event's columns, as every reader selects them (the Audit Log, its export, the
// senders to a SIEM): all of them, in the order the chain hashes them.
export const AUDIT_EVENT_COLUMNS = {
  seq: true,
  id: true,
  hash: true,
  prevHash: true,
  createdAt: true,
  actorType: true,
  actorId: true,
  actorName: true,
  action: true,
  outcome: true,
  targetType: true,
  targetId: true,
  ip: true,
  userAgent: true,
  details: true,
} as const;
