import "server-only";
import { registerSingleCopy } from "@/lib/single-copy";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { retryAfterSeconds } from "@/lib/auth/throttle";
import { hashToken, parseToken, tokenHint, tokenStatus, type ParseTokenFailure, type TokenStatus } from "@/lib/tokens/server";
import { recordAuditEvent, type AuditEventInput, type RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db/db";
import { serviceTokenSelect, toView, type ServiceTokenView } from "../token-view";

registerSingleCopy("modules/service-tokens/identify/identify");

/**
 * "Is this string one of our tokens?" for a value found in a log, a ticket or a repository. The value
 * is used for the answer and dropped: never stored, logged or returned. The lookup is audited by the
 * token's hint (prefix and last four characters) only, and not even that for a malformed value.
 */
export type IdentifyResult =
  | { kind: "malformed"; reason: ParseTokenFailure }
  | { kind: "unknown"; hint: string }
  | { kind: "known"; hint: string; token: ServiceTokenView; status: TokenStatus };

export const IDENTIFY_LIMIT_PER_MINUTE = 10;

// Per caller (a user or a token), in memory per process, one fixed minute from the first lookup (in real
// time, whatever `now` says): a lookup oracle must not become a way to test guesses quickly, though a
// guess of 256 bits is hopeless anyway; this mainly bounds audit noise.
const limiter = new RateLimiterMemory({ keyPrefix: "identify", points: IDENTIFY_LIMIT_PER_MINUTE, duration: 60 });

export type IdentifyCaller = Pick<AuditEventInput, "actorType" | "actorId" | "actorName"> & { actorId: string };

export async function identifyServiceToken(
  value: string,
  caller: IdentifyCaller,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ limited: true; retryAfterSeconds: number } | { limited: false; result: IdentifyResult }> {
  try {
    await limiter.consume(`${caller.actorType}:${caller.actorId}`);
  } catch (refused) {
    if (!(refused instanceof RateLimiterRes)) throw refused;
    return { limited: true, retryAfterSeconds: retryAfterSeconds(refused.msBeforeNext) };
  }

  const candidate = value.trim();
  const parsed = parseToken(candidate);
  let result: IdentifyResult;
  if (!parsed.ok) {
    result = { kind: "malformed", reason: parsed.reason };
  } else {
    const row = await db().serviceToken.findUnique({ where: { tokenHash: hashToken(parsed.token) }, select: serviceTokenSelect });
    const hint = tokenHint(parsed.token);
    const token = row ? toView(row) : null;
    result = token ? { kind: "known", hint, token, status: tokenStatus(token, now) } : { kind: "unknown", hint };
  }

  await recordAuditEvent({
    ...caller,
    action: "service_token.identify",
    outcome: "success",
    targetType: result.kind === "known" ? "service_token" : null,
    targetId: result.kind === "known" ? result.token.publicId : null,
    details:
      result.kind === "malformed" ? { result: "malformed", reason: result.reason } : { result: result.kind, hint: result.hint },
    meta,
  });
  return { limited: false, result };
}
