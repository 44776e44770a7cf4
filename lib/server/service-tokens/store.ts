import "server-only";
import {
  DAY_MS,
  EXPIRING_SOON_DAYS,
  generatePublicId,
  generateToken,
  type CreateServiceTokenValues,
  type TokenStatus,
  type TokenType,
} from "@/lib/tokens/server";
import { recordAuditEvent, type RequestMeta } from "../audit/record";
import { db } from "../platform/db";
import { newId } from "../platform/ids";
import type { SessionUser } from "../auth/users";
import { assertWithinPolicy } from "./policy";
import { reasonDetails, type RevokeReasonValues, type TokenDetailsValues } from "./lifecycle-values";

/**
 * Every column a page, an action result or the API may see. The hash is not among them: it is only
 * ever used in a WHERE clause (findServiceTokenByHash).
 */
export const serviceTokenSelect = {
  publicId: true,
  type: true,
  issuedTo: true,
  hint: true,
  createdAt: true,
  createdByName: true,
  expiresAt: true,
  revokedAt: true,
  revokedByName: true,
  lastUsedAt: true,
  lastUsedIp: true,
  // token lifecycle
  description: true,
  allowedCidrs: true,
  revokeReason: true,
  revokeReasonText: true,
  replacesPublicId: true,
  replacedByPublicId: true,
} as const;

export type ServiceTokenView = {
  publicId: string;
  type: TokenType;
  issuedTo: string;
  hint: string;
  createdAt: Date;
  createdByName: string;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedByName: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  // token lifecycle
  description: string | null;
  /** Canonical CIDR ranges, one per line; null: any address. */
  allowedCidrs: string | null;
  revokeReason: string | null;
  revokeReasonText: string | null;
  replacesPublicId: string | null;
  replacedByPublicId: string | null;
};

function toView<T extends { type: string }>(row: T): T & { type: TokenType } {
  return { ...row, type: row.type === "DEVELOPER" ? "DEVELOPER" : "CONNECTOR" };
}

/** Newest first; revoked tokens only when asked for. */
export async function listServiceTokens(options: { includeRevoked?: boolean } = {}): Promise<ServiceTokenView[]> {
  const rows = await db().serviceToken.findMany({
    where: options.includeRevoked ? {} : { revokedAt: null },
    select: serviceTokenSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toView);
}

/**
 * Creates a token and its audit event in one transaction. The plaintext is returned to the caller once
 * and exists nowhere else: only its SHA-256 hash and a hint are stored.
 */
export async function createServiceToken(
  values: CreateServiceTokenValues & TokenDetailsValues,
  actor: SessionUser,
  meta: RequestMeta,
): Promise<{ token: string; serviceToken: ServiceTokenView }> {
  const { token, hash, hint } = generateToken(values.type);
  const serviceToken = await db().$transaction(async (tx) => {
    await assertWithinPolicy(tx, values.type, values.expiresAt, new Date()); // throws TokenPolicyError
    const row = await tx.serviceToken.create({
      data: {
        id: newId(),
        publicId: generatePublicId(),
        type: values.type,
        issuedTo: values.issuedTo,
        tokenHash: hash,
        hint,
        createdById: actor.id,
        createdByName: actor.username,
        expiresAt: values.expiresAt,
        description: values.description ?? null,
        allowedCidrs: values.allowedCidrs ?? null,
      },
      select: serviceTokenSelect,
    });
    await recordAuditEvent(
      {
        actorType: "user",
        actorId: actor.id,
        actorName: actor.username,
        action: "service_token.create",
        outcome: "success",
        targetType: "service_token",
        targetId: row.publicId,
        details: { type: row.type, issuedTo: row.issuedTo, hint: row.hint, expiresAt: row.expiresAt.toISOString() },
        meta,
      },
      tx,
    );
    return row;
  });
  return { token, serviceToken: toView(serviceToken) };
}

export type RevokeResult =
  | { ok: true; serviceToken: ServiceTokenView; alreadyRevoked: boolean }
  | { ok: false; code: "not_found" };

/**
 * Revokes a token for good, recording who and when, with its audit event in the same transaction.
 * Revoking a revoked token changes nothing and reports success: a double click is harmless.
 */
export async function revokeServiceToken(
  publicId: string,
  actor: SessionUser,
  meta: RequestMeta,
  why: RevokeReasonValues = { reason: null, reasonText: null },
): Promise<RevokeResult> {
  return db().$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.serviceToken.updateMany({
      where: { publicId, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.id, revokedByName: actor.username, revokeReason: why.reason, revokeReasonText: why.reasonText },
    });
    const row = await tx.serviceToken.findUnique({ where: { publicId }, select: serviceTokenSelect });
    if (!row) return { ok: false, code: "not_found" } as const;
    if (count > 0) {
      await recordAuditEvent(
        {
          actorType: "user",
          actorId: actor.id,
          actorName: actor.username,
          action: "service_token.revoke",
          outcome: "success",
          targetType: "service_token",
          targetId: row.publicId,
          details: { type: row.type, issuedTo: row.issuedTo, hint: row.hint, ...reasonDetails(why) },
          meta,
        },
        tx,
      );
    }
    return { ok: true, serviceToken: toView(row), alreadyRevoked: count === 0 } as const;
  });
}

export type ServiceTokenPageQuery = {
  type?: TokenType;
  status?: TokenStatus;
  /** 1-based. */
  page: number;
  perPage: number;
  now: Date;
};

/**
 * The conditions tokenStatus() decides by, as a query: the same boundaries (expired at the instant of
 * expiry, "expiring" within EXPIRING_SOON_DAYS), so the API's filter and the page's badges agree.
 */
function statusWhere(status: TokenStatus, now: Date) {
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY_MS);
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "expiring":
      return { revokedAt: null, expiresAt: { gt: now, lt: soon } };
    case "active":
      return { revokedAt: null, expiresAt: { gte: soon } };
  }
}

/** One page of token metadata (revoked ones included unless filtered), newest first, with the total. */
export async function listServiceTokenPage(
  query: ServiceTokenPageQuery,
): Promise<{ items: ServiceTokenView[]; total: number }> {
  const where = {
    ...(query.type ? { type: query.type } : {}),
    ...(query.status ? statusWhere(query.status, query.now) : {}),
  };
  const [rows, total] = await Promise.all([
    db().serviceToken.findMany({
      where,
      select: serviceTokenSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
    }),
    db().serviceToken.count({ where }),
  ]);
  return { items: rows.map(toView), total };
}
