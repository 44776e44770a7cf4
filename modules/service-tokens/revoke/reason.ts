// Value types the lifecycle functions share with store.ts (kept apart so store.ts needs few edits).

/** The optional details set at creation and editable later (already normalised by the lifecycle schemas). */
export type TokenDetailsValues = { description?: string | null; allowedCidrs?: string | null; notifyEmails?: string | null };

/** A revoke's reason, as parsed by revokeReasonSchema (or REUSE_DETECTED, set by the console itself). */
export type RevokeReasonValues = { reason: string | null; reasonText: string | null };

/** The reason's part of an audit event's details: nothing when no reason was given. */
export function reasonDetails(why: RevokeReasonValues): { reason?: string; reasonText?: string } {
  return { ...(why.reason ? { reason: why.reason } : {}), ...(why.reasonText ? { reasonText: why.reasonText } : {}) };
}
