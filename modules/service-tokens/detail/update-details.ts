// Editing a token's description, allowed addresses and Notify, audited with the old and new values.
import "server-only";
import { allowedCidrList } from "@/lib/tokens";
import { recordAuditEvent, type RequestMeta } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/users";
import { db } from "@/lib/db/db";
import type { TokenDetailsValues } from "../revoke/reason";
import { serviceTokenSelect, toView, type ServiceTokenView } from "../token-view";

export type UpdateDetailsResult =
  | { ok: true; serviceToken: ServiceTokenView; changed: boolean }
  | { ok: false; code: "not_found" }
  | { ok: false; code: "revoked" };

/**
 * Sets the fields present in `values` (undefined: unchanged; null: cleared). Revoked tokens are
 * history and stay as they were. No change, no audit event.
 */
export async function updateServiceTokenDetails(
  publicId: string,
  values: TokenDetailsValues,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<UpdateDetailsResult> {
  return db().$transaction(async (tx): Promise<UpdateDetailsResult> => {
    const found = await tx.serviceToken.findUnique({ where: { publicId }, select: serviceTokenSelect });
    const row = found ? toView(found) : null;
    if (!row) return { ok: false, code: "not_found" };
    if (row.revokedAt !== null) return { ok: false, code: "revoked" };

    const changes: {
      description?: { old: string | null; new: string | null };
      allowedAddresses?: { old: string[]; new: string[] };
      notify?: { old: string[]; new: string[] };
    } = {};
    const data: { description?: string | null; allowedCidrs?: string | null; notifyEmails?: string | null } = {};
    if (values.description !== undefined && values.description !== row.description) {
      changes.description = { old: row.description, new: values.description };
      data.description = values.description;
    }
    if (values.allowedCidrs !== undefined && values.allowedCidrs !== row.allowedCidrs) {
      changes.allowedAddresses = { old: allowedCidrList(row.allowedCidrs), new: allowedCidrList(values.allowedCidrs) };
      data.allowedCidrs = values.allowedCidrs;
    }
    if (values.notifyEmails !== undefined && values.notifyEmails !== row.notifyEmails) {
      changes.notify = { old: allowedCidrList(row.notifyEmails), new: allowedCidrList(values.notifyEmails) };
      data.notifyEmails = values.notifyEmails;
    }
    if (Object.keys(data).length === 0) return { ok: true, serviceToken: row, changed: false };

    const updated = await tx.serviceToken.update({ where: { publicId }, data, select: serviceTokenSelect });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "service_token.update",
        outcome: "success",
        targetType: "service_token",
        targetId: publicId,
        details: { changes },
        meta,
      },
      tx,
    );
    return { ok: true, serviceToken: { ...updated, type: row.type }, changed: true };
  });
}
