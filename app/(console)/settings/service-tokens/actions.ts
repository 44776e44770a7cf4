"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionError, ActionResult } from "@/lib/action-result";
import { ForbiddenError, requireAdmin, requireUser } from "@/lib/server/auth/require-user";
import { identifyServiceToken } from "@/lib/server/service-tokens/identify";
import { getRequestMeta } from "@/lib/server/platform/request-meta";
import { createServiceToken, revokeServiceToken } from "@/lib/server/service-tokens/store";
import type { SessionUser } from "@/lib/server/auth/users";
import { createServiceTokenSchema, fieldErrorsOf, isPublicId, type TokenStatus, type TokenType } from "@/lib/tokens";

const PAGE = "/settings/service-tokens";

export type CreatedServiceToken = {
  /** The plaintext, returned this once and never stored. */
  token: string;
  publicId: string;
  type: TokenType;
  issuedTo: string;
  expiresAt: string;
};

type AdminCheck = { ok: true; user: SessionUser } | { ok: false; error: ActionError };

async function checkAdmin(): Promise<AdminCheck> {
  try {
    return { ok: true, user: await requireAdmin() };
  } catch (error) {
    if (error instanceof ForbiddenError) return { ok: false, error: { code: "forbidden", message: error.message } };
    throw error; // a redirect to /sign-in for signed-out callers
  }
}

function unexpected(action: string, error: unknown): { ok: false; error: ActionError } {
  // Name and code only: an error object could carry query arguments.
  const e = error as { name?: string; code?: string };
  console.error(`${action} failed: ${e.name ?? "Error"}${e.code ? ` (${e.code})` : ""}`);
  return { ok: false, error: { code: "unexpected", message: "Something went wrong on the server. Nothing was changed; try again." } };
}

export async function createServiceTokenAction(input: unknown): Promise<ActionResult<CreatedServiceToken>> {
  const admin = await checkAdmin();
  if (!admin.ok) return admin;

  const parsed = createServiceTokenSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: "invalid_input", message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) },
    };
  }

  try {
    const { token, serviceToken } = await createServiceToken(parsed.data, admin.user, await getRequestMeta());
    revalidatePath(PAGE, "layout");
    return {
      ok: true,
      data: {
        token,
        publicId: serviceToken.publicId,
        type: serviceToken.type,
        issuedTo: serviceToken.issuedTo,
        expiresAt: serviceToken.expiresAt.toISOString(),
      },
    };
  } catch (error) {
    return unexpected("createServiceTokenAction", error);
  }
}

const revokeSchema = z.object({
  publicId: z.string().refine(isPublicId, "That is not a service token ID."),
});

export async function revokeServiceTokenAction(input: unknown): Promise<ActionResult<{ publicId: string; alreadyRevoked: boolean }>> {
  const admin = await checkAdmin();
  if (!admin.ok) return admin;

  const parsed = revokeSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: "invalid_input", message: parsed.error.issues[0]?.message ?? "Invalid input." } };
  }

  try {
    const result = await revokeServiceToken(parsed.data.publicId, admin.user, await getRequestMeta());
    if (!result.ok) return { ok: false, error: { code: "not_found", message: "That service token does not exist." } };
    revalidatePath(PAGE, "layout");
    return { ok: true, data: { publicId: result.serviceToken.publicId, alreadyRevoked: result.alreadyRevoked } };
  } catch (error) {
    return unexpected("revokeServiceTokenAction", error);
  }
}

/** What "Identify a token" shows: never the value that was pasted. */
export type IdentifyAnswer =
  | { kind: "malformed"; message: string }
  | { kind: "unknown"; hint: string }
  | {
      kind: "known";
      hint: string;
      token: {
        publicId: string;
        type: TokenType;
        issuedTo: string;
        status: TokenStatus;
        lastUsedAt: string | null;
        lastUsedIp: string | null;
      };
    };

const MALFORMED_MESSAGES = {
  wrong_prefix: "This is not a token of this console: it does not start with opc_con_ or opc_dev_.",
  wrong_length: "This is not a token of this console: a token is 57 characters long.",
  wrong_alphabet: "This is not a token of this console: a token has only letters and digits after its prefix.",
  bad_checksum: "This is not a token of this console: its checksum does not match (mistyped, cut or made up).",
} as const;

const identifySchema = z.object({ token: z.string().min(1, "Paste the value to identify.").max(1000, "That is too long to be a token.") });

/** Administrators and viewers: is this string one of our tokens, and which? Audited by hint only. */
export async function identifyServiceTokenAction(input: unknown): Promise<ActionResult<IdentifyAnswer>> {
  const user = await requireUser();
  const parsed = identifySchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: "invalid_input", message: parsed.error.issues[0]?.message ?? "Invalid input.", fieldErrors: { token: parsed.error.issues[0]?.message ?? "" } } };
  }
  try {
    const answer = await identifyServiceToken(
      parsed.data.token,
      { actorType: "user", actorId: user.id, actorName: user.username },
      await getRequestMeta(),
    );
    if (answer.limited) {
      return {
        ok: false,
        error: { code: "rate_limited", message: `Too many lookups in a minute. Try again in ${answer.retryAfterSeconds} seconds.` },
      };
    }
    const { result } = answer;
    if (result.kind === "malformed") return { ok: true, data: { kind: "malformed", message: MALFORMED_MESSAGES[result.reason] } };
    if (result.kind === "unknown") return { ok: true, data: { kind: "unknown", hint: result.hint } };
    const t = result.token;
    return {
      ok: true,
      data: {
        kind: "known",
        hint: result.hint,
        token: {
          publicId: t.publicId,
          type: t.type,
          issuedTo: t.issuedTo,
          status: result.status,
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
          lastUsedIp: t.lastUsedIp,
        },
      },
    };
  } catch (error) {
    return unexpected("identifyServiceTokenAction", error);
  }
}
